package io.hypernf.nf.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RuleClassifierTest {
    private static final RuleParser PARSER = new RuleParser(RandomRules.PORTS);

    private static PacketFields tcp(String src, String dst, int dstPort, int flags) {
        PacketFields packet = new PacketFields();
        packet.family = 4;
        packet.ipv4Source((int) AddressPrefix.parseIpv4(src));
        packet.ipv4Destination((int) AddressPrefix.parseIpv4(dst));
        packet.protocol = Protocols.TCP;
        packet.hasTransport = true;
        packet.srcPort = 40000;
        packet.dstPort = dstPort;
        packet.tcpFlags = flags;
        packet.inputPort = 1;
        packet.direction = PacketFields.DIRECTION_IN;
        return packet;
    }

    @Test
    void firstMatchingRuleWinsAcrossTuples() {
        List<Rule> rules = PARSER.parse("t", List.of(
                "drop proto tcp from 10.0.0.0/8 to any port 22",
                "accept proto tcp to 192.168.1.10 port 22",
                "accept proto tcp from 10.1.0.0/16",
                "reject"));
        RuleClassifier classifier = new RuleClassifier(rules);
        assertThat(classifier.classify(tcp("10.1.2.3", "192.168.1.10", 22, 0x02))).isEqualTo(0);
        assertThat(classifier.classify(tcp("11.1.2.3", "192.168.1.10", 22, 0x02))).isEqualTo(1);
        assertThat(classifier.classify(tcp("10.1.2.3", "192.168.1.10", 80, 0x02))).isEqualTo(2);
        assertThat(classifier.classify(tcp("10.2.2.3", "192.168.1.10", 80, 0x02))).isEqualTo(3);
        assertThat(classifier.tupleCount()).isEqualTo(4);
    }

    @Test
    void rulesSharingOneKeyAreCheckedInPriorityOrder() {
        List<Rule> rules = PARSER.parse("t", List.of(
                "accept proto tcp to 10.0.0.1 port 1000-2000 flags S/SA",
                "drop proto tcp to 10.0.0.1 port 1500-1600",
                "accept proto tcp to 10.0.0.1"));
        RuleClassifier classifier = new RuleClassifier(rules);
        assertThat(classifier.classify(tcp("1.2.3.4", "10.0.0.1", 1550, 0x02))).isEqualTo(0);
        assertThat(classifier.classify(tcp("1.2.3.4", "10.0.0.1", 1550, 0x10))).isEqualTo(1);
        assertThat(classifier.classify(tcp("1.2.3.4", "10.0.0.1", 3000, 0x10))).isEqualTo(2);
        assertThat(classifier.classify(tcp("1.2.3.4", "10.0.0.2", 3000, 0x10))).isEqualTo(RuleClassifier.NO_MATCH);
    }

    @Test
    void familyAgnosticRulesMatchBothFamiliesAndFamilyRulesOnlyTheirs() {
        List<Rule> rules = PARSER.parse("t", List.of("accept inet6 proto tcp", "drop proto tcp to any port 80"));
        RuleClassifier classifier = new RuleClassifier(rules);
        PacketFields v4 = tcp("1.2.3.4", "5.6.7.8", 80, 0x02);
        assertThat(classifier.classify(v4)).isEqualTo(1);
        v4.family = 6;
        v4.srcHigh = 0x2001_0db8_0000_0000L;
        v4.dstHigh = 0x2001_0db8_0000_0001L;
        assertThat(classifier.classify(v4)).isEqualTo(0);
    }

    @Test
    void laterFragmentsDoNotMatchPortRules() {
        RuleClassifier classifier = new RuleClassifier(PARSER.parse("t", List.of("drop proto tcp to any port 80", "accept proto tcp")));
        PacketFields fragment = tcp("1.2.3.4", "5.6.7.8", 80, 0);
        fragment.hasTransport = false;
        assertThat(classifier.classify(fragment)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8, 9})
    void agreesWithALinearScanOnAclShapedRuleSets(long seed) {
        RandomRules random = RandomRules.acl(seed);
        List<Rule> rules = random.rules(3000);
        RuleClassifier classifier = new RuleClassifier(rules);
        LinearClassifier reference = new LinearClassifier(rules);
        PacketFields packet = new PacketFields();
        for (int i = 0; i < 5000; i++) {
            random.packet(rules, packet);
            assertThat(classifier.classify(packet)).as("seed %d, packet %d", seed, i).isEqualTo(reference.classify(packet));
        }
        assertThat(classifier.tupleCount()).as("tuples are bounded by rule shapes, not by the number of rules")
                .isLessThan(rules.size() / 10);
    }

    @Test
    void mergedLengthsRoundDownWithinEachFamily() {
        assertThat(RuleClassifier.mergedLength(one("drop from 10.16.0.0/12").source())).isEqualTo(96 + 8);
        assertThat(RuleClassifier.mergedLength(one("drop from 10.0.0.0/8").source())).isEqualTo(96 + 8);
        assertThat(RuleClassifier.mergedLength(one("drop from 10.0.0.1").source())).isEqualTo(128);
        assertThat(RuleClassifier.mergedLength(one("drop from 2001:db8::/47").source())).isEqualTo(32);
        assertThat(RuleClassifier.mergedLength(AddressPrefix.ANY)).isZero();
    }

    private static Rule one(String line) {
        return PARSER.parse("t", List.of(line)).get(0);
    }

    @Test
    void noRulesMeansNoMatch() {
        assertThat(new RuleClassifier(List.of()).classify(tcp("1.2.3.4", "5.6.7.8", 80, 2))).isEqualTo(RuleClassifier.NO_MATCH);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234567})
    void agreesWithALinearScanOnRandomRuleSets(long seed) {
        for (int size : new int[] {1, 10, 200, 2000}) {
            RandomRules random = RandomRules.overlapping(seed * 31 + size, 4);
            List<Rule> rules = random.rules(size);
            RuleClassifier classifier = new RuleClassifier(rules);
            LinearClassifier reference = new LinearClassifier(rules);
            PacketFields packet = new PacketFields();
            int matched = 0;
            for (int i = 0; i < 5000; i++) {
                random.packet(rules, packet);
                int expected = reference.classify(packet);
                assertThat(classifier.classify(packet)).as("seed %d, %d rules, packet %d", seed, size, i).isEqualTo(expected);
                matched += expected >= 0 ? 1 : 0;
            }
            assertThat(matched).as("the packets exercise matches, not only misses").isGreaterThan(500);
        }
    }
}
