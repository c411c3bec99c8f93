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
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.hypernf.sdk.port.AbstractPortTest;
import io.hypernf.sdk.port.PortException;
import io.hypernf.sdk.port.PortUri;
import io.hypernf.sdk.port.os.Syscalls;
import io.hypernf.sdk.ring.NativeMemory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** The exact request bytes and call sequence of netmap: ports, against a device played by a Mockito mock. */
class NetmapPortTest {
    private final FakeNetmapDevice device = new FakeNetmapDevice(2, 16);

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
    void api14RegisterRequestBytesAndCallSequence() {
        try (NetmapPort port = open("netmap:eth0-1/x")) {
            InOrder order = inOrder(device.sys);
            order.verify(device.sys).open("/dev/netmap", Syscalls.O_RDWR | Syscalls.O_CLOEXEC);
            order.verify(device.sys).ioctl(eq(FD), eq(CTRL), anyLong());
            order.verify(device.sys).mmap(0, device.memory.size(), Syscalls.PROT_READ | Syscalls.PROT_WRITE, Syscalls.MAP_SHARED, FD, 0);
            verify(device.sys, never()).ioctl(eq(FD), eq(REGIF), anyLong());

            ByteBuffer hdr = le(device.headers.get(0));
            assertThat(hdr.getShort(HDR_VERSION)).isEqualTo((short) 14);
            assertThat(hdr.getShort(HDR_REQTYPE)).isEqualTo((short) REQ_REGISTER);
            assertThat(hdr.getInt(HDR_RESERVED)).isZero();
            assertThat(cString(device.headers.get(0), HDR_NAME, HDR_NAME_SIZE)).isEqualTo("eth0");
            assertThat(hdr.getLong(HDR_OPTIONS)).isZero();
            assertThat(hdr.getLong(HDR_BODY)).isNotZero();

            ByteBuffer body = le(device.bodies.get(0));
            assertThat(body.getInt(REG_MODE)).isEqualTo(NR_REG_ONE_NIC);
            assertThat(body.getShort(REG_RINGID)).isEqualTo((short) 1);
            assertThat(body.getLong(REG_FLAGS)).isEqualTo(PortUri.Netmap.NR_EXCLUSIVE);
            assertThat(body.getLong(REG_OFFSET)).isZero();
            assertThat(body.getLong(REG_MEMSIZE)).isZero();

            assertThat(port.registration().api()).isEqualTo(14);
            assertThat(port.registration().memsize()).isEqualTo(device.memory.size());
            assertThat(port.txRingCount()).isEqualTo(1);
            assertThat(port.txRing(0).address()).as("-1 binds hardware ring 1").isEqualTo(device.memory.txRing(0, 1).address());
            assertThat(port.rxRing(0).address()).isEqualTo(device.memory.rxRing(0, 1).address());
        }
    }

    @Test
    void ringSelectionFollowsTheRegisterMode() {
        try (NetmapPort all = open("netmap:eth0")) {
            assertThat(all.txRingCount()).isEqualTo(2);
            assertThat(all.rxRingCount()).isEqualTo(2);
            assertThat(all.rxRing(1).address()).isEqualTo(device.memory.rxRing(0, 1).address());
        }
        try (NetmapPort host = open("netmap:eth0^")) {
            assertThat(host.txRingCount()).isEqualTo(1);
            assertThat(host.txRing(0).address()).isEqualTo(device.memory.txRing(0, 2).address());
            assertThat(host.rxRing(0).address()).isEqualTo(device.memory.rxRing(0, 2).address());
        }
        try (NetmapPort both = open("netmap:eth0*/R")) {
            assertThat(both.rxRingCount()).isEqualTo(3);
            assertThat(both.txRingCount()).as("R: rx rings only").isZero();
        }
        assertThatThrownBy(() -> open("netmap:eth0-5")).isInstanceOf(PortException.class)
                .hasMessageContaining("bad geometry").hasMessageContaining("2 hardware and 1 host rings");
    }

    @Test
    void pipesCarryTheirSuffixInTheApi14Name() {
        try (NetmapPort port = open("netmap:eth0{3")) {
            assertThat(cString(device.headers.get(0), HDR_NAME, HDR_NAME_SIZE)).isEqualTo("eth0{3");
            assertThat(le(device.bodies.get(0)).getInt(REG_MODE)).isEqualTo(NR_REG_ALL_NIC);
        }
    }

