/**
 * The operating-system calls ports need, through JNA direct mapping: {@link
 * io.hypernf.sdk.port.os.LibC} binds the libc functions, {@link io.hypernf.sdk.port.os.Syscalls}
 * is the instance interface port code calls (so tests can stand a Mockito mock in for the
 * kernel), {@link io.hypernf.sdk.port.os.LinuxSyscalls} forwards to libc. Calls return the C
 * return value and leave errno to {@link io.hypernf.sdk.port.os.Syscalls#errno()}: the data path
 * (poll, sync ioctls) never sees an exception. Uses nothing else of the SDK.
 */
package io.hypernf.sdk.port.os;
