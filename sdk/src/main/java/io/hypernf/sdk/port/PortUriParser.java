package io.hypernf.sdk.port;

import io.hypernf.sdk.port.PortUri.AfPacket;
import io.hypernf.sdk.port.PortUri.Inproc;
import io.hypernf.sdk.port.PortUri.Netmap;
import io.hypernf.sdk.port.PortUri.Pcap;
import io.hypernf.sdk.ring.NetmapLayout;
import io.hypernf.sdk.ring.RingGeometry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where port URIs are parsed (see {@link PortUri} for the grammar). Runs at
 * start-up only; every error quotes the URI, says what was wrong and what is accepted.
 */
final class PortUriParser {
    private PortUriParser() {}

    private static final String SCHEMES = "netmap:, pcap:, afpacket:, inproc:";
    private static final String WORD = "[0-9A-Za-z_]+";
    /** netmap: NAME (or valeSSS:PPP), then one optional suffix (NETMAP-ABI.md "Port names"). */
    private static final Pattern NETMAP_NAME = Pattern.compile(
            "(" + WORD + "|vale" + WORD + ":" + WORD + ")(?:(\\^)(\\d+)?|(\\*)|-(\\d+)|([{}])(" + WORD + "))?");
    /** netmap:/PATH — a device node that is itself the port (the HyperNF front device). */
    private static final Pattern DEVICE_PATH = Pattern.compile("(?:/[0-9A-Za-z_.-]+)*/(" + WORD + ")");
    private static final Pattern INPROC_NAME = Pattern.compile("(" + WORD + ")(?:/([ab])|([{}])(" + WORD + "))");

