package io.hypernf.nf.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.hypernf.sdk.nf.ConfigException;
import io.hypernf.sdk.nf.ConfigLocation;
import io.hypernf.sdk.nf.NetworkFunction;
import io.hypernf.sdk.nf.NfBindings;
import io.hypernf.sdk.nf.NfCatalog;
import io.hypernf.sdk.nf.NfFactory;
import io.hypernf.sdk.nf.NfSettings;
import io.hypernf.sdk.nf.WrittenSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NatConfigTest {

    /** Settings as the YAML loader makes them: key i written on line 10 + i of {@code nat.yaml}. */
    private static NfSettings settings(Object... keyValues) {
        return WrittenSettings.of(new ConfigLocation("nat.yaml", 9, "nfs[1].settings"), keyValues);
    }

    @Test
    void onlyThePoolIsRequiredAndTheDefaultsFollowTheRfcs() {
        NatConfig config = NatConfig.from(settings("pool", "203.0.113.0/30"));
        assertThat(config.pool().size()).as("network and broadcast left out").isEqualTo(2);
        assertThat(config.pool().indexOf(NatFrames.ip("203.0.113.1"))).isZero();
        assertThat(config.pool().indexOf(NatFrames.ip("203.0.113.3"))).isEqualTo(-1);
        assertThat(config.portLow()).isEqualTo(1024);
        assertThat(config.portHigh()).isEqualTo(65535);
        assertThat(config.mapping()).isEqualTo(EndpointBehaviour.ENDPOINT_INDEPENDENT);
        assertThat(config.filtering()).isEqualTo(EndpointBehaviour.ENDPOINT_INDEPENDENT);
        assertThat(config.hairpinning()).isTrue();
        assertThat(config.mssClamp()).isZero();
        assertThat(config.passIpv6()).isTrue();
        assertThat(config.maxSessions()).isEqualTo(65536);
        assertThat(config.timeouts().tcpEstablished()).isEqualTo(Duration.ofSeconds(7440));
        assertThat(config.timeouts().tcpTransitory()).isEqualTo(Duration.ofSeconds(240));
        assertThat(config.timeouts().udp()).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.timeouts().icmp()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.timeouts().portHoldDown()).isEqualTo(Duration.ofSeconds(240));
    }

    @Test
    void readsEveryKey() {
        NfSettings timeouts = new NfSettings(new ConfigLocation("nat.yaml", 20, "nfs[1].settings.timeouts"),
                Map.of("udp", "10m", "tcp-established", "3h", "port-hold-down", "0"), Map.of());
        NatConfig config = NatConfig.from(settings("pool", List.of("198.51.100.7", "203.0.113.8/31"), "port-range", "20000-29999",
                "mapping", "address-and-port-dependent", "filtering", "address-and-port-dependent", "hairpinning", "false",
                "static", List.of("10.0.0.5 <-> 192.0.2.5"), "forwards", List.of("udp 198.51.100.7:53 -> 10.0.0.53:53"),
                "mss-clamp", "1400", "ipv6", "drop", "non-ip", "drop", "max-sessions", "1000", "timeouts", timeouts));
        assertThat(config.pool().size()).isEqualTo(3);
        assertThat(config.portLow()).isEqualTo(20000);
        assertThat(config.portHigh()).isEqualTo(29999);
        assertThat(config.mapping()).isEqualTo(EndpointBehaviour.ADDRESS_AND_PORT_DEPENDENT);
        assertThat(config.hairpinning()).isFalse();
        assertThat(config.statics()).containsExactly(new StaticMapping(NatFrames.ip("10.0.0.5"), NatFrames.ip("192.0.2.5")));
        assertThat(config.forwards()).containsExactly(new PortForward(17, NatFrames.ip("198.51.100.7"), 53, NatFrames.ip("10.0.0.53"), 53));
        assertThat(config.mssClamp()).isEqualTo(1400);
        assertThat(config.passIpv6()).isFalse();
        assertThat(config.passNonIp()).isFalse();
        assertThat(config.maxSessions()).isEqualTo(1000);
        assertThat(config.timeouts().udp()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.timeouts().tcpEstablished()).isEqualTo(Duration.ofHours(3));
        assertThat(config.timeouts().portHoldDown()).isZero();
    }

    @Test
    void aBadPoolNamesTheKeyAndTheValue() {
        assertThatThrownBy(() -> NatConfig.pool("10.0.0.0/33"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("nat: pool '10.0.0.0/33' is not a CIDR");
        assertThatThrownBy(() -> NatConfig.from(settings("pool", "10.0.0.0/33")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("nat.yaml:10: nfs[1].settings.pool '10.0.0.0/33' is not a CIDR");
        assertThatThrownBy(() -> NatConfig.from(settings("pool", "10.0.0.1/24"))).hasMessageContaining("host bits are set");
        assertThatThrownBy(() -> NatConfig.from(settings("pool", "10.0.0.300"))).hasMessageContaining("'10.0.0.300' is not an IPv4 address");
        assertThatThrownBy(() -> NatConfig.from(settings("pool", "10.0.0.0/8"))).hasMessageContaining("more than 1024");
        assertThatThrownBy(() -> NatConfig.from(settings())).hasMessageContaining("nfs[1].settings.pool is empty");
        assertThatThrownBy(() -> NatConfig.from(settings("pool", List.of("10.0.0.1", "10.0.0.0/30")))).hasMessageContaining("10.0.0.1 twice");
    }

    @Test
    void otherErrorsNameFileLineKeyAndWhatIsAccepted() {
        assertThatThrownBy(() -> NatConfig.from(settings("pool", "192.0.2.1", "port-range", "70000-1")))
                .hasMessage("nat.yaml:11: nfs[1].settings.port-range '70000-1' is not a port range; accepted: LOW-HIGH within 1-65535, e.g. 1024-65535");
        assertThatThrownBy(() -> NatConfig.from(settings("pool", "192.0.2.1", "mapping", "cone")))
                .hasMessageContaining("nfs[1].settings.mapping 'cone' is not accepted; accepted: endpoint-independent, address-and-port-dependent");
        assertThatThrownBy(() -> NatConfig.from(settings("pool", "192.0.2.1", "forwards", "tcp 192.0.2.1:80 10.0.0.1:80")))
                .hasMessageContaining("nat.yaml:11: nfs[1].settings.forwards").hasMessageContaining("is not a port forward");
        assertThatThrownBy(() -> NatConfig.from(settings("pool", "192.0.2.1", "forwards", "tcp 192.0.2.9:80 -> 10.0.0.1:80")))
                .hasMessageContaining("nfs[1].settings.forwards").hasMessageContaining("not in the pool");
        assertThatThrownBy(() -> NatConfig.from(settings("pool", "192.0.2.1", "static", "10.0.0.5 <-> 192.0.2.1")))
                .hasMessageContaining("nfs[1].settings.static").hasMessageContaining("maps to a pool address");
        assertThatThrownBy(() -> NatConfig.from(settings("pool", "192.0.2.1", "mss-clamp", "20")))
                .hasMessageContaining("nfs[1].settings.mss-clamp 20 is not 0 (off) or 64..65535");
        NfSettings shortUdp = new NfSettings(new ConfigLocation("nat.yaml", 20, "nfs[1].settings.timeouts"),
                Map.of("udp", "60"), Map.of("udp", new ConfigLocation("nat.yaml", 21, "nfs[1].settings.timeouts.udp")));
        assertThatThrownBy(() -> NatConfig.from(settings("pool", "192.0.2.1", "timeouts", shortUdp)))
                .hasMessage("nat.yaml:21: nfs[1].settings.timeouts.udp '60' is below the minimum of 120 s");
        assertThatThrownBy(() -> new NatTimeouts(Duration.ofHours(1), Duration.ofMinutes(4), Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ZERO))
                .hasMessageContaining("nat: timeouts.tcp-established 3600 s is below the minimum of 7440 s (RFC 5382 REQ-5)");
    }

    @Test
    void thePluginContributesTheNatTypeAndUnknownKeysAreRejected() {
        Map<String, NfFactory> factories = Guice.createInjector(NfBindings.pluginModules(getClass().getClassLoader()))
                .getInstance(Key.get(new TypeLiteral<Map<String, NfFactory>>() {}));
        assertThat(factories).containsKey("nat");
        NfCatalog catalog = new NfCatalog(factories);
        ConfigLocation type = new ConfigLocation("nat.yaml", 8, "nfs[1].type");
        NetworkFunction nat = catalog.create("edge", "nat", type, settings("pool", "192.0.2.1"));
        assertThat(nat).isInstanceOf(Nat.class);
        assertThat(nat.portNames()).containsExactly("inside", "outside");
        assertThat(nat.dropReasons()).extracting(r -> r.owner()).containsOnly("edge");
        assertThatThrownBy(() -> catalog.create("edge", "nat", type, settings("pool", "192.0.2.1", "polo", "x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nfs[1].settings.polo is not a setting of NF type 'nat'");
    }
}
