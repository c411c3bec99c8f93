/**
 * Layer 5: network functions. The NF API ({@link io.hypernf.sdk.nf.NetworkFunction}: named ports,
 * a batch in, a verdict per {@link io.hypernf.sdk.nf.Packet}; or
 * {@link io.hypernf.sdk.nf.PacketFunction}: one packet at a time, which the run loop drives in a
 * single walk over the RX ring), chains without copies, the run loop
 * (batching, idle strategy, counters, clean shutdown), and the Guice wiring of ports and NFs from a
 * YAML config. Uses every layer above.
 *
 * <p>Roadmap:
 * <ul>
 *   <li>config: {@link io.hypernf.sdk.nf.ChainConfigLoader} (YAML with line marks) makes a
 *       {@link io.hypernf.sdk.nf.ChainConfig}; each NF reads its {@link io.hypernf.sdk.nf.NfSettings}
 *       through its own {@code *Config} class; errors are
 *       {@link io.hypernf.sdk.nf.ConfigException}s naming file, line and key;</li>
 *   <li>discovery: {@link io.hypernf.sdk.nf.NfPlugin}s (ServiceLoader) contribute Guice modules
 *       that add {@link io.hypernf.sdk.nf.NfFactory}s via {@link io.hypernf.sdk.nf.NfBindings};
 *       {@link io.hypernf.sdk.nf.NfCatalog} holds them by type;</li>
 *   <li>assembly: {@link io.hypernf.sdk.nf.ChainAssembler} checks the wiring, then opens the ports
 *       ({@link io.hypernf.sdk.nf.PortOpener}); {@link io.hypernf.sdk.nf.ChainModule} does it inside
 *       Guice;</li>
 *   <li>data path: {@link io.hypernf.sdk.nf.NfRuntime} (the loop) → {@code Dispatcher} (one pass:
 *       batches or, for a {@code PacketFunction}, one walk; verdicts, buffer swaps, chain hops) → {@code BoundPort} (TX head/tail) and
 *       {@code ScratchPool} (emit and flood buffers); {@link io.hypernf.sdk.nf.NfCounters} per NF.</li>
 * </ul>
 */
package io.hypernf.sdk.nf;
