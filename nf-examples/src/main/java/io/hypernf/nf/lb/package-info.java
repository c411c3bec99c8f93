/**
 * The L4 load balancer: virtual services balanced over weighted backends with Maglev consistent
 * hashing, per-connection tracking, full NAT or direct server return (IP-in-IP, GRE), and backends
 * changed at run time without a restart.
 *
 * <p>Roadmap:
 * <ul>
 *   <li>data path: {@link io.hypernf.nf.lb.LoadBalancer#process} — parse, find the service in the
 *       {@link io.hypernf.nf.lb.LbSnapshot}, connection lookup, Maglev pick, full-NAT rewrite or
 *       {@link io.hypernf.nf.lb.Encapsulator};</li>
 *   <li>hashing: {@link io.hypernf.nf.lb.Maglev} builds tables, {@link io.hypernf.nf.lb.MaglevStats}
 *       reports balance and disruption;</li>
 *   <li>control plane: {@link io.hypernf.nf.lb.BackendRegistry} holds the backends and publishes
 *       snapshots; fed by {@link io.hypernf.nf.lb.BackendsFileWatcher} ({@link
 *       io.hypernf.nf.lb.BackendsFile}) and {@link io.hypernf.nf.lb.ControlServer} ({@link
 *       io.hypernf.nf.lb.ControlProtocol}), started by {@link io.hypernf.nf.lb.LbControlPlane};</li>
 *   <li>configuration and wiring: {@link io.hypernf.nf.lb.LbConfig}, {@link io.hypernf.nf.lb.VirtualService},
 *       {@link io.hypernf.nf.lb.Backend}, {@link io.hypernf.nf.lb.LbFactory}, {@link
 *       io.hypernf.nf.lb.LbModule}, {@link io.hypernf.nf.lb.LbPlugin}.</li>
 * </ul>
 * Uses the SDK's {@code packet}, {@code flow} and {@code nf} layers.
 */
package io.hypernf.nf.lb;
