package io.hypernf.nf.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hypernf.sdk.nf.ChainConfigLoader;
import io.hypernf.sdk.nf.ConfigException;
import io.hypernf.sdk.nf.ConfigLocation;
import io.hypernf.sdk.nf.NfSettings;
import io.hypernf.sdk.nf.WrittenSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirewallConfigTest {
    private static final long SECOND = 1_000_000_000L;

    /** Settings as the YAML loader makes them: key i written on line 10 + i of {@code file}. */
    private static NfSettings settings(String file, Object... keyValues) {
        return WrittenSettings.of(new ConfigLocation(file, 9, "nfs[0].settings"), keyValues);
    }

    @Test
    void emptySettingsGiveTheDefaults() {
        FirewallConfig config = FirewallConfig.from(settings("fw.yaml"));
        assertThat(config.ports()).containsExactly("inside", "outside");
        assertThat(config.defaultPolicy()).isEqualTo(RuleAction.DROP);
        assertThat(config.strict()).isTrue();
        assertThat(config.acceptNonIp()).isTrue();
        assertThat(config.conntrackSize()).isEqualTo(65536);
        assertThat(config.parseRules()).isEmpty();
        assertThat(config.timeouts().tcpNanos(TcpStateMachine.ESTABLISHED)).isEqualTo(432_000 * SECOND);
        assertThat(config.timeouts().tcpNanos(TcpStateMachine.SYN_SENT)).isEqualTo(120 * SECOND);
        assertThat(config.timeouts().tcpNanos(TcpStateMachine.TIME_WAIT)).isEqualTo(120 * SECOND);
        assertThat(config.timeouts().tcpNanos(TcpStateMachine.CLOSE)).isEqualTo(10 * SECOND);
        assertThat(config.timeouts().udpNanos()).isEqualTo(30 * SECOND);
        assertThat(config.timeouts().icmpNanos()).isEqualTo(30 * SECOND);
    }

    @Test
    void readsEveryKey() {
        NfSettings timeouts = settings("fw.yaml", "tcp-established", "1d", "udp", "45", "icmp", "2m", "tcp-close", "1h");
        FirewallConfig config = FirewallConfig.from(settings("fw.yaml", "ports", List.of("lan", "wan", "lan2", "wan2"),
                "rules", List.of("accept out", "reject in on wan2"), "default-policy", "reject", "strict", "false",
                "non-ip", "drop", "conntrack-size", "1024", "timeouts", timeouts));
        assertThat(config.ports()).containsExactly("lan", "wan", "lan2", "wan2");
        assertThat(config.parseRules()).hasSize(2);
        assertThat(config.parseRules().get(1).inputPortMask()).isEqualTo(0b1000);
        assertThat(config.defaultPolicy()).isEqualTo(RuleAction.REJECT);
        assertThat(config.strict()).isFalse();
        assertThat(config.acceptNonIp()).isFalse();
        assertThat(config.conntrackSize()).isEqualTo(1024);
        assertThat(config.timeouts().tcpNanos(TcpStateMachine.ESTABLISHED)).isEqualTo(86_400 * SECOND);
        assertThat(config.timeouts().tcpNanos(TcpStateMachine.CLOSE)).isEqualTo(3_600 * SECOND);
        assertThat(config.timeouts().udpNanos()).isEqualTo(45 * SECOND);
        assertThat(config.timeouts().icmpNanos()).isEqualTo(120 * SECOND);
    }

    @Test
    void aRulesFileIsFoundNextToTheConfigAndItsErrorsNameItsLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("fw.rules"), "accept out\n# comment\naccept in proto udp flags S\n");
        String config = dir.resolve("chain.yaml").toString();
        assertThatThrownBy(() -> FirewallConfig.from(settings(config, "rules-file", "fw.rules")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(dir.resolve("fw.rules") + ":3: 'flags' needs proto tcp");
        Files.writeString(dir.resolve("fw.rules"), "accept out\n");
        assertThat(FirewallConfig.from(settings(config, "rules-file", "fw.rules")).parseRules()).hasSize(1);
        assertThatThrownBy(() -> FirewallConfig.from(settings(config, "rules-file", "missing.rules")))
                .hasMessageStartingWith(config + ":10: nfs[0].settings.rules-file")
                .hasMessageContaining("is not a readable file");
    }

    @Test
    void badInlineRulesNameTheirIndex() {
        assertThatThrownBy(() -> FirewallConfig.from(settings("fw.yaml", "rules", List.of("accept out", "acept in"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("fw.yaml:10: nfs[0].settings.rules[1] a rule starts with accept, drop or reject, not 'acept'");
    }

    /** The settings of NF {@code fw} written to {@code file}, its rules given by {@code rulesLines}. */
    private static NfSettings settingsFromFile(Path file, String... rulesLines) throws Exception {
        List<String> lines = new java.util.ArrayList<>(List.of("nfs:", "  - name: fw", "    type: firewall", "    settings:"));
        lines.addAll(List.of(rulesLines));
        lines.addAll(List.of("chain:", "  fw.inside: in", ""));
        Files.writeString(file, String.join("\n", lines));
        return ChainConfigLoader.load(file, Map.of()).nfs().get(0).settings();
    }

    @Test
    void aBadInlineRuleInAConfigFileNamesItsOwnLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chain.yaml");
        NfSettings settings = settingsFromFile(file,
                "      rules:",
                "        - accept out proto tcp to any port 80",
                "        # the next rule is wrong",
                "        - accept in proto udp flags S");
        Files.delete(file); // the rule's line comes from the loaded settings, not from the file again
        assertThatThrownBy(() -> FirewallConfig.from(settings))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":8: nfs[0].settings.rules[1] 'flags' needs proto tcp");
    }

    @Test
    void inlineRulesWrittenAsAFlowListNameTheirLineToo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chain.yaml");
        NfSettings settings = settingsFromFile(file,
                "      rules: [\"accept out\",",
                "              \"drop sideways\"]");
        assertThatThrownBy(() -> FirewallConfig.from(settings))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":6: nfs[0].settings.rules[1] ");
    }

    @Test
    void errorsNameTheKeyAndWhatIsAccepted() {
        assertThatThrownBy(() -> FirewallConfig.from(settings("fw.yaml", "default-policy", "allow")))
                .hasMessage("fw.yaml:10: nfs[0].settings.default-policy 'allow' is not accepted; accepted: accept, drop, reject");
        assertThatThrownBy(() -> FirewallConfig.from(settings("fw.yaml", "conntrack-size", "0")))
                .hasMessageContaining("conntrack-size 0 is outside [1, ");
        assertThatThrownBy(() -> FirewallConfig.from(settings("fw.yaml", "ports", List.of("a", "b", "c"))))
                .hasMessageContaining("nfs[0].settings.ports").hasMessageContaining("pairs");
        assertThatThrownBy(() -> FirewallConfig.from(settings("fw.yaml", "ports", List.of("a", "a"))))
                .hasMessageContaining("repeated");
        assertThatThrownBy(() -> FirewallConfig.from(settings("fw.yaml", "rules", List.of("drop"), "rules-file", "x")))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> FirewallConfig.from(settings("fw.yaml", "strict", "maybe")))
                .hasMessageContaining("'maybe' is not a boolean");
    }

    @Test
    void badTimeoutsAreRejected() {
        assertThatThrownBy(() -> FirewallConfig.from(settings("fw.yaml", "timeouts", settings("fw.yaml", "udp", "0s"))))
                .hasMessageContaining("udp").hasMessageContaining("'0s' is not a positive duration");
        assertThatThrownBy(() -> FirewallConfig.from(settings("fw.yaml", "timeouts", settings("fw.yaml", "udp", "ten"))))
                .hasMessageContaining("'ten' is not a positive duration");
        assertThatThrownBy(() -> FirewallConfig.from(settings("fw.yaml", "timeouts", settings("fw.yaml", "tcp-idle", "5"))))
                .hasMessageContaining("tcp-idle").hasMessageContaining("is not a timeout; known: tcp-syn-sent");
    }
}
