/**
 * The NAT44 example NF: source NAT / masquerade to an address pool (RFC 4787, RFC 5382),
 * destination NAT by static 1:1 mappings and port forwards, ICMP query and error translation
 * (RFC 5508), hairpinning and TCP MSS clamping. {@link io.hypernf.nf.nat.Nat} is the main file and
 * maps the packet path. Uses the SDK's {@code flow}, {@code packet} and {@code nf} layers.
 */
package io.hypernf.nf.nat;
