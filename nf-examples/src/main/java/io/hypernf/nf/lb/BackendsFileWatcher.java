package io.hypernf.nf.lb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the backends file when its content changes and hands the new sets to the registry,
 * which rebuilds the Maglev tables and publishes them (on this thread, never the data path's).
 * Polls the content every {@code pollMillis} rather than trusting modification times, which have
 * coarse granularity on some file systems and miss same-second edits. A new content is applied
 * only once two polls in a row read it, so a file caught in the middle of being rewritten (an
 * editor's or {@code echo >}'s truncate-then-write) is not applied half-written; writers that
 * replace the file by rename are safe anyway. A file that does not parse, or is missing, keeps the
 * previous set, is logged with file:line, and counted.
 */
public final class BackendsFileWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackendsFileWatcher.class);

    private final Path file;
    private final Set<String> services;
    private final BackendRegistry registry;
    private final long pollMillis;
    private final Thread thread;
    private volatile boolean closed;
    private volatile long reloads;
    private volatile long reloadErrors;
    private volatile String lastError = "";
    private String lastContent;
    private String pendingContent;

    /** Reads the file once now (an error here is thrown: a bad file at start-up is a config error), then watches it. */
    public BackendsFileWatcher(Path file, Set<String> services, BackendRegistry registry, long pollMillis) throws IOException {
        this.file = file;
        this.services = Set.copyOf(services);
        this.registry = registry;
        this.pollMillis = pollMillis;
        String content = Files.readString(file, StandardCharsets.UTF_8);
        registry.replaceAll(BackendsFile.parse(file.toString(), content, this.services));
        lastContent = content;
        reloads = 1;
        thread = new Thread(this::watch, "lb-backends-file");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                return;
            }
            check();
        }
    }

    /** One poll: reloads when the content differs from the applied one and is the same as at the previous poll. */
    void check() {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            fail(file + ": missing; keeping the previous backends");
            return;
        } catch (IOException e) {
            fail(file + ": " + e.getMessage() + "; keeping the previous backends");
            return;
        }
        if (content.equals(lastContent)) {
            pendingContent = null;
            return;
        }
        if (!content.equals(pendingContent)) {
            pendingContent = content;
            return;
        }
        pendingContent = null;
        lastContent = content;
        try {
            registry.replaceAll(BackendsFile.parse(file.toString(), content, services));
            reloads++;
            LOG.info("lb: reloaded {}", file);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage() + "; keeping the previous backends");
        }
    }

    private void fail(String message) {
        if (!message.equals(lastError)) {
            LOG.warn("lb: {}", message);
        }
        lastError = message;
        reloadErrors++;
    }

    /** Successful loads, the first one included. */
    public long reloads() { return reloads; }
    public long reloadErrors() { return reloadErrors; }
    public String lastError() { return lastError; }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
