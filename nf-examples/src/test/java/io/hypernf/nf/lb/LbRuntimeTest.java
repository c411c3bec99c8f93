package io.hypernf.nf.lb;

import static io.hypernf.nf.lb.LbFrames.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hypernf.sdk.nf.IdleMode;
import io.hypernf.sdk.nf.NfRuntime;
import io.hypernf.sdk.nf.RunOptions;
import io.hypernf.sdk.port.Ports;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Closing the runtime closes the LB, and with it the control socket it opened. */
class LbRuntimeTest {

    @Test
    void closingTheRuntimeStopsTheControlSocket() throws Exception {
        LbConfig config = LbConfig.of(ForwardingMode.FULL_NAT, ip("10.0.0.1"),
                List.of(new VirtualService("web", ip("10.0.0.10"), 80, 6, List.of()))).withControl("tcp:127.0.0.1:0");
        BackendRegistry registry = new BackendRegistry(config);
        LoadBalancer lb = new LoadBalancer("lb", config, registry, LbControlPlane.start(config, registry));
        SocketAddress control = lb.controlPlane().server().address();
        String q = "?group=lbclose&links=2&slots=64";
        NfRuntime runtime = NfRuntime.builder(new RunOptions(32, IdleMode.BLOCK, 100))
                .port("client", Ports.open("inproc:lbc/b" + q)).port("server", Ports.open("inproc:lbs/a" + q)).nf("lb", lb)
                .connect("lb", "client", "client").connect("lb", "server", "server").build();
        try (SocketChannel open = SocketChannel.open(control)) {
            assertThat(open.isConnected()).isTrue();
        }
        runtime.close();
        assertThatThrownBy(() -> SocketChannel.open(control).close()).isInstanceOf(ConnectException.class);
    }
}
