/**
 * Layer 4: flows. 5-tuple keys for IPv4 and IPv6 held in primitive fields, and open-addressing
 * flow tables of fixed capacity with expiry and a counted "table full" outcome. Nothing is
 * allocated per packet. Uses {@link io.hypernf.sdk.packet}.
 *
 * <p>Roadmap: a parsed packet fills a reusable {@link io.hypernf.sdk.flow.FlowKey}
 * ({@code set(parsed)}, optionally {@code canonicalize()} for both directions of a connection);
 * {@link io.hypernf.sdk.flow.FlowTable} maps it to a stable entry index ({@code lookup},
 * {@code insert}, {@code remove}), by which the NF keeps its per-flow state in its own arrays;
 * {@code expire(now, budget)} from the NF's {@code tick} retires idle flows a few at a time.
 */
package io.hypernf.sdk.flow;
