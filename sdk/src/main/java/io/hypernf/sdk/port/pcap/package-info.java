/**
 * Capture files: {@link io.hypernf.sdk.port.pcap.PcapReader} (classic pcap in both byte orders
 * and both resolutions, and pcapng), {@link io.hypernf.sdk.port.pcap.PcapWriter} (classic pcap),
 * and the {@code pcap:} port that replays a file into RX rings and writes TX rings to a file.
 *
 * <p>Formats: classic pcap as described by the libpcap savefile format
 * (draft-ietf-opsawg-pcap), pcapng by draft-ietf-opsawg-pcapng. The reader and the writer stand
 * alone (no ring needed) so that tests and tools can use them directly. Uses
 * {@link io.hypernf.sdk.ring} and {@link io.hypernf.sdk.port}.
 */
package io.hypernf.sdk.port.pcap;
