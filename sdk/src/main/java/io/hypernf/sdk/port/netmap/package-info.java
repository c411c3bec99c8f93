/**
 * {@code netmap:} ports: any character device speaking the netmap user ABI (the HyperNF front
 * device in a guest, netmap on a Linux host), at {@code /dev/netmap} or the URI's {@code ?dev=};
 * {@code netmap:/dev/hypernfN} names a HyperNF front device by its path (frontend-native/dev.c:
 * API 14 NIOCCTRL REGISTER with mode ALL_NIC, no host rings, no options; the name is ignored).
 *
 * <p>Roadmap: {@link io.hypernf.sdk.port.netmap.NetmapPortProvider} opens the URI;
 * {@link io.hypernf.sdk.port.netmap.NetmapRegistration#register} builds the request in native
 * memory with {@link io.hypernf.sdk.ring.NetmapLayout}'s offsets and sends NIOCCTRL (API 14),
 * falling back to NIOCREGIF (API 11); {@link io.hypernf.sdk.port.netmap.NetmapPort} maps
 * {@code nr_memsize} bytes, wraps them with {@link io.hypernf.sdk.ring.NetmapRegion#mapped}, and
 * runs the data path with NIOCTXSYNC, NIOCRXSYNC and poll(2). All system calls go through
 * {@link io.hypernf.sdk.port.os.Syscalls}.
 */
package io.hypernf.sdk.port.netmap;
