package io.hypernf.nf.nat;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.nf.IdleMode;
import io.hypernf.sdk.nf.NfRuntime;
import io.hypernf.sdk.nf.RunOptions;
import io.hypernf.sdk.port.Ports;
import io.hypernf.sdk.port.os.NetnsLab;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The NAT on real traffic (root only; CI is root). Four namespaces this test makes:
 * <pre>
 *  client1 10.0.0.1 ─┐                                         
 *                    ├─ bridge ── in1 │ in0 [afpacket] NAT [afpacket] out0 │ srv0 ── server 203.0.113.100
 *  client2 10.0.0.2 ─┘   (lan)           (gw: the NF's ports)                     (srv)
 * </pre>
 * The NAT is a bump in the wire and rewrites no MAC address, so the clients' gateway 10.0.0.254
 * is a static neighbour at the server's MAC, and the server reaches the pool address 203.0.113.1
 * through a static neighbour at {@link #CLIENT_MAC}, which both clients wear: their bridge ports
 * do not learn, so the bridge floods that MAC to both and each keeps only what is addressed to
 * its IP (a broadcast MAC would not do: TCP drops segments not sent to the host's own MAC). Checked: a TCP server sees the NAT address as the
 * source and its reply returns; two clients get distinct mappings; UDP works both ways; a UDP
 * datagram to a closed port comes back to the client as an ICMP port unreachable, translated.
 */
class NatNamespaceTest {
    private static final String POOL = "203.0.113.1";
    private static final String SERVER = "203.0.113.100";
    private static final String CLIENT_MAC = "02:00:00:00:0c:01";

    @Test
    void clientsBehindTheNatReachAServerThatSeesThePoolAddress() throws Exception {
        NetnsLab.assumeRoot("the NAT namespace test", "ethtool");
        try (NetnsLab ns = NetnsLab.create()) {
            String c1 = ns.add("c1");
            String c2 = ns.add("c2");
            String lan = ns.add("lan");
            String gw = ns.add("gw");
            String srv = ns.add("srv");
            NetnsLab.run("ip", "-n", lan, "link", "add", "br0", "type", "bridge");
            ns.prepare(lan, "br0");
            NetnsLab.run("ip", "-n", gw, "link", "add", "in0", "type", "veth", "peer", "name", "in1", "netns", lan);
            NetnsLab.run("ip", "-n", gw, "link", "add", "out0", "type", "veth", "peer", "name", "srv0", "netns", srv);
            for (String client : new String[] {c1, c2}) {
                NetnsLab.run("ip", "-n", client, "link", "add", "eth0", "type", "veth", "peer", "name",
                        client.endsWith("c1") ? "p1" : "p2", "netns", lan);
            }
            for (String port : new String[] {"in1", "p1", "p2"}) {
                NetnsLab.run("ip", "-n", lan, "link", "set", port, "master", "br0");
                if (!port.equals("in1")) {
                    NetnsLab.run("ip", "-n", lan, "link", "set", port, "type", "bridge_slave", "learning", "off");
                }
                ns.prepare(lan, port);
            }
            ns.prepare(gw, "in0");
            ns.prepare(gw, "out0");
            ns.prepare(srv, "srv0");
            NetnsLab.run("ip", "-n", srv, "addr", "add", SERVER + "/24", "dev", "srv0");
            String serverMac = ns.in(srv, "cat", "/sys/class/net/srv0/address").trim();
            NetnsLab.run("ip", "-n", srv, "neigh", "add", POOL, "lladdr", CLIENT_MAC, "dev", "srv0", "nud", "permanent");
            int host = 1;
            for (String client : new String[] {c1, c2}) {
                NetnsLab.run("ip", "-n", client, "link", "set", "eth0", "address", CLIENT_MAC);
                ns.prepare(client, "eth0");
                NetnsLab.run("ip", "-n", client, "addr", "add", "10.0.0." + host++ + "/24", "dev", "eth0");
                NetnsLab.run("ip", "-n", client, "neigh", "add", "10.0.0.254", "lladdr", serverMac, "dev", "eth0", "nud", "permanent");
                NetnsLab.run("ip", "-n", client, "route", "add", "default", "via", "10.0.0.254");
            }

            Nat nat = new Nat("nat", NatConfig.defaults(NatConfig.pool(POOL)));
            AtomicReference<NfRuntime> runtime = new AtomicReference<>();
            ns.thread(gw, "nat-runtime", () -> {
                NfRuntime r = NfRuntime.builder(new RunOptions(64, IdleMode.BLOCK, 100))
                        .port("lan", Ports.open("afpacket:in0")).port("wan", Ports.open("afpacket:out0"))
                        .nf("nat", nat).connect("nat", "inside", "lan").connect("nat", "outside", "wan").build();
                runtime.set(r);
                try {
                    r.run();
                } finally {
                    r.close();
                }
            });
            ns.thread(srv, "tcp-server", () -> serveTcp());
            ns.thread(srv, "udp-server", () -> serveUdp());
            for (int i = 0; i < 100 && runtime.get() == null; i++) {
                Thread.sleep(50);
            }
            assertThat(runtime.get()).as("the NAT runtime started").isNotNull();
            try {
                String seen1 = ns.call(c1, () -> askTcp());
                String seen2 = ns.call(c2, () -> askTcp());
                assertThat(seen1).startsWith("/" + POOL + ":");
                assertThat(seen2).startsWith("/" + POOL + ":");
                assertThat(seen1).as("two clients, two mappings").isNotEqualTo(seen2);

                String udpSeen = ns.call(c1, () -> askUdp(8001));
                assertThat(udpSeen).startsWith("/" + POOL + ":");

                String unreachable = ns.call(c2, () -> askUdp(9));
                assertThat(unreachable).as("the server's port unreachable came back translated").isEqualTo("port unreachable");
                assertThat(nat.icmpErrorsIn()).isGreaterThanOrEqualTo(1);
                assertThat(nat.translatedOut()).isGreaterThan(6);
                assertThat(nat.translatedIn()).isGreaterThan(6);
            } finally {
                runtime.get().stop();
                System.out.println("nat e2e: out " + nat.translatedOut() + ", in " + nat.translatedIn() + ", icmp errors in "
                        + nat.icmpErrorsIn() + ", passed non-IP " + nat.passedNonIp() + ", drops " + nat.dropReasons()
                        + ", port rx/tx " + runtime.get().port(0).counters() + " / " + runtime.get().port(1).counters());
            }
        }
    }

    private static void serveTcp() {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(SERVER, 8000));
            server.setSoTimeout(500);
            while (!Thread.currentThread().isInterrupted()) {
                try (Socket client = server.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                    in.readLine();
                    PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.US_ASCII);
                    out.println(client.getRemoteSocketAddress());
                } catch (SocketTimeoutException e) {
                    // Poll for interruption between connections.
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("tcp server: " + e.getMessage(), e);
        }
    }

    private static void serveUdp() {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(SERVER, 8001))) {
            socket.setSoTimeout(500);
            byte[] buffer = new byte[1500];
            while (!Thread.currentThread().isInterrupted()) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                byte[] answer = packet.getSocketAddress().toString().getBytes(StandardCharsets.US_ASCII);
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("udp server: " + e.getMessage(), e);
        }
    }

    /** Connects to the TCP server and returns the address it saw us as ({@code /203.0.113.1:port}). */
    private static String askTcp() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(SERVER, 8000), 10_000);
            socket.setSoTimeout(10_000);
            new PrintWriter(socket.getOutputStream(), true, StandardCharsets.US_ASCII).println("who am I?");
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    /** Sends a datagram from a connected socket; returns the answer, or "port unreachable" when ICMP said so. */
    private static String askUdp(int port) throws Exception {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(InetAddress.getByName(SERVER), port);
            socket.setSoTimeout(1000);
            byte[] buffer = new byte[1500];
            for (int attempt = 0; attempt < 5; attempt++) {
                byte[] question = "who am I?".getBytes(StandardCharsets.US_ASCII);
                socket.send(new DatagramPacket(question, question.length));
                DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(answer);
                    return new String(buffer, 0, answer.getLength(), StandardCharsets.US_ASCII);
                } catch (PortUnreachableException e) {
                    return "port unreachable";
                } catch (SocketTimeoutException e) {
                    continue;
                } catch (SocketException e) {
                    return "socket error: " + e.getMessage();
                }
            }
            return "no answer";
        }
    }
}
