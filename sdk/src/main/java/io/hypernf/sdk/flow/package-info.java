/**
 * Layer 4: flows. 5-tuple keys for IPv4 and IPv6 held in primitive fields, and open-addressing
 * flow tables of fixed capacity with expiry and a counted "table full" outcome. Nothing is
 * allocated per packet. Uses {@link io.hypernf.sdk.packet}.
 */
package io.hypernf.sdk.flow;
