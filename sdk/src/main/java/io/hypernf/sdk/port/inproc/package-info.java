/**
 * In-process ports: two ports joined back to back on one {@link io.hypernf.sdk.ring.NetmapRegion},
 * so that one end's TX ring feeds the other end's RX ring without copying.
 *
 * <p>Roadmap: {@link io.hypernf.sdk.port.inproc.InprocLinks} names links and opens their ends
 * ({@code inproc:NAME/a|b}, {@code inproc:NAME{ID|}ID}); {@link
 * io.hypernf.sdk.port.inproc.InprocLink} owns the region and the two ends; {@link
 * io.hypernf.sdk.port.inproc.InprocPort#txSync()} moves packets by swapping buffer indices into
 * the peer's RX ring and setting {@code NS_BUF_CHANGED}; {@link
 * io.hypernf.sdk.port.inproc.InprocPort#rxSync()} publishes what the peer delivered. A pair never
 * blocks its sender (a full peer ring drops and counts, like VALE); a pipe holds packets in the
 * sender's TX ring until the peer has room (netmap pipe semantics). {@link
 * io.hypernf.sdk.port.inproc.InprocPortProvider} registers the {@code inproc} scheme.
 */
package io.hypernf.sdk.port.inproc;
