/**
 * Layer 2: ports. A {@link io.hypernf.sdk.port.Port} is a set of netmap-ABI RX/TX rings plus
 * rxSync, txSync and poll, whatever sits behind it: a netmap-ABI device ({@code netmap:}), a
 * capture file ({@code pcap:}), a Linux interface through TPACKET_V3 ({@code afpacket:}), or an
 * in-process pair or pipe ({@code inproc:}). Uses {@link io.hypernf.sdk.ring} only.
 *
 * <p>Roadmap of opening a port: {@link io.hypernf.sdk.port.Ports#open(String)} parses the URI in
 * {@link io.hypernf.sdk.port.PortUri} (every scheme, one place) and hands the typed record to the
 * {@link io.hypernf.sdk.port.PortProvider} of its scheme, found through
 * {@code META-INF/services/io.hypernf.sdk.port.PortProvider}. Native calls go through JNA in
 * {@link io.hypernf.sdk.port.os}; {@code inproc} and {@code netmap} live in their subpackages.
 * {@code afpacket} and {@code pcap} play the kernel side of one ring per direction and share its
 * accessors through {@link io.hypernf.sdk.port.SingleRingPort}.
 * Setup errors are {@link io.hypernf.sdk.port.PortException}s; the data path counts errors in
 * {@link io.hypernf.sdk.port.PortCounters} and never throws.
 */
package io.hypernf.sdk.port;
