package io.hypernf.nf.nat;

import static io.hypernf.nf.nat.NatFrames.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.nf.AllocatedBytes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The NAT allocates nothing per packet in steady state: new mappings and sessions, translation
 * both ways, hairpins, ICMP errors, MSS clamping, expiry and port hold-down with a clock that
 * moves, measured with the thread's allocated-bytes counter over 300,000 packets after warm-up.
 */
class NatAllocationTest {

    @Test
    void translationAllocatesNothingPerPacket() {
        AllocatedBytes allocations = AllocatedBytes.ofCurrentThread();

        NatConfig config = NatConfig.defaults(NatConfig.pool("203.0.113.0/30")).withMssClamp(1400).withMaxSessions(4096)
                .withStatics(List.of(NatConfig.staticMapping("10.9.9.9 <-> 192.0.2.9")),
                        List.of(NatConfig.portForward("tcp 203.0.113.1:8080 -> 10.0.0.10:80")));
        NatDriver nat = new NatDriver(config);
        int pool = ip("203.0.113.1");
        int remote = ip("198.51.100.9");
        List<byte[]> outbound = new ArrayList<>();
        List<byte[]> inbound = new ArrayList<>();
        for (int host = 0; host < 64; host++) {
            int inside = ip("10.0.1." + host);
            outbound.add(NatFrames.tcp(inside, 30000 + host, remote, 80, 0x02, new byte[] {2, 4, 0x05, (byte) 0xB4}));
            outbound.add(NatFrames.udp(inside, 30000, remote, 53));
            outbound.add(NatFrames.echo(inside, remote, 8, host, 1));
            inbound.add(NatFrames.udp(remote, 53, pool, 30000));
            inbound.add(NatFrames.tcp(remote, 80, pool, 30000 + host, 0x12));
        }
        outbound.add(NatFrames.udp(ip("10.0.1.1"), 30000, pool, 30000));
        outbound.add(NatFrames.tcp(ip("10.9.9.9"), 1, remote, 2, 0x10));
        inbound.add(NatFrames.tcp(remote, 1234, pool, 8080, 0x02));
        inbound.add(NatFrames.icmpError(remote, pool, 3, 3, NatFrames.udp(pool, 30000, remote, 53), 200));
        inbound.add(NatFrames.tcp(remote, 1234, pool, 9999, 0x02));

        run(nat, outbound, inbound, 100_000);
        long before = allocations.now();
        run(nat, outbound, inbound, 300_000);
        long allocated = allocations.now() - before;
        assertThat(nat.nat.mappingsRemoved()).as("mappings expired and were made again").isGreaterThan(100);
        assertThat(nat.nat.translatedIn()).isGreaterThan(1000);
        assertThat(allocated).as("bytes allocated over 300,000 packets").isLessThan(4096);
    }

    private static void run(NatDriver nat, List<byte[]> outbound, List<byte[]> inbound, int packets) {
        byte[][] out = outbound.toArray(new byte[0][]);
        byte[][] in = inbound.toArray(new byte[0][]);
        for (int i = 0; i < packets; i++) {
            nat.now += 5_000_000L;
            if ((i & 1) == 0) {
                byte[] f = out[(i >>> 1) % out.length];
                nat.sendInPlace(Nat.INSIDE, f, f.length);
            } else {
                byte[] f = in[(i >>> 1) % in.length];
                nat.sendInPlace(Nat.OUTSIDE, f, f.length);
            }
            if ((i & 63) == 0) {
                nat.nat.tick(nat.now);
            }
            if (i % 100_000 == 99_999) {
                nat.now += 400_000_000_000L;
                for (int t = 0; t < 64; t++) {
                    nat.nat.tick(nat.now);
                }
            }
        }
    }
}
