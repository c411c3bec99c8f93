package io.hypernf.sdk.port.pcap;

/** The capture-file formats {@link PcapReader} recognises by their magic number. */
public enum PcapFormat {
    /** Classic pcap, magic 0xa1b2c3d4: timestamps in seconds and microseconds. */
    PCAP_MICROSECONDS,
    /** Classic pcap, magic 0xa1b23c4d: timestamps in seconds and nanoseconds. */
    PCAP_NANOSECONDS,
    /** pcapng, first block a section header 0x0a0d0d0a; resolution per interface. */
    PCAPNG
}
