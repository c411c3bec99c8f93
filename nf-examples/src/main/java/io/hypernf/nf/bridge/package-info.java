/**
 * The L2 learning bridge, behaving like netmap's VALE switch (NETMAP-ABI.md "The VALE switch"):
 * N named ports, source MACs learned into a fixed table, known unicast forwarded, everything
 * else flooded, entries aged out.
 *
 * <p>Roadmap of a frame: {@link io.hypernf.nf.bridge.Bridge#process} reads both addresses as
 * longs, learns the source ({@link io.hypernf.nf.bridge.MacTable#learn}), looks the destination
 * up ({@link io.hypernf.nf.bridge.MacTable#portOf}) and gives the verdict; {@link
 * io.hypernf.nf.bridge.Bridge#tick} ages the table. Settings: {@link
 * io.hypernf.nf.bridge.BridgeConfig}; wiring: {@link io.hypernf.nf.bridge.BridgeFactory},
 * {@link io.hypernf.nf.bridge.BridgeModule}, {@link io.hypernf.nf.bridge.BridgePlugin}.
 * Uses the SDK's {@code flow} table and {@code nf} runtime only.
 */
package io.hypernf.nf.bridge;
