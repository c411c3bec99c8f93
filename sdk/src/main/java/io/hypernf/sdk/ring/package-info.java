/**
 * Layer 1: the netmap user ABI in native memory (offsets from NETMAP-ABI.md).
 *
 * <p>{@link io.hypernf.sdk.ring.NetmapLayout} holds every offset and constant;
 * {@link io.hypernf.sdk.ring.NetmapIf} and {@link io.hypernf.sdk.ring.NetmapRing} are reusable
 * flyweights; {@link io.hypernf.sdk.ring.NetmapRegion} is the memory (allocated here for
 * in-process ports, or mapped from a device). Raw access goes through
 * {@link io.hypernf.sdk.ring.NativeMemory}. Uses nothing else of the SDK; Netty for the per-buffer
 * {@code ByteBuf} views and for {@link io.hypernf.sdk.ring.PacketByteBuf} (one view re-pointed from
 * buffer to buffer, what the run loop hands to NFs), JNA only to make direct {@code ByteBuffer}s.
 */
package io.hypernf.sdk.ring;
