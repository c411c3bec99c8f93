package io.hypernf.sdk.packet;

/**
 * EtherType values the SDK understands (IEEE Registration Authority; IEEE 802.3 clause 3.2.6:
 * values below {@link #MIN_ETHERTYPE} are an 802.3 length, not a type).
 */
public final class EtherType {
    private EtherType() {}

    public static final int IPV4 = 0x0800;
    public static final int ARP = 0x0806;
    /** IEEE 802.1Q customer VLAN tag (C-tag). */
    public static final int VLAN = 0x8100;
    /** IEEE 802.1ad service VLAN tag (S-tag), the outer tag of QinQ. */
    public static final int QINQ = 0x88A8;
    /** Pre-standard QinQ outer tag used by some switches before 802.1ad. */
    public static final int QINQ_LEGACY = 0x9100;
    public static final int IPV6 = 0x86DD;
    /** Smallest value that is a type rather than an 802.3 frame length. */
    public static final int MIN_ETHERTYPE = 0x0600;

    /** Whether {@code type} announces a VLAN tag (802.1Q, 802.1ad or the legacy 0x9100). */
    public static boolean isVlanTag(int type) {
        return type == VLAN || type == QINQ || type == QINQ_LEGACY;
    }
}
