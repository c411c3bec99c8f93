/**
 * The stateful firewall NF (issue 3): ordered rules, connection tracking, reject answers. The bar
 * is VPP's acl plugin and netfilter.
 *
 * <p><b>Roadmap of one packet</b> ({@link io.hypernf.nf.firewall.Firewall#process}):
 * <ol>
 *   <li>parse with the SDK's {@code PacketParser}; malformed → counted drop, non-IP → the
 *       {@code non-ip} policy (ARP must cross a bump in the wire);</li>
 *   <li>{@link io.hypernf.nf.firewall.ConnectionTracker#track}: one lookup of the canonical
 *       5-tuple in the SDK's {@code FlowTable}; a packet of a tracked connection passes without
 *       rule evaluation and advances its state ({@link io.hypernf.nf.firewall.TcpStateMachine},
 *       netfilter's TCP states; UDP and ICMP-echo pseudo-connections); a TCP packet that does not
 *       fit its state is invalid (counted drop when strict);</li>
 *   <li>ICMP / ICMPv6 errors quoting a tracked connection pass as related
 *       ({@code Firewall.isRelated});</li>
 *   <li>{@link io.hypernf.nf.firewall.RuleClassifier#classify} finds the first matching rule
 *       (else the default policy); per-rule packet and byte counters;</li>
 *   <li>accept + keep state opens a connection (table full → counted drop; strict: only a SYN
 *       opens TCP); reject drops and answers with {@link io.hypernf.nf.firewall.RejectBuilder}
 *       (TCP RST, ICMP/ICMPv6 unreachable) through {@code PacketBatch.emit} on the input port;</li>
 *   <li>{@code tick}: the tracker expires a bounded slice of the table (per-state timeouts,
 *       {@link io.hypernf.nf.firewall.ConntrackTimeouts}, netfilter's defaults).</li>
 * </ol>
 *
 * <p><b>Rule syntax</b> ({@link io.hypernf.nf.firewall.RuleParser}, documented in full in
 * {@code RULES.md} beside this file), one rule a line, first match wins:
 * <pre>
 * accept out proto tcp from 10.0.0.0/8 to any port 80,443 flags S/SA
 * reject in proto udp to 2001:db8::/32 port 1-1023
 * drop in
 * </pre>
 * A bad line stops start-up with {@code file:line: what is wrong}.
 *
 * <p><b>Classification without a linear scan.</b> Tuple space search (Srinivasan et al., SIGCOMM
 * 1999) with TupleMerge's merged prefix lengths (Daly and Torng 2019): rules are grouped by the
 * shape of their hashable conditions — source and destination prefix lengths rounded down to 8
 * bits (IPv4) or 16 (IPv6), address family, protocol, whether a single destination port is
 * fixed — one open-addressing hash table per group keyed by the masked values. A lookup probes
 * each group of the packet's family and protocol once (one cache line per probe), checks the few
 * candidates in the slot's priority-sorted chain with {@link io.hypernf.nf.firewall.Rule#matches}
 * (port ranges, ICMP type, TCP flags, input port, direction, the bits below the merged length),
 * and visits groups in order of their best priority so that it stops as soon as no unvisited
 * group can hold an earlier rule. Cost grows with the number of groups (bounded by the prefix
 * lengths in use), not with the number of rules; a property test checks it against a linear scan
 * on random rule sets, and the bench module's {@code RuleClassifierBenchmark} measures both.
 *
 * <p>Configuration: {@link io.hypernf.nf.firewall.FirewallConfig}; Guice wiring:
 * {@link io.hypernf.nf.firewall.FirewallModule}, found through
 * {@link io.hypernf.nf.firewall.FirewallPlugin}. Uses the SDK's {@code packet}, {@code flow}
 * and {@code nf} layers. Nothing is allocated per packet.
 */
package io.hypernf.nf.firewall;
