package io.hypernf.sdk.port.netmap;

import static io.hypernf.sdk.port.netmap.FakeNetmapDevice.CTRL;
import static io.hypernf.sdk.port.netmap.FakeNetmapDevice.FD;
import static io.hypernf.sdk.port.netmap.FakeNetmapDevice.REGIF;
import static io.hypernf.sdk.ring.NetmapLayout.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.hypernf.sdk.port.AbstractPortTest;
import io.hypernf.sdk.port.PortException;
import io.hypernf.sdk.port.PortUri;
import io.hypernf.sdk.port.os.Syscalls;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.InOrder;

/**
 * {@code netmap:/dev/hypernfN}: the port spec for the HyperNF front device in a guest. The device
 * played here has what frontend-native/dev.c offers: one TX and one RX ring, no host rings; it
 * refuses host rings in the request and ignores the request's name.
 */
class NetmapDevicePathTest {
    private final FakeNetmapDevice device = new FakeNetmapDevice(1, 0, 32);

    @AfterEach
    void release() { device.close(); }

    private NetmapPort open(String uri) {
        return NetmapPort.open(device.sys, (PortUri.Netmap) PortUri.parse(uri));
    }

    private static ByteBuffer le(byte[] bytes) { return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN); }

    private static String cString(byte[] bytes, int at, int size) {
        int end = at;
        while (end < at + size && bytes[end] != 0) {
            end++;
        }
        for (int i = end; i < at + size; i++) {
            assertThat(bytes[i]).as("NUL padding at %d", i).isZero();
        }
        return new String(bytes, at, end - at, StandardCharsets.US_ASCII);
    }

    @Test
    void aDevicePathNamesTheDeviceAndRegistersAllItsRingsUnderTheNodeName() {
        PortUri.Netmap n = (PortUri.Netmap) PortUri.parse("netmap:/dev/hypernf1");
        assertThat(n.device()).isEqualTo("/dev/hypernf1");
        assertThat(n.name()).isEqualTo("hypernf1");
        assertThat(n.requestName()).isEqualTo("hypernf1");
        assertThat(n.mode()).isEqualTo(NR_REG_ALL_NIC);
        assertThat(n.ringId()).isZero();
        assertThat(n.flags()).isZero();
        assertThat(n.pipe()).isNull();
        assertThat(n.legacyFlags()).isEqualTo(NR_REG_ALL_NIC);
        assertThat(((PortUri.Netmap) PortUri.parse("netmap:/run/hnf/port_3")).device()).isEqualTo("/run/hnf/port_3");
    }

    @Test
    void api14RequestBytesForTheFrontDevice() {
        try (NetmapPort port = open("netmap:/dev/hypernf0")) {
            InOrder order = inOrder(device.sys);
            order.verify(device.sys).open("/dev/hypernf0", Syscalls.O_RDWR | Syscalls.O_CLOEXEC);
            order.verify(device.sys).ioctl(eq(FD), eq(CTRL), anyLong());
            order.verify(device.sys).mmap(0, device.memory.size(), Syscalls.PROT_READ | Syscalls.PROT_WRITE, Syscalls.MAP_SHARED, FD, 0);
            verify(device.sys, never()).ioctl(eq(FD), eq(REGIF), anyLong());

            byte[] header = device.headers.get(0);
            ByteBuffer hdr = le(header);
            assertThat(hdr.getShort(HDR_VERSION)).as("dev.c refuses any version but 14").isEqualTo((short) 14);
            assertThat(hdr.getShort(HDR_REQTYPE)).isEqualTo((short) REQ_REGISTER);
            assertThat(hdr.getInt(HDR_RESERVED)).isZero();
            assertThat(cString(header, HDR_NAME, HDR_NAME_SIZE)).isEqualTo("hypernf0");
            assertThat(hdr.getLong(HDR_OPTIONS)).as("dev.c answers EOPNOTSUPP to any option").isZero();

            ByteBuffer body = le(device.bodies.get(0));
            assertThat(body.getInt(REG_MODE)).as("dev.c takes 0, ALL_NIC or ONE_NIC ring 0").isEqualTo(NR_REG_ALL_NIC);
            assertThat(body.getShort(REG_RINGID)).isZero();
            assertThat(body.getShort(REG_HOST_TX_RINGS)).as("dev.c refuses host rings").isZero();
            assertThat(body.getShort(REG_HOST_RX_RINGS)).isZero();
            assertThat(body.getLong(REG_FLAGS)).isZero();
            assertThat(body.getInt(REG_EXTRA_BUFS)).isZero();

            assertThat(port.txRingCount()).isEqualTo(1);
            assertThat(port.rxRingCount()).isEqualTo(1);
            assertThat(port.txRing(0).address()).isEqualTo(device.memory.txRing(0, 0).address());
            assertThat(port.rxRing(0).address()).as("no host rings: RX ring 0 follows the one TX ring")
                    .isEqualTo(device.memory.rxRing(0, 0).address());
            assertThat(port.name()).isEqualTo("netmap:/dev/hypernf0");
        }
    }

    @Test
    void framesGoThroughTheFrontDeviceRingsBothWays() {
        try (NetmapPort port = open("netmap:/dev/hypernf0")) {
            AbstractPortTest.fill(port.txRing(0), AbstractPortTest.frames(4, 64, 67));
            assertThat(port.txSync()).isEqualTo(4);
            assertThat(device.transmitted).containsExactlyElementsOf(AbstractPortTest.frames(4, 64, 67));
            device.toReceive.addAll(AbstractPortTest.frames(3, 90, 92));
            assertThat(port.poll(false, 0)).isTrue();
            assertThat(port.rxSync()).isEqualTo(3);
            assertThat(AbstractPortTest.consume(port.rxRing(0))).containsExactlyElementsOf(AbstractPortTest.frames(3, 90, 92));
        }
    }

    /**
     * A device path may also name an API 11 netmap device (one host ring per direction in its
     * netmap_if, which API 11 always lays out); the front device itself answers NIOCCTRL.
     */
    @Test
    void theLegacyFallbackCarriesTheNodeName() {
        try (FakeNetmapDevice legacy = new FakeNetmapDevice(1, 1, 32)) {
            legacy.ctrlErrno = Syscalls.EINVAL;
            NetmapPort port = NetmapPort.open(legacy.sys, (PortUri.Netmap) PortUri.parse("netmap:/dev/hypernf2"));
            port.close();
            verify(legacy.sys).open("/dev/hypernf2", Syscalls.O_RDWR | Syscalls.O_CLOEXEC);
            byte[] req = legacy.legacyRequests.get(0);
            assertThat(cString(req, NMREQ_NAME, NMREQ_NAME_SIZE)).isEqualTo("hypernf2");
            assertThat(le(req).getInt(NMREQ_VERSION)).isEqualTo(11);
            assertThat(le(req).getInt(NMREQ_FLAGS)).isEqualTo(NR_REG_ALL_NIC);
            assertThat(le(req).getShort(NMREQ_RINGID)).isZero();
            assertThat(port.registration().api()).isEqualTo(11);
        }
    }

    @Test
    void aMissingFrontDeviceSaysWhichModuleToLoad() {
        doReturn(-1).when(device.sys).open("/dev/hypernf5", Syscalls.O_RDWR | Syscalls.O_CLOEXEC);
        device.errno = Syscalls.ENOENT;
        assertThatThrownBy(() -> open("netmap:/dev/hypernf5")).isInstanceOf(PortException.class)
                .hasMessageContaining("port 'netmap:/dev/hypernf5'").hasMessageContaining("cannot open /dev/hypernf5")
                .hasMessageContaining("HyperNF front module loaded");
        verify(device.sys, never()).ioctl(anyInt(), anyLong(), anyLong());
    }

    @Test
    void aSecondRegistrationRefusedByTheDeviceIsFinal() {
        device.ctrlErrno = 16;
        assertThatThrownBy(() -> open("netmap:/dev/hypernf0")).isInstanceOf(PortException.class)
                .hasMessageContaining("/dev/hypernf0: NIOCCTRL register 'hypernf0' failed")
                .hasMessageContaining("errno 16");
        verify(device.sys, never()).ioctl(eq(FD), eq(REGIF), anyLong());
        verify(device.sys).close(FD);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "netmap:/dev/hypernf0?dev=/dev/netmap|a device path takes no parameters",
            "netmap:/dev/|'/dev/' is not a device path",
            "netmap:/|'/' is not a device path",
            "netmap:/dev/hyper-nf0|'/dev/hyper-nf0' is not a device path whose file name is [0-9A-Za-z_]+",
            "netmap:/dev/../hypernf0|is not a device path",
            "netmap:/dev//hypernf0|is not a device path",
            "netmap:/dev/hypernf0^|suffixes and flags go with netmap:NAME?dev=PATH",
            "netmap:/dev/a234567890123456789012345678901234567890123456789012345678901234|longer than 63 characters",
    })
    void badDevicePathsAreRejectedWithTheReason(String uri, String message) {
        assertThatThrownBy(() -> PortUri.parse(uri)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port '" + uri + "'").hasMessageContaining(message)
                .hasMessageContaining("netmap:/DEVICE/PATH");
    }
}
