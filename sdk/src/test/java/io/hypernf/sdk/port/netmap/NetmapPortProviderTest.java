package io.hypernf.sdk.port.netmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.hypernf.sdk.port.PortException;
import io.hypernf.sdk.port.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The netmap: scheme through Ports on the real kernel, where no netmap-ABI device exists. */
class NetmapPortProviderTest {

    @Test
    void aMissingDeviceIsAClearErrorThroughPorts() {
        assertThat(Ports.schemes()).contains("netmap");
        Path device = Path.of("/dev/hypernf-test-absent");
        assumeFalse(Files.exists(device), "a device exists at " + device);
        assertThatThrownBy(() -> Ports.open("netmap:eth0?dev=" + device))
                .isInstanceOf(PortException.class)
                .hasMessage("port 'netmap:eth0?dev=/dev/hypernf-test-absent': cannot open /dev/hypernf-test-absent: "
                        + "No such file or directory (errno 2) (no netmap-ABI device here: is the netmap or HyperNF front module loaded?)");
    }

    @Test
    void aDeviceThatIsNotNetmapFailsOnRegisterAndNamesBothApis() {
        assertThatThrownBy(() -> Ports.open("netmap:eth0?dev=/dev/null"))
                .isInstanceOf(PortException.class)
                .hasMessageContaining("/dev/null")
                .hasMessageContaining("NIOCCTRL (API 14) Inappropriate ioctl for device")
                .hasMessageContaining("NIOCREGIF (API 11) Inappropriate ioctl for device");
    }
}
