package io.hypernf.sdk.port.os;

/**
 * The system calls port code makes, as an instance so that tests can replace the kernel with a
 * Mockito mock and check the exact request bytes and call order. {@link LinuxSyscalls} is the
 * real one.
 *
 * <p>Every call returns what the C function returns (-1 or {@link #MAP_FAILED} on failure) and
 * never throws; {@link #errno()} then tells why. Addresses are {@code long}s of native memory.
 * Values below are Linux x86-64's (asm-generic/fcntl.h, mman-common.h, poll.h, errno-base.h).
 */
public interface Syscalls {
    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_RDWR = 2;
    int O_NONBLOCK = 0x800;
    int O_CLOEXEC = 0x80000;

    int PROT_READ = 1;
    int PROT_WRITE = 2;
    int MAP_SHARED = 0x01;
    int MAP_PRIVATE = 0x02;
    int MAP_ANONYMOUS = 0x20;
    /** {@code (void *) -1}, what mmap returns on failure. */
    long MAP_FAILED = -1L;

    short POLLIN = 0x1;
    short POLLPRI = 0x2;
    short POLLOUT = 0x4;
    short POLLERR = 0x8;
    short POLLHUP = 0x10;
    short POLLNVAL = 0x20;

    int EPERM = 1;
    int ENOENT = 2;
    int EINTR = 4;
    int ENXIO = 6;
    int EBADF = 9;
    int EAGAIN = 11;
    int ENOMEM = 12;
    int EACCES = 13;
    int EBUSY = 16;
    int ENODEV = 19;
    int EINVAL = 22;
    int ENOTTY = 25;

    int open(String path, int flags);

    int close(int fd);

    /** ioctl with one pointer-sized argument (a struct's address, or 0). */
    int ioctl(int fd, long request, long arg);

    long mmap(long addr, long length, int prot, int flags, int fd, long offset);

    int munmap(long addr, long length);

    /** poll over {@code count} {@code struct pollfd}s at {@code fds} (see {@link PollFd}). */
    int poll(long fds, int count, int timeoutMillis);

    /** The errno the calling thread's last failed call left. */
    int errno();

    /** The C library's text for {@code errno}. */
    String strerror(int errno);

    /** "Operation not permitted (errno 1)": for setup error messages. */
    default String describe(int errno) {
        return strerror(errno) + " (errno " + errno + ")";
    }
}
