package io.hypernf.nf.lb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The control plane's view of the backends, changed by the backends file and the control
 * protocol, never by the data path. Every change builds a new {@link LbSnapshot} — the Maglev
 * tables included — on the caller's thread and publishes it with one volatile write
 * (JLS 17.4.5: the data path's volatile read of {@link #snapshot()} then sees the whole new
 * snapshot). Methods are synchronized so the file watcher and control connections may race.
 */
public final class BackendRegistry {
    /** Distinct (service, address, port) ever known; ids are never reused, so this bounds memory. */
    public static final int MAX_BACKEND_IDS = 1 << 16;

    private final LbConfig config;
    private final Map<String, Integer> serviceIndex = new LinkedHashMap<>();
    private final List<Map<Long, Integer>> idsOfService = new ArrayList<>();
    private final List<Backend> backends = new ArrayList<>();
    private final List<Integer> serviceOfId = new ArrayList<>();
    private volatile LbSnapshot current;
    private long generation;

    public BackendRegistry(LbConfig config) {
        this.config = config;
        for (VirtualService service : config.services()) {
            serviceIndex.put(service.name(), idsOfService.size());
            idsOfService.add(new HashMap<>());
        }
        for (VirtualService service : config.services()) {
            for (Backend backend : service.backends()) {
                upsert(service.name(), backend);
            }
        }
        publish();
    }

    /** The snapshot the data path uses now (one volatile read; take it once per batch). */
    public LbSnapshot snapshot() { return current; }

    /** Adds a backend, or replaces the settings of one with the same address and port. */
    public synchronized void add(String service, Backend backend) {
        upsert(service, backend);
        publish();
    }

    /** Sets the state of a known backend ({@code up}, {@code drain}, {@code down}). */
    public synchronized void setState(String service, int address, int port, BackendState state) {
        int id = existing(service, address, port);
        backends.set(id, backends.get(id).withState(state));
        publish();
    }

    public synchronized void setWeight(String service, int address, int port, int weight) {
        int id = existing(service, address, port);
        backends.set(id, backends.get(id).withWeight(weight));
        publish();
    }

    /** Forgets a backend: no new flows, and its connections are rescheduled on their next packet. */
    public synchronized void remove(String service, int address, int port) {
        setState(service, address, port, BackendState.REMOVED);
    }

    /**
     * Makes the backend sets exactly {@code sets} (the backends file): listed backends are added or
     * updated, every other known backend of those services is removed. One publication.
     */
    public synchronized void replaceAll(Map<String, List<Backend>> sets) {
        for (String service : sets.keySet()) {
            serviceIndexOf(service);
        }
        for (Map.Entry<String, List<Backend>> e : sets.entrySet()) {
            for (Backend backend : e.getValue()) {
                checkMac(backend);
            }
        }
        for (Map.Entry<String, List<Backend>> e : sets.entrySet()) {
            Map<Long, Integer> ids = idsOfService.get(serviceIndexOf(e.getKey()));
            java.util.Set<Long> listed = new java.util.HashSet<>();
            for (Backend backend : e.getValue()) {
                listed.add(backend.name());
                upsert(e.getKey(), backend);
            }
            for (Map.Entry<Long, Integer> known : ids.entrySet()) {
                if (!listed.contains(known.getKey())) {
                    backends.set(known.getValue(), backends.get(known.getValue()).withState(BackendState.REMOVED));
                }
            }
        }
        publish();
    }

    /** The backends of {@code service} that are not removed, in id order. */
    public synchronized List<Backend> backends(String service) {
        List<Backend> out = new ArrayList<>();
        for (int id : idsOfService.get(serviceIndexOf(service)).values()) {
            if (backends.get(id).state() != BackendState.REMOVED) {
                out.add(backends.get(id));
            }
        }
        out.sort(Comparator.comparingLong(Backend::name));
        return out;
    }

    /** The backend id of a known backend (tests, reports), or -1. */
    public synchronized int id(String service, int address, int port) {
        Integer id = idsOfService.get(serviceIndexOf(service)).get(new Backend(address, port, 0, 0, BackendState.UP).name());
        return id == null ? -1 : id;
    }

