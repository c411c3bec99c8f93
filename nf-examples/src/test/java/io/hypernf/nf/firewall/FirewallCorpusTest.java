package io.hypernf.nf.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.packet.PcapCorpus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every packet of the shared capture corpus (tcpdump's test captures: malformed, truncated,
 * non-Ethernet link types fed as Ethernet anyway) through two firewalls — a permissive stateful
 * one and one that rejects everything — on both ports, in file order. No exception may escape and
 * every packet must get a verdict (checked by {@link PcapReplay}).
 */
class FirewallCorpusTest {

    @Test
    void everyCorpusPacketGetsAVerdictWithoutAnException() throws Exception {
        List<Path> files = PcapCorpus.files();
        long packets = 0;
        long forwarded = 0;
        long emitted = 0;
        for (Path file : files) {
            for (int variant = 0; variant < 2; variant++) {
                FirewallConfig base = FirewallConfig.defaults().withConntrackSize(4096).withStrict(variant == 0);
                Firewall firewall = variant == 0
                        ? new Firewall("fw", base.withRules(List.of("accept out", "accept proto icmp", "accept proto icmp6",
                                "drop in proto tcp to any port 22", "reject in proto udp")))
                        : new Firewall("fw", base.withDefaultPolicy(RuleAction.REJECT).withRules(List.of("accept in proto tcp flags S/SA")));
                PcapReplay replay = new PcapReplay();
                int[] alternate = {0};
                try {
                    replay.run(firewall, file, frame -> alternate[0]++ & 1, null);
                } catch (RuntimeException | AssertionError e) {
                    throw new AssertionError(file.getFileName() + " (variant " + variant + "): " + e, e);
                }
                packets += replay.records;
                forwarded += replay.forwarded;
                emitted += replay.emitted;
                assertThat(replay.forwarded + replay.dropped).as(file.getFileName().toString()).isEqualTo(replay.records);
            }
        }
        assertThat(files).hasSizeGreaterThan(100);
        assertThat(packets).as("the corpus was actually replayed").isGreaterThan(10_000);
        assertThat(forwarded).isPositive();
        assertThat(emitted).as("rejects answered some of it").isPositive();
    }
}
