package io.hypernf.nf.firewall;

/**
 * The TCP connection-tracking state machine, with netfilter's states and transitions
 * ({@code nf_conntrack_proto_tcp.c}, whose table follows RFC 793 §3.2 as seen by a middlebox that
 * watches both directions). Pure: a state, a direction and the packet's flags in, the next state
 * out; the caller stores states as bytes next to its flow entries.
 *
 * <pre>
 *  original SYN          reply SYN+ACK         original ACK
 * NONE ──────► SYN_SENT ─────────────► SYN_RECV ───────────► ESTABLISHED
 *                 │ reply SYN (simultaneous open)                 │ FIN (either side)
 *                 ▼                                               ▼
 *             SYN_SENT2 ──reply/orig SYN+ACK──► SYN_RECV      FIN_WAIT ──ACK──► CLOSE_WAIT
 *                                                                 │ FIN            │ FIN
 *                                                                 ▼                ▼
 *                           TIME_WAIT ◄──────── ACK ────────── LAST_ACK ◄──────────┘
 *   RST in any state ──► CLOSE;  SYN in TIME_WAIT or CLOSE (original) ──► SYN_SENT (port reuse)
 * </pre>
 *
 * As in netfilter, FIN_WAIT means "a FIN was seen", CLOSE_WAIT "that FIN was acknowledged",
 * LAST_ACK "both sides sent FIN", TIME_WAIT "the last FIN was acknowledged".
 * {@link #INVALID} marks a packet that does not fit the connection (dropped or evaluated against
 * the rules, per the strictness setting); {@link #IGNORE} marks one that may pass but must not
 * move the state (a retransmitted SYN+ACK, a SYN on an established connection).
 */
public final class TcpStateMachine {
    public static final int NONE = 0;
    public static final int SYN_SENT = 1;
    public static final int SYN_RECV = 2;
    public static final int ESTABLISHED = 3;
    public static final int FIN_WAIT = 4;
    public static final int CLOSE_WAIT = 5;
    public static final int LAST_ACK = 6;
    public static final int TIME_WAIT = 7;
    public static final int CLOSE = 8;
    /** Both sides sent a SYN (simultaneous open, RFC 793 figure 8). */
    public static final int SYN_SENT2 = 9;
    public static final int STATE_COUNT = 10;

    /** Not a state: the packet does not fit the connection. */
    public static final int INVALID = -1;
    /** Not a state: the packet may pass, the state stays. */
    public static final int IGNORE = -2;

    /** Packet kinds, the column of the table; see {@link #kindOf}. */
    static final int KIND_SYN = 0;
    static final int KIND_SYN_ACK = 1;
    static final int KIND_FIN = 2;
    static final int KIND_ACK = 3;
    static final int KIND_RST = 4;
    static final int KIND_NONE = 5;

    private static final int FIN = 0x01;
    private static final int SYN = 0x02;
    private static final int RST = 0x04;
    private static final int ACK = 0x10;

    private static final int NO = NONE;
    private static final int SS = SYN_SENT;
    private static final int SR = SYN_RECV;
    private static final int ES = ESTABLISHED;
    private static final int FW = FIN_WAIT;
    private static final int CW = CLOSE_WAIT;
    private static final int LA = LAST_ACK;
    private static final int TW = TIME_WAIT;
    private static final int CL = CLOSE;
    private static final int S2 = SYN_SENT2;
    private static final int IV = INVALID;
    private static final int IG = IGNORE;

    /** [kind][state] for packets of the direction that opened the connection. */
    private static final int[][] ORIGINAL = {
            /*              NO  SS  SR  ES  FW  CW  LA  TW  CL  S2 */
            /* syn     */ { SS, SS, IG, IG, IG, IG, IG, SS, SS, S2 },
            /* syn+ack */ { IV, IV, SR, IV, IV, IV, IV, IV, IV, SR },
            /* fin     */ { IV, IV, FW, FW, LA, LA, LA, TW, CL, IV },
            /* ack     */ { ES, IV, ES, ES, CW, CW, TW, TW, CL, IV },
            /* rst     */ { IV, CL, CL, CL, CL, CL, CL, CL, CL, CL },
            /* none    */ { IV, IV, IV, IV, IV, IV, IV, IV, IV, IV },
    };

    /** [kind][state] for packets of the answering direction. */
    private static final int[][] REPLY = {
            /*              NO  SS  SR  ES  FW  CW  LA  TW  CL  S2 */
            /* syn     */ { IV, S2, IV, IV, IV, IV, IV, SS, IV, S2 },
            /* syn+ack */ { IV, SR, IG, IG, IG, IG, IG, IG, IG, SR },
            /* fin     */ { IV, IV, FW, FW, LA, LA, LA, TW, CL, IV },
            /* ack     */ { IV, IG, SR, ES, CW, CW, TW, TW, CL, IG },
            /* rst     */ { IV, CL, CL, CL, CL, CL, CL, CL, CL, CL },
            /* none    */ { IV, IV, IV, IV, IV, IV, IV, IV, IV, IV },
    };

    private static final String[] NAMES = {
            "NONE", "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT", "CLOSE_WAIT", "LAST_ACK", "TIME_WAIT", "CLOSE",
            "SYN_SENT2"
    };

    private TcpStateMachine() {}

    /** The column of a packet's flags, in netfilter's order of precedence: RST, SYN(+ACK), FIN, ACK. */
    static int kindOf(int tcpFlags) {
        if ((tcpFlags & RST) != 0) {
            return KIND_RST;
        }
        if ((tcpFlags & SYN) != 0) {
            return (tcpFlags & ACK) != 0 ? KIND_SYN_ACK : KIND_SYN;
        }
        if ((tcpFlags & FIN) != 0) {
            return KIND_FIN;
        }
        return (tcpFlags & ACK) != 0 ? KIND_ACK : KIND_NONE;
    }

    /**
     * The state after a packet with {@code tcpFlags} in {@code state}; {@code reply} is whether
     * it travels in the answering direction. Returns a state, {@link #INVALID} or {@link #IGNORE}.
     */
    public static int next(int state, boolean reply, int tcpFlags) {
        if (state < 0 || state >= STATE_COUNT) {
            return INVALID;
        }
        return (reply ? REPLY : ORIGINAL)[kindOf(tcpFlags)][state];
    }

    /**
     * The state a connection starts in when its first packet passes the rules: SYN_SENT for a
     * SYN; with {@code loose} pickup (netfilter's {@code nf_conntrack_tcp_loose}) ESTABLISHED for
     * a mid-stream ACK, so that connections open before a restart survive it. Else
     * {@link #INVALID}: nothing to track (a lone RST, FIN or SYN+ACK).
     */
    public static int initial(int tcpFlags, boolean loose) {
        int kind = kindOf(tcpFlags);
        if (kind == KIND_SYN) {
            return SYN_SENT;
        }
        return loose && kind == KIND_ACK ? ESTABLISHED : INVALID;
    }

    public static String name(int state) {
        if (state == INVALID) {
            return "INVALID";
        }
        if (state == IGNORE) {
            return "IGNORE";
        }
        return state >= 0 && state < STATE_COUNT ? NAMES[state] : "state " + state;
    }
}