    static PortUri parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("port '" + text + "': empty URI; accepted: " + SCHEMES);
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("port '" + text + "': no scheme; accepted: " + SCHEMES
                    + " (e.g. " + Pcap.USAGE + ")");
        }
        String scheme = text.substring(0, colon);
        String rest = text.substring(colon + 1);
        int question = rest.indexOf('?');
        String body = question < 0 ? rest : rest.substring(0, question);
        String query = question < 0 ? null : rest.substring(question + 1);
        switch (scheme) {
            case Netmap.SCHEME: return netmap(text, body, query);
            case Pcap.SCHEME: return pcap(text, body, query);
            case AfPacket.SCHEME: return afpacket(text, body, query);
            case Inproc.SCHEME: return inproc(text, body, query);
            default:
                throw new IllegalArgumentException("port '" + text + "': unknown scheme '" + scheme + "'; accepted: " + SCHEMES);
        }
    }

    private static Netmap netmap(String text, String body, String query) {
        if (body.startsWith("/")) {
            return netmapDevice(text, body, query);
        }
        Params params = new Params(text, Netmap.USAGE, query, Set.of("dev"));
        int slash = body.indexOf('/');
        String name = slash < 0 ? body : body.substring(0, slash);
        String flagText = slash < 0 ? "" : body.substring(slash + 1);
        if (name.isEmpty()) {
            throw error(text, "missing interface name", Netmap.USAGE);
        }
        Matcher m = NETMAP_NAME.matcher(name);
        if (!m.matches()) {
            throw error(text, "'" + name + "' is not a netmap port name", Netmap.USAGE);
        }
        String ifName = m.group(1);
        int mode = NetmapLayout.NR_REG_ALL_NIC;
        int ringId = 0;
        String pipe = null;
        boolean master = false;
        if (m.group(2) != null) {
            if (m.group(3) == null) {
                mode = NetmapLayout.NR_REG_SW;
            } else {
                mode = NetmapLayout.NR_REG_ONE_SW;
                ringId = ringNumber(text, m.group(3));
            }
        } else if (m.group(4) != null) {
            mode = NetmapLayout.NR_REG_NIC_SW;
        } else if (m.group(5) != null) {
            mode = NetmapLayout.NR_REG_ONE_NIC;
            ringId = ringNumber(text, m.group(5));
        } else if (m.group(6) != null) {
            master = m.group(6).equals("{");
            pipe = m.group(7);
        }
        String requestName = pipe == null ? ifName : ifName + "{" + pipe;
        if (requestName.length() >= NetmapLayout.HDR_NAME_SIZE) {
            throw error(text, "name '" + name + "' is longer than " + (NetmapLayout.HDR_NAME_SIZE - 1) + " characters", Netmap.USAGE);
        }
        long flags = 0;
        for (int i = 0; i < flagText.length(); i++) {
            char c = flagText.charAt(i);
            long bit = switch (c) {
                case 'x' -> Netmap.NR_EXCLUSIVE;
                case 'R' -> Netmap.NR_RX_RINGS_ONLY;
                case 'T' -> Netmap.NR_TX_RINGS_ONLY;
                default -> throw error(text, "unknown flag '" + c + "' after '/'", Netmap.USAGE);
            };
            flags |= bit;
        }
        if (slash >= 0 && flagText.isEmpty()) {
            throw error(text, "'/' without flags", Netmap.USAGE);
        }
        if ((flags & Netmap.NR_RX_RINGS_ONLY) != 0 && (flags & Netmap.NR_TX_RINGS_ONLY) != 0) {
            throw error(text, "flags R (rx only) and T (tx only) exclude each other", Netmap.USAGE);
        }
        String device = params.string("dev", Netmap.DEFAULT_DEVICE);
        if (!device.startsWith("/")) {
            throw error(text, "dev '" + device + "' is not an absolute path", Netmap.USAGE);
        }
        return new Netmap(text, ifName, mode, ringId, pipe, master, flags, device);
    }

    /**
     * {@code netmap:/PATH}: the node names the port (a HyperNF front device {@code /dev/hypernfN}
     * has one ring pair and ignores the request's name), so the port registers all its rings under
     * the node's file name, with no suffix, flags or {@code dev=}.
     */
    private static Netmap netmapDevice(String text, String body, String query) {
        if (query != null) {
            throw error(text, "a device path takes no parameters (the path already names the device)", Netmap.USAGE);
        }
        Matcher m = DEVICE_PATH.matcher(body);
        if (!m.matches() || body.contains("/../") || body.contains("/./")) {
            throw error(text, "'" + body + "' is not a device path whose file name is [0-9A-Za-z_]+"
                    + " (suffixes and flags go with netmap:NAME?dev=PATH)", Netmap.USAGE);
        }
        String name = m.group(1);
        if (name.length() >= NetmapLayout.HDR_NAME_SIZE) {
            throw error(text, "device name '" + name + "' is longer than " + (NetmapLayout.HDR_NAME_SIZE - 1) + " characters", Netmap.USAGE);
        }
        return new Netmap(text, name, NetmapLayout.NR_REG_ALL_NIC, 0, null, false, 0, body);
    }

    private static Pcap pcap(String text, String body, String query) {
        Params params = new Params(text, Pcap.USAGE, query, Set.of("mode", "pace", "loop", "snaplen", "ts"));
        if (body.isEmpty()) {
            throw error(text, "missing file path", Pcap.USAGE);
        }
        boolean write = params.choice("mode", "read", "read", "write").equals("write");
        if (write && (params.has("pace") || params.has("loop"))) {
            throw error(text, "pace and loop apply to reading only (mode=write is an output)", Pcap.USAGE);
        }
        if (!write && params.has("ts")) {
            throw error(text, "ts applies to writing only (add mode=write)", Pcap.USAGE);
        }
        Pcap.Pace pace = params.choice("pace", "full", "full", "recorded").equals("full") ? Pcap.Pace.FULL : Pcap.Pace.RECORDED;
        int loop = params.integer("loop", 1, 0, Integer.MAX_VALUE);
        int snaplen = params.integer("snaplen", Pcap.DEFAULT_SNAPLEN, 1, Pcap.DEFAULT_SNAPLEN);
        boolean nanos = params.choice("ts", "us", "us", "ns").equals("ns");
        return new Pcap(text, body, write, pace, loop, snaplen, nanos);
    }

    private static AfPacket afpacket(String text, String body, String query) {
        Params params = new Params(text, AfPacket.USAGE, query, Set.of("frames", "block", "fanout"));
        if (body.isEmpty()) {
            throw error(text, "missing interface name", AfPacket.USAGE);
        }
        // Linux dev_valid_name(): 1..IFNAMSIZ-1 bytes, not "." or "..", no '/', ':' or white space.
        if (body.length() > 15 || body.equals(".") || body.equals("..") || !body.chars().allMatch(c -> c > ' ' && c < 127 && c != '/' && c != ':')) {
            throw error(text, "'" + body + "' is not a Linux interface name (1-15 characters, no '/', ':' or spaces)", AfPacket.USAGE);
        }
        int frames = params.integer("frames", AfPacket.DEFAULT_FRAMES, 2, RingGeometry.MAX_SLOTS);
        int block = params.integer("block", AfPacket.DEFAULT_BLOCK, 4096, 1 << 30);
        if (Integer.bitCount(block) != 1) {
            throw error(text, "block " + block + " is not a power of two", AfPacket.USAGE);
        }
        AfPacket.Fanout fanout = null;
        int group = 0;
        if (params.has("fanout")) {
            String value = params.string("fanout", "");
            int sep = value.indexOf(':');
            String modeText = sep < 0 ? value : value.substring(0, sep);
            for (AfPacket.Fanout f : AfPacket.Fanout.values()) {
                if (f.name().equalsIgnoreCase(modeText)) {
                    fanout = f;
                }
            }
            if (fanout == null) {
                throw error(text, "fanout mode '" + modeText + "' is unknown", AfPacket.USAGE);
            }
            if (sep >= 0) {
                group = number(text, "fanout group", value.substring(sep + 1), 0, 65535, AfPacket.USAGE);
            }
        }
        return new AfPacket(text, body, frames, block, fanout, group);
    }

    private static Inproc inproc(String text, String body, String query) {
        Params params = new Params(text, Inproc.USAGE, query, Set.of("slots", "bufsize", "group", "links"));
        if (body.isEmpty()) {
            throw error(text, "missing link name", Inproc.USAGE);
        }
        Matcher m = INPROC_NAME.matcher(body);
        if (!m.matches()) {
            throw error(text, "'" + body + "' names no end of a pair (NAME/a, NAME/b) or pipe (NAME{ID, NAME}ID)", Inproc.USAGE);
        }
        String link;
        Inproc.End end;
        if (m.group(2) != null) {
            link = m.group(1);
            end = m.group(2).equals("a") ? Inproc.End.A : Inproc.End.B;
        } else {
            link = m.group(1) + "{" + m.group(4);
            end = m.group(3).equals("{") ? Inproc.End.MASTER : Inproc.End.SLAVE;
        }
        if (link.length() >= NetmapLayout.IF_NAME_SIZE - 2) {
            throw error(text, "link name '" + link + "' is longer than " + (NetmapLayout.IF_NAME_SIZE - 3) + " characters", Inproc.USAGE);
        }
        int slots = params.integer("slots", Inproc.DEFAULT_SLOTS, 2, RingGeometry.MAX_SLOTS);
        int bufSize = params.integer("bufsize", Inproc.DEFAULT_BUFFER_SIZE, 64, 65536);
        if ((bufSize & 63) != 0) {
            throw error(text, "bufsize " + bufSize + " is not a multiple of 64", Inproc.USAGE);
        }
        String group = params.has("group") ? params.string("group", "") : null;
        if (group != null && !group.matches(WORD)) {
            throw error(text, "group '" + group + "' is not a name of [0-9A-Za-z_]", Inproc.USAGE);
        }
        if (group == null && params.has("links")) {
            throw error(text, "links applies to groups only (add group=G)", Inproc.USAGE);
        }
        int links = params.integer("links", Inproc.DEFAULT_GROUP_LINKS, 1, Inproc.MAX_GROUP_LINKS);
        return new Inproc(text, link, end, slots, bufSize, group, links);
    }

    private static int ringNumber(String text, String digits) {
        return number(text, "ring", digits, 0, RingGeometry.MAX_RINGS - 1, Netmap.USAGE);
    }

    private static int number(String text, String what, String value, int min, int max, String usage) {
        try {
            long v = Long.parseLong(value);
            if (v >= min && v <= max) {
                return (int) v;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw error(text, what + " '" + value + "' is not a number in [" + min + ", " + max + "]", usage);
    }

    static IllegalArgumentException error(String text, String problem, String usage) {
        return new IllegalArgumentException("port '" + text + "': " + problem + "; accepted: " + usage);
    }

    /** The {@code ?key=value&...} part, checked against the keys a scheme accepts. */
    private static final class Params {
        private final String text;
        private final String usage;
        private final Map<String, String> values = new LinkedHashMap<>();

        Params(String text, String usage, String query, Set<String> accepted) {
            this.text = text;
            this.usage = usage;
            if (query == null) {
                return;
            }
            if (query.isEmpty()) {
                throw error(text, "'?' without parameters", usage);
            }
            for (String pair : query.split("&", -1)) {
                int eq = pair.indexOf('=');
                if (eq <= 0 || eq == pair.length() - 1) {
                    throw error(text, "parameter '" + pair + "' is not key=value", usage);
                }
                String key = pair.substring(0, eq);
                if (!accepted.contains(key)) {
                    throw error(text, "unknown parameter '" + key + "'", usage);
                }
                if (values.put(key, pair.substring(eq + 1)) != null) {
                    throw error(text, "parameter '" + key + "' given twice", usage);
                }
            }
        }

        boolean has(String key) { return values.containsKey(key); }

        String string(String key, String fallback) { return values.getOrDefault(key, fallback); }

        String choice(String key, String fallback, String... accepted) {
            String v = values.getOrDefault(key, fallback);
            for (String a : accepted) {
                if (a.equals(v)) {
                    return v;
                }
            }
            throw error(text, key + " '" + v + "' is not one of " + String.join("|", accepted), usage);
        }

        int integer(String key, int fallback, int min, int max) {
            String v = values.get(key);
            return v == null ? fallback : number(text, key, v, min, max, usage);
        }
    }
}
