package io.hypernf.sdk.port.afpacket;

import com.sun.jna.Native;

/**
 * The libc socket calls an AF_PACKET port needs, bound by JNA direct mapping (no reflection, no
 * allocation per call with these primitive signatures). Pointers are native addresses as
 * {@code long}. Like C, each returns -1 on failure and leaves errno to
 * {@link Native#getLastError()}; none throws. mmap, poll and close come from
 * {@link io.hypernf.sdk.port.os.Syscalls}.
 */
public final class AfPacketLib {
    private AfPacketLib() {}

    static {
        Native.register(AfPacketLib.class, "c");
    }

    /** {@code int socket(int domain, int type, int protocol)}. */
    public static native int socket(int domain, int type, int protocol);

    /** {@code int setsockopt(int fd, int level, int optname, const void *optval, socklen_t optlen)}. */
    public static native int setsockopt(int fd, int level, int name, long value, int length);

    /** {@code int getsockopt(int fd, int level, int optname, void *optval, socklen_t *optlen)}; {@code lengthAddress} points to a u32. */
    public static native int getsockopt(int fd, int level, int name, long value, long lengthAddress);

    /** {@code int bind(int fd, const struct sockaddr *addr, socklen_t addrlen)}. */
    public static native int bind(int fd, long address, int length);

    /** {@code ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *dest, socklen_t destlen)}. */
    public static native long sendto(int fd, long buffer, long length, int flags, long destination, int destinationLength);

    /** {@code unsigned int if_nametoindex(const char *ifname)}: 0 when there is no such interface. Setup only (converts the String). */
    public static native int if_nametoindex(String name);
}
