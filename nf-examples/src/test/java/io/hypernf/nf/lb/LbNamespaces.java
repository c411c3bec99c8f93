package io.hypernf.nf.lb;

import io.hypernf.sdk.port.os.NetnsLab;
import java.util.ArrayList;
import java.util.List;

/**
 * The LB's real-traffic topology, built in a {@link NetnsLab} (which deletes it again):
 * <pre>
 *  [client] c0 ==veth== lc [lb] ls ==veth== sl [switch: br0] sN ==veth== bN [backend N]  (N = 1..count)
 *  10.88.0.1                                                              10.88.1.1N
 *  VIP 10.88.0.100 (static neighbour -> lc's MAC)        LB address 10.88.1.1 (static neighbour -> ls's MAC)
 * </pre>
 * The LB NF runs in this JVM on {@code afpacket:} sockets opened inside [lb]; the switch is a
 * Linux bridge so several backend namespaces share the LB's one server port.
 */
final class LbNamespaces implements AutoCloseable {
    static final String CLIENT_IP = "10.88.0.1";
    static final String VIP = "10.88.0.100";
    static final String LB_ADDRESS = "10.88.1.1";
    static final String LB_CLIENT_MAC = "02:88:00:00:00:01";
    static final String LB_SERVER_MAC = "02:88:00:00:00:02";

    final NetnsLab lab;
    final String client;
    final String lb;
    final String sw;
    final List<String> backends = new ArrayList<>();

    private LbNamespaces(NetnsLab lab) throws Exception {
        this.lab = lab;
        client = lab.add("client");
        lb = lab.add("lb");
        sw = lab.add("switch");
    }

    static String backendIp(int n) { return "10.88.1.1" + n; }
    static String backendMac(int n) { return "02:88:00:00:01:0" + n; }

    static void assumeRootWithTools() throws Exception {
        NetnsLab.assumeRoot("lb namespace test", "ethtool", "python3", "ss");
    }

    static LbNamespaces create(int backendCount) throws Exception {
        NetnsLab lab = NetnsLab.create();
        try {
            LbNamespaces topology = new LbNamespaces(lab);
            topology.build(backendCount);
            return topology;
        } catch (Exception | AssertionError e) {
            lab.close();
            throw e;
        }
    }

    private void build(int count) throws Exception {
        lab.veth(lb, "lc", client, "c0");
        lab.veth(lb, "ls", sw, "sl");
        lab.in(lb, "ip", "link", "set", "lc", "address", LB_CLIENT_MAC);
        lab.in(lb, "ip", "link", "set", "ls", "address", LB_SERVER_MAC);
        lab.in(sw, "ip", "link", "add", "br0", "type", "bridge");
        lab.in(sw, "ip", "link", "set", "br0", "up");
        lab.in(sw, "ip", "link", "set", "sl", "master", "br0");
        lab.in(client, "ip", "addr", "add", CLIENT_IP + "/24", "dev", "c0");
        lab.in(client, "ip", "neigh", "add", VIP, "lladdr", LB_CLIENT_MAC, "dev", "c0", "nud", "permanent");
        for (int n = 1; n <= count; n++) {
            String ns = lab.add("backend" + n);
            backends.add(ns);
            lab.veth(sw, "s" + n, ns, "b" + n);
            lab.in(sw, "ip", "link", "set", "s" + n, "master", "br0");
            lab.in(ns, "ip", "link", "set", "b" + n, "address", backendMac(n));
            lab.in(ns, "ip", "addr", "add", backendIp(n) + "/24", "dev", "b" + n);
            lab.in(ns, "ip", "neigh", "add", LB_ADDRESS, "lladdr", LB_SERVER_MAC, "dev", "b" + n, "nud", "permanent");
        }
    }

    @Override
    public void close() throws Exception {
        lab.close();
    }
}
