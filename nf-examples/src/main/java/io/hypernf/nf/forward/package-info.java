/**
 * The L2 forwarder: two ports, every frame leaves by the other one, optionally with its Ethernet
 * source and destination swapped (DPDK l2fwd's MAC-updating mode, netmap's pkt-gen reflector).
 * Roadmap: {@link io.hypernf.nf.forward.ForwardConfig} reads the settings,
 * {@link io.hypernf.nf.forward.ForwardNf} processes batches, {@link io.hypernf.nf.forward.ForwardModule}
 * contributes the {@code forward} type through {@link io.hypernf.nf.forward.ForwardPlugin}.
 */
package io.hypernf.nf.forward;
