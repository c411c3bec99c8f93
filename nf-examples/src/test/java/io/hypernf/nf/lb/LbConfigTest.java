package io.hypernf.nf.lb;

import static io.hypernf.nf.lb.LbFrames.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hypernf.sdk.nf.ConfigException;
import io.hypernf.sdk.nf.ConfigLocation;
import io.hypernf.sdk.nf.NetworkFunction;
import io.hypernf.sdk.nf.NfPlugin;
import io.hypernf.sdk.nf.NfSettings;
import io.hypernf.sdk.nf.WrittenSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LbConfigTest {
    private static final ConfigLocation AT = new ConfigLocation("chain.yaml", 10, "nfs[2].settings");

    private static NfSettings settings(ConfigLocation at, Map<String, Object> values) {
        return WrittenSettings.of(at, values);
    }

    private static NfSettings service(Map<String, Object> overrides) {
        Map<String, Object> values = new LinkedHashMap<>(Map.of("name", "web", "vip", "10.0.0.10", "port", "80",
                "backends", List.of("10.1.0.1 mac=02:00:00:00:b0:01")));
        values.putAll(overrides);
        values.values().removeIf(v -> v.equals(""));
        return settings(AT.child("services[0]", 20), values);
    }

    private static NfSettings lb(Map<String, Object> overrides, NfSettings service) {
        Map<String, Object> values = new LinkedHashMap<>(Map.of("lb-address", "10.0.0.1", "services", List.of(service)));
        values.putAll(overrides);
        values.values().removeIf(v -> v.equals(""));
        return settings(AT, values);
    }

    @Test
    void defaults() {
        LbConfig config = LbConfig.from(lb(Map.of(), service(Map.of())));
        assertThat(config.mode()).isEqualTo(ForwardingMode.FULL_NAT);
        assertThat(config.tableSize()).isEqualTo(65537);
        assertThat(config.connections()).isEqualTo(65536);
        assertThat(config.tcpTimeoutSeconds()).isEqualTo(300);
        assertThat(config.tcpClosingTimeoutSeconds()).isEqualTo(10);
        assertThat(config.udpTimeoutSeconds()).isEqualTo(30);
        assertThat(config.passNonVip()).isFalse();
        assertThat(config.lbAddress()).isEqualTo(ip("10.0.0.1"));
        VirtualService web = config.services().get(0);
        assertThat(web.protocol()).isEqualTo(6);
        assertThat(web.backends()).containsExactly(new Backend(ip("10.1.0.1"), 0, 1, 0x02_00_00_00_B0_01L, BackendState.UP));
    }

    @Test
    void errorsNameTheKeyAndTheValue() {
        assertThatThrownBy(() -> LbConfig.from(lb(Map.of("table-size", "65536"), service(Map.of()))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nfs[2].settings.table-size 65536 is not prime");
        assertThatThrownBy(() -> LbConfig.from(lb(Map.of("mode", "dsr"), service(Map.of()))))
                .hasMessageContaining("nfs[2].settings.mode 'dsr' is not accepted; accepted: full-nat, ipip, gre");
        assertThatThrownBy(() -> LbConfig.from(lb(Map.of("lb-address", ""), service(Map.of()))))
                .hasMessageContaining("nfs[2].settings.lb-address is required");
        assertThatThrownBy(() -> LbConfig.from(lb(Map.of("lb-address", "10.0.0"), service(Map.of()))))
                .hasMessageMatching("chain.yaml:1[0-9]: nfs\\[2\\].settings.lb-address .10.0.0. is not an IPv4 address");
        assertThatThrownBy(() -> LbConfig.from(lb(Map.of("lb-mac", "zz"), service(Map.of()))))
                .hasMessageContaining("lb-mac 'zz' is not a MAC address");
        assertThatThrownBy(() -> LbConfig.from(lb(Map.of("control", "tcp:10.0.0.1:7070"), service(Map.of()))))
                .hasMessageContaining("control 'tcp:10.0.0.1:7070' is not accepted: 10.0.0.1 is not a loopback address");
        assertThatThrownBy(() -> LbConfig.from(lb(Map.of(), service(Map.of("vip", "ten")))))
                .hasMessageContaining("services[0].vip 'ten' is not an IPv4 address");
        assertThatThrownBy(() -> LbConfig.from(lb(Map.of(), service(Map.of("port", "")))))
                .hasMessageContaining("services[0].port is required");
        assertThatThrownBy(() -> LbConfig.from(lb(Map.of(), service(Map.of("protocol", "sctp")))))
                .hasMessageContaining("services[0].protocol 'sctp' is not accepted; accepted: tcp, udp");
        assertThatThrownBy(() -> LbConfig.from(lb(Map.of(), service(Map.of("backends", List.of("10.1.0.1 wait=3"))))))
                .hasMessageContaining("services[0].backends [0] '10.1.0.1 wait=3': 'wait=3' is not accepted");
        assertThatThrownBy(() -> LbConfig.from(lb(Map.of(), service(Map.of("backends", List.of("10.1.0.1")))))) 
                .hasMessageContaining("backend 10.1.0.1 of 'web' has no mac= and next-hop-mac is not set");
    }

    @Test
    void theFactoryMakesAWorkingLbWithItsControlPlane(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("backends");
        Files.writeString(file, "web 10.1.0.1 mac=02:00:00:00:b0:01\nweb 10.1.0.2 mac=02:00:00:00:b0:02\n");
        NfSettings settings = lb(Map.of("backends-file", file.toString(), "control", "tcp:127.0.0.1:0", "mode", "gre"),
                service(Map.of("backends", "")));
        boolean found = false;
        for (NfPlugin plugin : ServiceLoader.load(NfPlugin.class)) {
            found |= plugin instanceof LbPlugin;
        }
        assertThat(found).isTrue();
        NetworkFunction nf = new LbFactory().create("lb0", settings);
        settings.rejectUnknownKeys("lb");
        try (LoadBalancer lb = (LoadBalancer) nf) {
            assertThat(lb.portNames()).containsExactly("client", "server");
            assertThat(lb.registry().backends("web")).hasSize(2);
            assertThat(lb.config().mode()).isEqualTo(ForwardingMode.GRE);
        }
        NfSettings both = lb(Map.of("backends-file", file.toString()), service(Map.of()));
        assertThatThrownBy(() -> new LbFactory().create("lb1", both))
                .hasMessageContaining("'web' lists backends although backends-file is set");
        NfSettings missing = lb(Map.of("backends-file", dir.resolve("nope").toString()), service(Map.of("backends", "")));
        assertThatThrownBy(() -> new LbFactory().create("lb2", missing))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nfs[2].settings.backends-file cannot read backends file").hasMessageContaining("nope");
    }
}
