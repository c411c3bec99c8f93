package io.hypernf.sdk.port;

import io.hypernf.sdk.ring.NetmapLayout;

/**
 * A parsed port URI. Every URI of every scheme is parsed by {@link #parse(String)} (in {@link
 * PortUriParser}) and nowhere else; providers receive the typed record of their scheme. Errors
 * are {@link IllegalArgumentException}s that quote the URI, say what was wrong and list what is
 * accepted, e.g. {@code port 'pcap:': missing file path; accepted: pcap:PATH[?...]}.
 *
 * <p>The first {@code ?} starts the parameters ({@code key=value} joined by {@code &}); unknown or
 * repeated keys are errors. Accepted forms ({@link #USAGE}):
 * <ul>
 *   <li>{@code netmap:NAME[suffix][/flags][?dev=PATH]} — NETMAP-ABI.md "Port names". NAME is
 *       {@code [0-9A-Za-z_]+} or {@code valeSWITCH:PORT}; suffix {@code ^} host rings, {@code ^N}
 *       one host ring, {@code *} host and hardware rings, {@code -N} one hardware ring pair,
 *       {@code {ID} / {@code }ID} pipe master/slave; flags {@code x} exclusive, {@code R}
 *       RX rings only, {@code T} TX rings only; {@code dev} the control device (default
 *       {@code /dev/netmap}).</li>
 *   <li>{@code netmap:/PATH} — a device node that is the port itself, e.g. the HyperNF front
 *       device {@code netmap:/dev/hypernf0} in a guest: all rings of PATH, registered under
 *       PATH's file name (which the front device does not interpret); the same as
 *       {@code netmap:NAME?dev=/PATH} for a NAME equal to that file name.</li>
 *   <li>{@code pcap:PATH[?mode=read|write&pace=recorded|full&loop=N&snaplen=N&ts=us|ns]} — a
 *       capture file. The rule for output: a pcap port reads unless {@code mode=write} is given;
 *       a writing port is TX-only and a reading port RX-only. {@code pace} and {@code loop} apply
 *       to reading ({@code loop=0} replays forever), {@code ts} to writing.</li>
 *   <li>{@code afpacket:IFNAME[?frames=N&block=BYTES&fanout=MODE[:GROUP]]} — a Linux interface
 *       through TPACKET_V3; {@code frames} slots per ring, {@code block} the RX block size (a
 *       power of two, at least 4096), {@code fanout} one of hash, lb, cpu, rollover, random, qm.</li>
 *   <li>{@code inproc:NAME/a}, {@code inproc:NAME/b} — the two ends of an in-process pair;
 *       {@code inproc:NAME{ID} / {@code inproc:NAME}ID} — master and slave of an in-process
 *       pipe; both with {@code ?slots=N&bufsize=N}, and {@code &group=G&links=K} to put the link
 *       in a group of up to K links sharing one region (zero copy between them).</li>
 * </ul>
 */
public sealed interface PortUri permits PortUri.Netmap, PortUri.Pcap, PortUri.AfPacket, PortUri.Inproc {

    /** What every scheme accepts, for error messages and {@code --help}. */
    String USAGE = String.join("\n",
            Netmap.USAGE, Pcap.USAGE, AfPacket.USAGE, Inproc.USAGE);

    /** The URI as the user wrote it. */
    String text();

    /** The scheme without the colon: {@code netmap}, {@code pcap}, {@code afpacket}, {@code inproc}. */
    String scheme();

    /** Parses {@code text}; throws {@link IllegalArgumentException} naming the problem and the accepted forms. */
    static PortUri parse(String text) {
        return PortUriParser.parse(text);
    }