    /**
     * One line per live backend: state, weight, its share of the Maglev table against its share
     * of the weight of the backends that are up (the balance report).
     */
    public synchronized List<String> report() {
        LbSnapshot snapshot = current;
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Integer> s : serviceIndex.entrySet()) {
            int[] table = snapshot.table(s.getValue());
            double[] share = MaglevStats.shares(table, Math.max(backends.size(), 1));
            long upWeight = 0;
            for (int id : idsOfService.get(s.getValue()).values()) {
                Backend b = backends.get(id);
                upWeight += b.state() == BackendState.UP ? b.weight() : 0;
            }
            for (Backend b : backends(s.getKey())) {
                int id = idsOfService.get(s.getValue()).get(b.name());
                double weightShare = b.state() == BackendState.UP && upWeight > 0 ? (double) b.weight() / upWeight : 0;
                lines.add(String.format(Locale.ROOT, "%s %s table=%s weight-share=%s", s.getKey(), b,
                        MaglevStats.percent(share[id]), MaglevStats.percent(weightShare)));
            }
        }
        return lines;
    }

    private void upsert(String service, Backend backend) {
        checkMac(backend);
        int index = serviceIndexOf(service);
        Map<Long, Integer> ids = idsOfService.get(index);
        Integer id = ids.get(backend.name());
        if (id != null) {
            backends.set(id, backend);
            return;
        }
        if (backends.size() >= MAX_BACKEND_IDS) {
            throw new IllegalArgumentException("more than " + MAX_BACKEND_IDS + " distinct backends were added over time");
        }
        ids.put(backend.name(), backends.size());
        backends.add(backend);
        serviceOfId.add(index);
    }

    private void checkMac(Backend backend) {
        if (backend.mac() == 0 && config.nextHopMac() == 0) {
            throw new IllegalArgumentException("backend " + backend.endpoint() + " has no mac= and next-hop-mac is not set");
        }
    }

    private int existing(String service, int address, int port) {
        int id = id(service, address, port);
        if (id < 0 || backends.get(id).state() == BackendState.REMOVED) {
            throw new IllegalArgumentException("service '" + service + "' has no backend "
                    + new Backend(address, port, 0, 0, BackendState.UP).endpoint());
        }
        return id;
    }

    private int serviceIndexOf(String service) {
        Integer index = serviceIndex.get(service);
        if (index == null) {
            throw new IllegalArgumentException("service '" + service + "' is not configured; known: " + String.join(", ", serviceIndex.keySet()));
        }
        return index;
    }

    /** Builds the tables of every service from its up backends, sorted by name for determinism, and publishes. */
    private void publish() {
        int count = backends.size();
        int[] address = new int[count];
        int[] port = new int[count];
        long[] mac = new long[count];
        BackendState[] state = new BackendState[count];
        for (int id = 0; id < count; id++) {
            Backend b = backends.get(id);
            VirtualService service = config.services().get(serviceOfId.get(id));
            address[id] = b.address();
            port[id] = b.port() == 0 ? service.port() : b.port();
            mac[id] = b.mac() == 0 ? config.nextHopMac() : b.mac();
            state[id] = b.state();
        }
        int services = config.services().size();
        long[] keys = new long[services];
        int[][] tables = new int[services][];
        for (int s = 0; s < services; s++) {
            keys[s] = config.services().get(s).key();
            List<Integer> up = new ArrayList<>();
            for (int id : idsOfService.get(s).values()) {
                if (backends.get(id).state() == BackendState.UP && backends.get(id).weight() > 0) {
                    up.add(id);
                }
            }
            up.sort(Comparator.comparingLong(id -> backends.get(id).name()));
            long[] names = new long[up.size()];
            int[] weights = new int[up.size()];
            for (int i = 0; i < names.length; i++) {
                names[i] = backends.get(up.get(i)).name();
                weights[i] = backends.get(up.get(i)).weight();
            }
            int[] table = Maglev.build(names, weights, config.tableSize());
            for (int i = 0; i < table.length; i++) {
                table[i] = table[i] < 0 ? -1 : up.get(table[i]);
            }
            tables[s] = table;
        }
        current = new LbSnapshot(++generation, keys, tables, address, port, mac, state);
    }
}
