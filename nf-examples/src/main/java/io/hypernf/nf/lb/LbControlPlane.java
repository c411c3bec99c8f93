package io.hypernf.nf.lb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The run-time control of one load balancer: the backends file watcher and the control socket,
 * each present when configured, both feeding the same {@link BackendRegistry}. Their threads are
 * daemons, so they never keep the process alive; {@link #close()} stops them.
 */
public final class LbControlPlane implements AutoCloseable {
    private final BackendsFileWatcher watcher;
    private final ControlServer server;

    private LbControlPlane(BackendsFileWatcher watcher, ControlServer server) {
        this.watcher = watcher;
        this.server = server;
    }

    /** Starts what {@code config} asks for; an unreadable or bad backends file, or a busy socket, is an error naming it. */
    public static LbControlPlane start(LbConfig config, BackendRegistry registry) {
        BackendsFileWatcher watcher = null;
        if (config.backendsFile() != null) {
            Set<String> names = new LinkedHashSet<>();
            config.services().forEach(s -> names.add(s.name()));
            try {
                watcher = new BackendsFileWatcher(config.backendsFile(), names, registry, config.backendsPollMillis());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read backends file " + config.backendsFile() + ": " + e, e);
            }
        }
        try {
            ControlServer server = config.control() == null ? null : new ControlServer(config.control(), new ControlProtocol(registry));
            return new LbControlPlane(watcher, server);
        } catch (IOException | RuntimeException e) {
            if (watcher != null) {
                watcher.close();
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot listen on control " + config.control() + ": " + e, io);
            }
            throw (RuntimeException) e;
        }
    }

    /** The watcher, or null when there is no backends file. */
    public BackendsFileWatcher watcher() { return watcher; }
    /** The control server, or null when {@code control} is not set. */
    public ControlServer server() { return server; }

    @Override
    public void close() throws IOException {
        if (watcher != null) {
            watcher.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
