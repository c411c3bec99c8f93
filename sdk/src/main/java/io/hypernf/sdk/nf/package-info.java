/**
 * Layer 5: network functions. The NF API ({@link io.hypernf.sdk.nf.NetworkFunction}: named ports,
 * a batch in, a verdict per {@link io.hypernf.sdk.nf.Packet}), chains without copies, the run loop
 * (batching, idle strategy, counters, clean shutdown), and the Guice wiring of ports and NFs from a
 * YAML config. Uses every layer above.
 */
package io.hypernf.sdk.nf;