    @Test
    void fallsBackToLegacyNiocregifOnEnotty() {
        device.ctrlErrno = Syscalls.ENOTTY;
        try (NetmapPort port = open("netmap:eth0}3?dev=/dev/hnf0")) {
            InOrder order = inOrder(device.sys);
            order.verify(device.sys).open(eq("/dev/hnf0"), anyInt());
            order.verify(device.sys).ioctl(eq(FD), eq(CTRL), anyLong());
            order.verify(device.sys).ioctl(eq(FD), eq(REGIF), anyLong());
            order.verify(device.sys).mmap(0, device.memory.size(), Syscalls.PROT_READ | Syscalls.PROT_WRITE, Syscalls.MAP_SHARED, FD, 0);

            byte[] req = device.legacyRequests.get(0);
            assertThat(req).hasSize(60);
            ByteBuffer b = le(req);
            assertThat(cString(req, NMREQ_NAME, NMREQ_NAME_SIZE)).isEqualTo("eth0");
            assertThat(b.getInt(NMREQ_VERSION)).isEqualTo(11);
            assertThat(b.getInt(NMREQ_FLAGS)).isEqualTo(NR_REG_PIPE_SLAVE);
            assertThat(b.getShort(NMREQ_RINGID)).isEqualTo((short) 3);
            assertThat(b.getShort(NMREQ_CMD)).isZero();
            assertThat(b.getInt(NMREQ_OFFSET)).isZero();
            assertThat(port.registration().api()).isEqualTo(11);
            assertThat(port.rxRing(0).address()).as("API 11: RX rings follow ni_tx_rings + 1 TX rings")
                    .isEqualTo(device.memory.rxRing(0, 0).address());
        }
    }

    @Test
    void fallsBackOnEinvalToo() {
        device.ctrlErrno = Syscalls.EINVAL;
        try (NetmapPort port = open("netmap:eth0")) {
            assertThat(port.registration().api()).isEqualTo(11);
            assertThat(le(device.legacyRequests.get(0)).getInt(NMREQ_FLAGS)).isEqualTo(NR_REG_ALL_NIC);
        }
    }

    @Test
    void missingDeviceNamesTheDeviceAndErrno() {
        doReturn(-1).when(device.sys).open("/dev/netmap", Syscalls.O_RDWR | Syscalls.O_CLOEXEC);
        device.errno = Syscalls.ENOENT;
        assertThatThrownBy(() -> open("netmap:eth0")).isInstanceOf(PortException.class)
                .hasMessageContaining("port 'netmap:eth0'").hasMessageContaining("cannot open /dev/netmap")
                .hasMessageContaining("No such file or directory (errno 2)").hasMessageContaining("module loaded");
        verify(device.sys, never()).ioctl(anyInt(), anyLong(), anyLong());
    }

    @Test
    void permissionErrorOnRegisterIsFinalAndClosesTheDescriptor() {
        device.ctrlErrno = Syscalls.EPERM;
        assertThatThrownBy(() -> open("netmap:valex:lx0")).isInstanceOf(PortException.class)
                .hasMessageContaining("/dev/netmap").hasMessageContaining("NIOCCTRL register 'valex:lx0'")
                .hasMessageContaining("Operation not permitted (errno 1)");
        verify(device.sys, never()).ioctl(eq(FD), eq(REGIF), anyLong());
        verify(device.sys, never()).mmap(anyLong(), anyLong(), anyInt(), anyInt(), anyInt(), anyLong());
        verify(device.sys).close(FD);
    }

    @Test
    void bothApisFailingNamesBothErrnos() {
        device.ctrlErrno = Syscalls.ENOTTY;
        device.regifErrno = Syscalls.ENXIO;
        assertThatThrownBy(() -> open("netmap:eth9")).isInstanceOf(PortException.class)
                .hasMessageContaining("NIOCCTRL (API 14) Inappropriate ioctl for device")
                .hasMessageContaining("NIOCREGIF (API 11) No such device or address");
        verify(device.sys).close(FD);
    }

    @Test
    void badReplyGeometryIsRejectedAndEverythingReleased() {
        device.replyMemsize = 0;
        assertThatThrownBy(() -> open("netmap:eth0")).isInstanceOf(PortException.class)
                .hasMessageContaining("bad geometry").hasMessageContaining("nr_memsize 0");
        verify(device.sys).close(FD);

        device.replyMemsize = device.memory.size();
        device.replyOffset = device.memory.size() + 4096;
        assertThatThrownBy(() -> open("netmap:eth0")).hasMessageContaining("bad geometry").hasMessageContaining("nr_offset");

        device.replyOffset = device.memory.interfaceAddress(0) - device.memory.address();
        long ringOfs = device.memory.interfaceAddress(0) + IF_RING_OFS;
        long saved = NativeMemory.getLong(ringOfs);
        NativeMemory.putLong(ringOfs, 1L << 40);
        try {
            assertThatThrownBy(() -> open("netmap:eth0")).hasMessageContaining("bad geometry").hasMessageContaining("outside the region");
            verify(device.sys).munmap(device.memory.address(), device.memory.size());
            verify(device.sys, times(3)).close(FD);
        } finally {
            NativeMemory.putLong(ringOfs, saved);
        }
    }

