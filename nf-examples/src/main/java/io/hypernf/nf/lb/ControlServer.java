package io.hypernf.nf.lb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link ControlProtocol} on a loopback TCP port ({@code tcp:127.0.0.1:7070}; port 0 picks
 * a free one) or a Unix domain socket ({@code unix:/run/hypernf-lb.sock}, JEP 380), one thread,
 * one connection at a time. Only loopback addresses are accepted: the protocol has no
 * authentication, so it must not be reachable from the network. Lines are at most
 * {@link #MAX_LINE} characters; a longer one closes the connection.
 */
public final class ControlServer implements AutoCloseable {
    static final int MAX_LINE = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);

    private final ServerSocketChannel server;
    private final ControlProtocol protocol;
    private final Thread thread;
    private final Path socketFile;
    private volatile boolean closed;

    public ControlServer(String address, ControlProtocol protocol) throws IOException {
        SocketAddress at = parseAddress(address);
        this.protocol = protocol;
        if (at instanceof UnixDomainSocketAddress unix) {
            socketFile = unix.getPath();
            Files.deleteIfExists(socketFile);
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        } else {
            socketFile = null;
            server = ServerSocketChannel.open();
        }
        server.bind(at);
        thread = new Thread(this::serve, "lb-control");
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code tcp:HOST:PORT} with a loopback HOST, or {@code unix:PATH}; anything else is an error saying why. */
    static SocketAddress parseAddress(String text) {
        if (text.startsWith("unix:") && text.length() > 5) {
            return UnixDomainSocketAddress.of(text.substring(5));
        }
        if (text.startsWith("tcp:")) {
            int colon = text.lastIndexOf(':');
            if (colon <= 4) {
                throw new IllegalArgumentException("expected tcp:HOST:PORT");
            }
            String host = text.substring(4, colon);
            int port;
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("port '" + text.substring(colon + 1) + "' is not a number");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is outside [0, 65535]");
            }
            try {
                InetAddress address = InetAddress.getByName(host);
                if (!address.isLoopbackAddress()) {
                    throw new IllegalArgumentException(host + " is not a loopback address (the control protocol has no authentication)");
                }
                return new InetSocketAddress(address, port);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("host '" + host + "' is unknown");
            }
        }
        throw new IllegalArgumentException("expected tcp:127.0.0.1:PORT or unix:PATH");
    }

    /** Where the server listens (with the real port when 0 was asked for). */
    public SocketAddress address() throws IOException { return server.getLocalAddress(); }

    private void serve() {
        while (!closed) {
            try (SocketChannel client = server.accept()) {
                handle(client);
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("lb control: {}", e.toString());
                }
            }
        }
    }

    private void handle(SocketChannel client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
        Writer out = new OutputStreamWriter(Channels.newOutputStream(client), StandardCharsets.UTF_8);
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c != '\n') {
                if (line.length() >= MAX_LINE) {
                    out.write("error: line longer than " + MAX_LINE + " characters\n");
                    out.flush();
                    return;
                }
                line.append((char) c);
                continue;
            }
            String command = line.toString().trim();
            line.setLength(0);
            if (command.isEmpty()) {
                continue;
            }
            for (String reply : protocol.execute(command)) {
                out.write(reply);
                out.write('\n');
            }
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (socketFile != null) {
            Files.deleteIfExists(socketFile);
        }
    }
}
