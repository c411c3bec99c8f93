package io.hypernf.sdk.port.pcap;

/**
 * Why a {@link PcapReader} stopped before the end of its file. Every kind of corrupt input ends
 * reading with one of these (and {@link PcapReader#errorMessage()} says where), never with an
 * exception on the data path.
 */
public enum PcapError {
    /** No error: reading goes on, or ended cleanly at the end of the file. */
    NONE,
    /** The file ends inside a record header or a block header. */
    TRUNCATED_HEADER,
    /** The file ends inside a record's packet data or inside a block's body. */
    TRUNCATED_RECORD,
    /** A record's captured length exceeds the snapshot length of its file or interface. */
    CAPTURED_LENGTH_OVER_SNAPLEN,
    /** A record's captured length exceeds {@link PcapReader#MAX_CAPTURED_LENGTH}. */
    CAPTURED_LENGTH_OVER_MAXIMUM,
    /** A pcapng block length is under 12, not a multiple of 4, too small for its block type,
     *  disagrees with the trailing copy, or cannot hold the packet it announces. */
    BAD_BLOCK_LENGTH,
    /** A pcapng section header's byte-order magic is neither 0x1A2B3C4D nor its byte swap. */
    BAD_BYTE_ORDER_MAGIC,
    /** A pcapng packet block names an interface that no interface description block declared. */
    UNKNOWN_INTERFACE,
    /** More interface description blocks in a section than {@link PcapReader#MAX_INTERFACES}. */
    TOO_MANY_INTERFACES,
    /** Reading the file failed (the operating system reported an I/O error). */
    IO_ERROR
}
