package io.hypernf.nf.lb;

import java.util.Arrays;

/**
 * Everything the data path needs to pick a backend, frozen: the services (a sorted key array for
 * binary search), each service's Maglev table of backend ids, and per backend id its address,
 * port, next-hop MAC and state. Built by {@link BackendRegistry} off the data path and published
 * through one volatile reference, so a batch sees either the old set or the new one, never a mix.
 *
 * <p>Backend ids are stable for the life of the LB: the same (service, address, port) keeps its id
 * through drains, removals and re-adds, which is what lets a tracked connection name its backend
 * by id across snapshots.
 */
public final class LbSnapshot {
    private final long generation;
    private final long[] serviceKeys;
    private final int[] serviceAtKey;
    private final int[][] tables;
    private final int[] address;
    private final int[] port;
    private final long[] mac;
    private final BackendState[] state;

    LbSnapshot(long generation, long[] serviceKeys, int[][] tables, int[] address, int[] port, long[] mac, BackendState[] state) {
        this.generation = generation;
        Integer[] order = new Integer[serviceKeys.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(serviceKeys[a], serviceKeys[b]));
        this.serviceKeys = new long[order.length];
        this.serviceAtKey = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            this.serviceKeys[i] = serviceKeys[order[i]];
            this.serviceAtKey[i] = order[i];
        }
        this.tables = tables;
        this.address = address;
        this.port = port;
        this.mac = mac;
        this.state = state;
    }

    /** Counts publications; a new snapshot has a larger number. */
    public long generation() { return generation; }

    /** The service index for packets to {@code vip:port} over {@code protocol}, or -1. */
    public int service(int vip, int destinationPort, int protocol) {
        int at = Arrays.binarySearch(serviceKeys, VirtualService.key(vip, destinationPort, protocol));
        return at >= 0 ? serviceAtKey[at] : -1;
    }

    /** The backend id Maglev gives a flow of {@code hash} in {@code service}, or -1 when it has no backend up. */
    public int pick(int service, int hash) {
        int[] table = tables[service];
        return table[Integer.remainderUnsigned(hash, table.length)];
    }

    /** Whether a connection already on backend {@code id} stays there (up or draining). */
    public boolean keeps(int id) {
        return id >= 0 && id < state.length && state[id].keepsConnections();
    }

    public int backends() { return address.length; }
    public int address(int id) { return address[id]; }
    /** The backend's port, the service's port when the backend named none. */
    public int port(int id) { return port[id]; }
    /** The next-hop MAC for the backend (its own, or the LB's next-hop-mac). */
    public long mac(int id) { return mac[id]; }
    public BackendState state(int id) { return state[id]; }

    /** A copy of the Maglev table of {@code service} (reports and tests). */
    public int[] table(int service) { return tables[service].clone(); }
}
