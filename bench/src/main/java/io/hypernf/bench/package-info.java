/**
 * Benchmarks of the data path (issue 4): packets per second on one core over in-process ports,
 * 64-byte frames, and bytes allocated per packet, next to a C loop and DPDK's testpmd measured in
 * the same run.
 *
 * <p>Roadmap:
 * <ul>
 *   <li>{@link io.hypernf.bench.RingMacSwapBenchmark}: the MAC swap written directly on the netmap
 *       rings, the same loop as {@code bench/c-ref/macswap.c} (producer refills RX, swap RX→TX by
 *       buffer index with {@code NS_BUF_CHANGED}, consumer drains TX);</li>
 *   <li>{@link io.hypernf.bench.RuntimeMacSwapBenchmark}: the same work through the SDK, i.e. the
 *       forward NF in mac-swap mode inside {@link io.hypernf.sdk.nf.NfRuntime}, between
 *       in-process ports of one group ({@link io.hypernf.bench.InprocHarness});</li>
 *   <li>{@link io.hypernf.bench.FirewallBenchmark}, {@link io.hypernf.bench.NatBenchmark},
 *       {@link io.hypernf.bench.LoadBalancerBenchmark} (per forwarding mode) and
 *       {@link io.hypernf.bench.BridgeBenchmark}: the example NFs in the same harness, fed from
 *       {@link io.hypernf.bench.TrafficFrames};</li>
 *   <li>{@link io.hypernf.bench.RuleClassifierBenchmark}: the firewall's classifier alone against a
 *       linear scan of the same rules (no harness, no batch);</li>
 *   <li>{@link io.hypernf.bench.BenchTable}: runs the benchmarks with JMH's gc profiler and prints
 *       the table (NF, batch, Mpps, B/packet, ratio to C, ratio to testpmd) for {@code bench/run}.</li>
 * </ul>
 * Every benchmark moves {@link io.hypernf.bench.InprocHarness#PACKETS_PER_OP} packets per
 * invocation in batches of {@code batch}, and declares them with {@code @OperationsPerInvocation},
 * so JMH's score is packets per second and {@code gc.alloc.rate.norm} is bytes per packet.
 */
package io.hypernf.bench;
