/**
 * The HyperNF SDK: NFs in Java over netmap-ABI rings, with zero copies and no allocation per packet.
 *
 * <p>Roadmap of the packet path, one layer per package, each using only those above it
 * (DESIGN.md, "The SDK (Java)"):
 * <ol>
 *   <li>{@link io.hypernf.sdk.ring} — flyweights over {@code netmap_if}, {@code netmap_ring},
 *       {@code netmap_slot} in native memory; {@code NetmapRegion} owns or maps the memory and
 *       hands out one Netty {@code ByteBuf} per packet buffer.</li>
 *   <li>{@link io.hypernf.sdk.port} — a port is RX/TX rings plus rxSync/txSync/poll:
 *       {@code netmap:}, {@code pcap:}, {@code afpacket:}, in-process pairs; URIs parsed in
 *       {@code PortUri}.</li>
 *   <li>{@link io.hypernf.sdk.packet} — header flyweights over a slot's {@code ByteBuf}; checksums;
 *       a parser that classifies and never throws.</li>
 *   <li>{@link io.hypernf.sdk.flow} — 5-tuple keys and fixed-capacity flow tables with expiry.</li>
 *   <li>{@link io.hypernf.sdk.nf} — the NF API (a batch in, a verdict per packet), chains, the run
 *       loop, Guice wiring from a YAML config.</li>
 *   <li>{@link io.hypernf.sdk.cli} — the {@code hypernf} command.</li>
 * </ol>
 */
package io.hypernf.sdk;
