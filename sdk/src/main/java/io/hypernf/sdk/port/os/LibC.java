package io.hypernf.sdk.port.os;

import com.sun.jna.Native;

/**
 * The libc functions ports use, bound by JNA direct mapping ({@link Native#register}): each call
 * is a JNI call without reflection or proxies, and with primitive arguments nothing is allocated
 * per call. Pointers are passed as {@code long} addresses of native memory.
 *
 * <p>None of these methods throws on failure: like C they return -1 (or {@code MAP_FAILED}) and
 * JNA saves the thread's {@code errno}, read back with {@link Native#getLastError()} right after
 * the call. Port code calls them through {@link Syscalls}, never directly.
 */
public final class LibC {
    private LibC() {}

    static {
        Native.register(LibC.class, "c");
    }

    /** {@code int open(const char *path, int flags, mode_t mode)}; the path is converted to a C string. */
    public static native int open(String path, int flags, int mode);

    public static native int close(int fd);

    /**
     * {@code int ioctl(int fd, unsigned long request, ...)} with one pointer-sized argument: a
     * native address for requests that take a struct, 0 for those that take none (NIOCTXSYNC).
     */
    public static native int ioctl(int fd, long request, long arg);

    /** {@code void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)}. */
    public static native long mmap(long addr, long length, int prot, int flags, int fd, long offset);

    public static native int munmap(long addr, long length);

    /** {@code int poll(struct pollfd *fds, nfds_t nfds, int timeout)}; {@code fds} is the address of the array. */
    public static native int poll(long fds, long nfds, int timeoutMillis);

    /** {@code char *strerror(int errnum)}: the C library's text for an errno value. */
    public static native String strerror(int errnum);
}
