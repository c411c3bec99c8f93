/**
 * Layer 2: ports. A {@link io.hypernf.sdk.port.Port} is a set of netmap-ABI RX/TX rings plus
 * rxSync, txSync and poll, whatever sits behind it: a netmap-ABI device ({@code netmap:}), a
 * capture file ({@code pcap:}), a Linux interface through TPACKET_V3 ({@code afpacket:}), or an
 * in-process pair or pipe. URIs are parsed in one place, {@code PortUri}. Native calls go through
 * JNA. Uses {@link io.hypernf.sdk.ring} only.
 */
package io.hypernf.sdk.port;
