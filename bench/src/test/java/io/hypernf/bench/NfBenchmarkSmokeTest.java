package io.hypernf.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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

    @Test
    void loadBalancerEncapsulatesEveryPacketOfTrackedFlows() throws Exception {
        LoadBalancerBenchmark bench = new LoadBalancerBenchmark();
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
}
