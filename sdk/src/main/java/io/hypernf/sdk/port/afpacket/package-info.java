/**
 * The {@code afpacket:IFNAME} port: a Linux interface through an AF_PACKET socket with
 * TPACKET_V3 memory-mapped RX and TX rings (Documentation/networking/packet_mmap.rst).
 * {@link io.hypernf.sdk.port.afpacket.AfPacketPort} is the port, {@link
 * io.hypernf.sdk.port.afpacket.TpacketLayout} the kernel structures' offsets, {@link
 * io.hypernf.sdk.port.afpacket.AfPacketLib} the socket calls through JNA. Uses {@link
 * io.hypernf.sdk.ring}, {@link io.hypernf.sdk.port} and {@link io.hypernf.sdk.port.os}.
 */
package io.hypernf.sdk.port.afpacket;
