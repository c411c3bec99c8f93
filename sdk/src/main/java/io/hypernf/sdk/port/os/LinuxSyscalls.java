package io.hypernf.sdk.port.os;

import com.sun.jna.Native;

/** The real {@link Syscalls}: each call goes straight to {@link LibC}. Stateless; one instance serves all. */
public final class LinuxSyscalls implements Syscalls {
    public static final LinuxSyscalls INSTANCE = new LinuxSyscalls();

    private LinuxSyscalls() {}

    @Override
    public int open(String path, int flags) { return LibC.open(path, flags, 0); }

    @Override
    public int close(int fd) { return LibC.close(fd); }

    @Override
    public int ioctl(int fd, long request, long arg) { return LibC.ioctl(fd, request, arg); }

    @Override
    public long mmap(long addr, long length, int prot, int flags, int fd, long offset) {
        return LibC.mmap(addr, length, prot, flags, fd, offset);
    }

    @Override
    public int munmap(long addr, long length) { return LibC.munmap(addr, length); }

    @Override
    public int poll(long fds, int count, int timeoutMillis) { return LibC.poll(fds, count, timeoutMillis); }

    @Override
    public int errno() { return Native.getLastError(); }

    @Override
    public String strerror(int errno) { return LibC.strerror(errno); }
}