    /**
     * A netmap port. {@code mode} is an {@code NR_REG_*} value; {@code ringId} the ring for
     * {@code NR_REG_ONE_NIC}/{@code NR_REG_ONE_SW} (else 0); {@code pipe} the pipe identifier and
     * {@code pipeMaster} its side when the name has a {@code {}/{@code }} suffix (else null);
     * {@code flags} the {@code NR_EXCLUSIVE}/{@code NR_RX_RINGS_ONLY}/{@code NR_TX_RINGS_ONLY} bits.
     */
    record Netmap(String text, String name, int mode, int ringId, String pipe, boolean pipeMaster,
                  long flags, String device) implements PortUri {
        public static final String SCHEME = "netmap";
        public static final String DEFAULT_DEVICE = "/dev/netmap";
        public static final String USAGE = "netmap:NAME[^|^N|*|-N|{ID|}ID][/x|R|T][?dev=PATH]"
                + " (NAME: [0-9A-Za-z_]+ or valeSWITCH:PORT) or netmap:/DEVICE/PATH (e.g. netmap:/dev/hypernf0)";
        /** nmreq_register.nr_flags bits (netmap.h, API 14; the same bits in legacy nmreq.nr_flags). */
        public static final long NR_EXCLUSIVE = 0x800;
        public static final long NR_RX_RINGS_ONLY = 0x2000;
        public static final long NR_TX_RINGS_ONLY = 0x4000;

        @Override
        public String scheme() { return SCHEME; }

        /** Whether NAME is a VALE switch port ({@code valeSSS:PPP}), created on first open. */
        public boolean isVale() { return name.startsWith("vale"); }

        /**
         * {@code nmreq_header.nr_name} for API 14: the pipe suffix stays in the name (netmap.h marks
         * NR_REG_PIPE_MASTER/SLAVE deprecated in favour of the {@code x{y} / {@code x}y} syntax).
         */
        public String requestName() {
            return pipe == null ? name : name + (pipeMaster ? "{" : "}") + pipe;
        }

        /** {@code nmreq.nr_flags} for the legacy API 11: the register mode in the low bits, then the flag bits. */
        public long legacyFlags() {
            int legacyMode = pipe == null ? mode
                    : pipeMaster ? NetmapLayout.NR_REG_PIPE_MASTER : NetmapLayout.NR_REG_PIPE_SLAVE;
            return legacyMode | flags;
        }
    }

    /** A capture file; {@code write} selects output. {@code loop}: times to replay, 0 forever. */
    record Pcap(String text, String path, boolean write, Pace pace, int loop, int snaplen, boolean nanoseconds)
            implements PortUri {
        public static final String SCHEME = "pcap";
        public static final String USAGE = "pcap:PATH[?mode=read|write&pace=recorded|full&loop=N&snaplen=N&ts=us|ns]";
        public static final int DEFAULT_SNAPLEN = 262144;

        /** How fast a reading port replays: as fast as the consumer takes packets, or at the recorded gaps. */
        public enum Pace { FULL, RECORDED }

        @Override
        public String scheme() { return SCHEME; }
    }

    /** A Linux interface through AF_PACKET/TPACKET_V3. {@code fanoutMode} is null without fanout. */
    record AfPacket(String text, String ifName, int frames, int blockSize, Fanout fanoutMode, int fanoutGroup)
            implements PortUri {
        public static final String SCHEME = "afpacket";
        public static final String USAGE = "afpacket:IFNAME[?frames=N&block=BYTES&fanout=hash|lb|cpu|rollover|random|qm[:GROUP]]";
        public static final int DEFAULT_FRAMES = 1024;
        public static final int DEFAULT_BLOCK = 1 << 20;

        /** PACKET_FANOUT modes (linux/if_packet.h: HASH 0, LB 1, CPU 2, ROLLOVER 3, RND 4, QM 5). */
        public enum Fanout {
            HASH(0), LB(1), CPU(2), ROLLOVER(3), RANDOM(4), QM(5);

            private final int linuxValue;

            Fanout(int linuxValue) { this.linuxValue = linuxValue; }

            public int linuxValue() { return linuxValue; }
        }

        @Override
        public String scheme() { return SCHEME; }
    }

    /**
     * One end of an in-process link: {@code link} is NAME for a pair, {@code NAME{ID} for a pipe
     * (both sides of a pipe name the same link). With {@code group} (else null) the link shares one
     * region with the group's other links, so forwarding between them is zero copy too; the
     * group's first link sizes it for {@code groupLinks} links.
     */
    record Inproc(String text, String link, End end, int slots, int bufferSize, String group, int groupLinks)
            implements PortUri {
        public static final String SCHEME = "inproc";
        public static final String USAGE = "inproc:NAME/a|b or inproc:NAME{ID|NAME}ID [?slots=N&bufsize=N&group=G&links=K]";
        public static final int DEFAULT_SLOTS = 256;
        public static final int DEFAULT_BUFFER_SIZE = 2048;
        public static final int DEFAULT_GROUP_LINKS = 8;
        public static final int MAX_GROUP_LINKS = 32;

        /** Which end: A and B of a pair, MASTER ({@code {}) and SLAVE ({@code }}) of a pipe. */
        public enum End {
            A, B, MASTER, SLAVE;

            public boolean isPipe() { return this == MASTER || this == SLAVE; }

            /** 0 for the first end (A, MASTER), 1 for the second. */
            public int index() { return this == A || this == MASTER ? 0 : 1; }
        }

        @Override
        public String scheme() { return SCHEME; }
    }
}
