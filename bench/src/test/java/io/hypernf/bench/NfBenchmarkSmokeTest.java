package io.hypernf.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The NF benchmarks measure forwarded packets: every packet of an invocation reaches the consumer. */
class NfBenchmarkSmokeTest {

    @Test
    void firewallAcceptsEveryPacketThroughItsRules() {
        FirewallBenchmark bench = new FirewallBenchmark();
        bench.batch = 32;
        bench.rules = 1000;
        bench.setUp();
        try {
            assertThat(bench.firewall().ruleCount()).isEqualTo(1000);
            for (int i = 0; i < 8; i++) {
                assertThat(bench.forward()).isEqualTo(InprocHarness.PACKETS_PER_OP);
            }
            assertThat(bench.firewall().rulePackets(999)).isEqualTo(8L * InprocHarness.PACKETS_PER_OP);
        } finally {
            bench.tearDown();
        }
    }

    @Test
    void natTranslatesEveryPacketThroughExistingMappings() {
        NatBenchmark bench = new NatBenchmark();
        bench.batch = 256;
        bench.mappings = 2000;
        bench.setUp();
        try {
            long created = bench.nat().mappingsCreated();
            long before = bench.nat().translatedOut();
            for (int i = 0; i < 8; i++) {
                assertThat(bench.forward()).isEqualTo(InprocHarness.PACKETS_PER_OP);
            }
            assertThat(bench.nat().mappings()).isEqualTo(2000);
            assertThat(bench.nat().mappingsCreated()).isEqualTo(created);
            assertThat(bench.nat().translatedOut() - before).isEqualTo(8L * InprocHarness.PACKETS_PER_OP);
        } finally {
            bench.tearDown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ipip", "gre", "full-nat"})
    void loadBalancerRewritesEveryPacketOfTrackedFlows(String mode) throws Exception {
        LoadBalancerBenchmark bench = new LoadBalancerBenchmark();
        bench.mode = mode;
        bench.batch = 8;
        bench.backends = 100;
        bench.flows = 2000;
        bench.setUp();
        try {
            long fresh = bench.lb().newConnections();
            long before = bench.lb().balanced();
            for (int i = 0; i < 8; i++) {
                assertThat(bench.forward()).isEqualTo(InprocHarness.PACKETS_PER_OP);
            }
            assertThat(bench.lb().trackedConnections()).isEqualTo(2000);
            assertThat(bench.lb().newConnections()).isEqualTo(fresh);
            assertThat(bench.lb().balanced() - before).isEqualTo(8L * InprocHarness.PACKETS_PER_OP);
        } finally {
            bench.tearDown();
        }
    }

    @Test
    void bridgeForwardsEveryPacketToTheLearnedStation() {
        BridgeBenchmark bench = new BridgeBenchmark();
        bench.batch = 32;
        bench.setUp();
        try {
            long known = bench.bridge().forwardedKnown();
            long flooded = bench.bridge().floodedUnknown();
            for (int i = 0; i < 8; i++) {
                assertThat(bench.forward()).isEqualTo(InprocHarness.PACKETS_PER_OP);
            }
            assertThat(bench.bridge().forwardedKnown() - known).isEqualTo(8L * InprocHarness.PACKETS_PER_OP);
            assertThat(bench.bridge().floodedUnknown()).isEqualTo(flooded);
        } finally {
            bench.tearDown();
        }
    }

    @Test
    void bothClassifiersAgreeAndHalfThePacketsMeetTheAcceptRule() {
        RuleClassifierBenchmark tupleSpace = classifierBench("tuple-space");
        RuleClassifierBenchmark linearScan = classifierBench("linear-scan");
        assertThat(tupleSpace.matchedByLastRule()).isGreaterThanOrEqualTo(RuleClassifierBenchmark.PACKETS / 2);
        assertThat(tupleSpace.classify()).isEqualTo(linearScan.classify());
    }

    private static RuleClassifierBenchmark classifierBench(String method) {
        RuleClassifierBenchmark bench = new RuleClassifierBenchmark();
        bench.rules = 1000;
        bench.method = method;
        bench.setUp();
        return bench;
    }
}
