package io.hypernf.sdk.nf;

/**
 * One NF inside a runtime: the NF, its counters, and where each of its ports leads — an external
 * port ({@link #externalTarget}) or a port of another NF of the chain ({@link #linkNf},
 * {@link #linkPort}) — plus one {@link RuntimeBatch} per port for the packets waiting for it.
 */
final class NfNode {
    final String name;
    final NetworkFunction nf;
    /** The NF when it decides packet by packet (the dispatcher then walks RX rings once), else null. */
    final PacketFunction perPacket;
    final NfCounters counters;
    final int portCount;
    final int[] externalTarget;
    final NfNode[] linkNf;
    final int[] linkPort;
    RuntimeBatch[] staging;

    NfNode(String name, NetworkFunction nf) {
        this.name = name;
        this.nf = nf;
        this.perPacket = nf instanceof PacketFunction function ? function : null;
        this.counters = new NfCounters(nf.dropReasons());
        this.portCount = nf.portNames().size();
        this.externalTarget = new int[portCount];
        java.util.Arrays.fill(externalTarget, -1);
        this.linkNf = new NfNode[portCount];
        this.linkPort = new int[portCount];
    }

    int portIndex(String portName) { return nf.portNames().indexOf(portName); }

    boolean isWired(int port) { return externalTarget[port] >= 0 || linkNf[port] != null; }
}