    @Test
    void mmapFailureNamesErrno() {
        doReturn(Syscalls.MAP_FAILED).when(device.sys).mmap(anyLong(), anyLong(), anyInt(), anyInt(), anyInt(), anyLong());
        device.errno = Syscalls.ENOMEM;
        assertThatThrownBy(() -> open("netmap:eth0")).hasMessageContaining("mmap of " + device.memory.size() + " bytes failed")
                .hasMessageContaining("Cannot allocate memory");
        verify(device.sys).close(FD);
        verify(device.sys, never()).munmap(anyLong(), anyLong());
    }

    @Test
    void syncsIssueTheIoctlsAndCount() {
        try (NetmapPort port = open("netmap:eth0-0")) {
            assertThat(port.txSync()).as("nothing queued: no ioctl").isZero();
            verify(device.sys, never()).ioctl(FD, NIOCTXSYNC, 0);
            AbstractPortTest.fill(port.txRing(0), AbstractPortTest.frames(3, 60, 62));
            assertThat(port.txSync()).isEqualTo(3);
            verify(device.sys).ioctl(FD, NIOCTXSYNC, 0);
            assertThat(device.transmitted).containsExactlyElementsOf(AbstractPortTest.frames(3, 60, 62));
            assertThat(port.counters().txBytes()).isEqualTo(60 + 61 + 62);

            device.toReceive.addAll(AbstractPortTest.frames(2, 100, 100));
            assertThat(port.rxSync()).isEqualTo(2);
            verify(device.sys).ioctl(FD, NIOCRXSYNC, 0);
            assertThat(AbstractPortTest.consume(port.rxRing(0))).containsExactlyElementsOf(AbstractPortTest.frames(2, 100, 100));
            assertThat(port.counters().rxBytes()).isEqualTo(200);
        }
    }

    @Test
    void failedSyncsAreCountedNotThrown() {
        try (NetmapPort port = open("netmap:eth0-0")) {
            doReturn(-1).when(device.sys).ioctl(FD, NIOCTXSYNC, 0);
            doReturn(-1).when(device.sys).ioctl(FD, NIOCRXSYNC, 0);
            AbstractPortTest.fill(port.txRing(0), AbstractPortTest.frames(1, 60, 60));
            assertThat(port.txSync()).isZero();
            assertThat(port.rxSync()).isZero();
            assertThat(port.counters().errors()).isEqualTo(2);
            assertThat(port.counters().txPackets()).isZero();
        }
    }

    @Test
    void pollAsksForTheRightEventsAndPassesTheTimeout() {
        try (NetmapPort port = open("netmap:eth0-0")) {
            long[] seen = new long[3];
            doAnswer(inv -> {
                long fds = inv.getArgument(0);
                seen[0] = NativeMemory.getInt(fds);
                seen[1] = NativeMemory.getShort(fds + 4);
                seen[2] = inv.<Integer>getArgument(2);
                NativeMemory.putShort(fds + 6, Syscalls.POLLOUT);
                return 1;
            }).when(device.sys).poll(anyLong(), eq(1), anyInt());
            assertThat(port.poll(true, 250)).isTrue();
            assertThat(seen).containsExactly(FD, Syscalls.POLLIN | Syscalls.POLLOUT, 250);
            assertThat(port.poll(false, 0)).as("only POLLOUT came back").isFalse();
            assertThat(seen[1]).isEqualTo(Syscalls.POLLIN);

            doReturn(-1).when(device.sys).poll(anyLong(), eq(1), anyInt());
            device.errno = Syscalls.EINTR;
            assertThat(port.poll(false, 5)).isFalse();
            assertThat(port.counters().errors()).isZero();
        }
    }

    @Test
    void closeUnmapsAndClosesOnce() {
        NetmapPort port = open("netmap:eth0");
        port.close();
        port.close();
        verify(device.sys, times(1)).munmap(device.memory.address(), device.memory.size());
        verify(device.sys, times(1)).close(FD);
        assertThat(port.txSync()).isZero();
        assertThat(port.rxSync()).isZero();
        assertThat(Arrays.asList(port.poll(true, 0))).containsExactly(false);
    }

    @Test
    void indicesOutsideTheRingAreCountedNeverFollowed() {
        try (NetmapPort port = open("netmap:eth0-0")) {
            NativeMemory.putInt(port.txRing(0).address() + RING_HEAD, 70000);
            assertThat(port.txSync()).isZero();
            verify(device.sys, never()).ioctl(FD, NIOCTXSYNC, 0);
            NativeMemory.putInt(port.txRing(0).address() + RING_HEAD, 0);
            NativeMemory.putInt(port.rxRing(0).address() + RING_TAIL, -1);
            doReturn(0).when(device.sys).ioctl(FD, NIOCRXSYNC, 0);
            assertThat(port.rxSync()).isZero();
            assertThat(port.counters().errors()).isEqualTo(2);
            NativeMemory.putInt(port.rxRing(0).address() + RING_TAIL, 0);
        }
    }
}
