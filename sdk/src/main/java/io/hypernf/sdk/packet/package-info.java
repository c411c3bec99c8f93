/**
 * Layer 3: packet headers. Reusable flyweights ({@code wrap(buf, offset)}, paired accessors,
 * explicit network byte order) over the Netty {@code ByteBuf} of a slot's buffer; full and
 * incremental (RFC 1624) checksums; a parser that classifies any frame and never throws.
 * Uses {@link io.hypernf.sdk.ring} and Netty; nothing per packet is allocated.
 */
package io.hypernf.sdk.packet;
