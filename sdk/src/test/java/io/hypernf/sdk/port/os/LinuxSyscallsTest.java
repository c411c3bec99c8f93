package io.hypernf.sdk.port.os;

import static io.hypernf.sdk.port.os.Syscalls.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.ring.NativeMemory;
import io.hypernf.sdk.ring.NetmapLayout;
import org.junit.jupiter.api.Test;

/** The JNA bindings against the real kernel, on objects every Linux machine has. */
class LinuxSyscallsTest {
    private final Syscalls sys = LinuxSyscalls.INSTANCE;

    @Test
    void openAndCloseReturnDescriptorAndZero() {
        int fd = sys.open("/dev/null", O_RDWR | O_CLOEXEC);
        assertThat(fd).isGreaterThanOrEqualTo(0);
        assertThat(sys.close(fd)).isZero();
    }

    @Test
    void failedCallsLeaveErrno() {
        assertThat(sys.open("/nonexistent/hypernf-device", O_RDWR)).isEqualTo(-1);
        assertThat(sys.errno()).isEqualTo(ENOENT);
        assertThat(sys.close(-1)).isEqualTo(-1);
        assertThat(sys.errno()).isEqualTo(EBADF);
    }

    @Test
    void ioctlOnANonNetmapDeviceIsENOTTY() {
        int fd = sys.open("/dev/null", O_RDWR);
        try {
            assertThat(sys.ioctl(fd, NetmapLayout.NIOCTXSYNC, 0)).isEqualTo(-1);
            assertThat(sys.errno()).isEqualTo(ENOTTY);
            long request = NativeMemory.allocateZeroed(NetmapLayout.HDR_SIZE);
            try {
                assertThat(sys.ioctl(fd, NetmapLayout.NIOCCTRL & 0xffffffffL, request)).isEqualTo(-1);
                assertThat(sys.errno()).isEqualTo(ENOTTY);
            } finally {
                NativeMemory.free(request);
            }
        } finally {
            sys.close(fd);
        }
    }

    @Test
    void mmapGivesWritableMemoryAndMunmapReleasesIt() {
        long length = 2 * 4096;
        long addr = sys.mmap(0, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        assertThat(addr).isNotEqualTo(MAP_FAILED);
        assertThat(addr & 4095).isZero();
        NativeMemory.putLong(addr + length - 8, 0x1122334455667788L);
        assertThat(NativeMemory.getLong(addr + length - 8)).isEqualTo(0x1122334455667788L);
        assertThat(sys.munmap(addr, length)).isZero();
    }

    @Test
    void mmapFailureReturnsMapFailedWithErrno() {
        assertThat(sys.mmap(0, 4096, PROT_READ, MAP_SHARED, -1, 0)).isEqualTo(MAP_FAILED);
        assertThat(sys.errno()).isEqualTo(EBADF);
    }

    @Test
    void pollReportsReadyDescriptorAndTimesOutOnNone() {
        int fd = sys.open("/dev/null", O_RDONLY);
        long fds = NativeMemory.allocateZeroed(PollFd.SIZE);
        try {
            PollFd pfd = new PollFd().wrap(fds);
            pfd.fd(0, fd);
            pfd.events(0, POLLIN);
            assertThat(sys.poll(fds, 1, 0)).isEqualTo(1);
            assertThat(pfd.revents(0) & POLLIN).isEqualTo(POLLIN);
            pfd.fd(0, -1);
            pfd.revents(0, (short) 0);
            assertThat(sys.poll(fds, 1, 1)).isZero();
            assertThat(pfd.revents(0)).isZero();
        } finally {
            NativeMemory.free(fds);
            sys.close(fd);
        }
    }

    @Test
    void strerrorGivesTheCLibraryText() {
        assertThat(sys.strerror(EPERM)).isEqualTo("Operation not permitted");
        assertThat(sys.describe(ENOTTY)).isEqualTo("Inappropriate ioctl for device (errno 25)");
    }
}
