package io.hypernf.sdk.nf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChainConfigTest {
    private final TestPlugin.RingOpener opener = new TestPlugin.RingOpener();

    @AfterEach
    void free() {
        opener.regions.forEach(r -> r.close());
    }

    private static final String GOOD = String.join("\n",
            "ports:",
            "  in: ring:in",
            "  out: ring:out",
            "nfs:",
            "  - name: first",
            "    type: cross",
            "    settings: {label: hello}",
            "  - name: second",
            "    type: coded",
            "    settings:",
            "      ports: [x, y]",
            "      mode: careful",
            "chain:",
            "  first.a: in",
            "  first.b: second.x",
            "  second.y: out",
            "run:",
            "  batch: 64",
            "  idle: spin",
            "");

    private NfRuntime build(String yaml) {
        ChainConfig config = ChainConfigLoader.parse("chain.yaml", yaml, Map.of("dir", "/tmp"));
        Injector injector = Guice.createInjector(new NfCoreModule(opener), new TestPlugin().module(), new ChainModule(config));
        try {
            return injector.getInstance(NfRuntime.class);
        } catch (ProvisionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : e;
        }
    }

    @Test
    void aGoodConfigWiresAChainThatForwards() {
        NfRuntime runtime = build(GOOD);
        assertThat(runtime.options().batch()).isEqualTo(64);
        assertThat(runtime.options().idle()).isEqualTo(IdleMode.SPIN);
        assertThat(runtime.nfName(0)).isEqualTo("first");
        assertThat(runtime.nf(1).portNames()).containsExactly("x", "y");
        opener.opened.get("in").inject("1-through".getBytes());
        runtime.runOnce();
        assertThat(opener.opened.get("out").sent()).hasSize(1);
        runtime.close();
    }

    @Test
    void variablesAreExpanded() {
        ChainConfig config = ChainConfigLoader.parse("v.yaml", GOOD.replace("ring:in", "ring:${dir}/in"), Map.of("dir", "/data"));
        assertThat(config.ports().get(0).uri()).isEqualTo("ring:/data/in");
    }

    @Test
    void listItemsKeepTheirOwnLines() {
        String yaml = GOOD.replace("      ports: [x, y]", "      ports:\n        - x\n\n        - y");
        NfSettings settings = ChainConfigLoader.parse("chain.yaml", yaml, Map.of()).nfs().get(1).settings();
        assertThat(settings.location("ports").line()).isEqualTo(11);
        assertThat(settings.location("ports", 0)).isEqualTo(new ConfigLocation("chain.yaml", 12, "nfs[1].settings.ports[0]"));
        assertThat(settings.location("ports", 1)).isEqualTo(new ConfigLocation("chain.yaml", 14, "nfs[1].settings.ports[1]"));
        assertThat(settings.location("ports", 2)).isEqualTo(new ConfigLocation("chain.yaml", 11, "nfs[1].settings.ports[2]"));
        assertThat(settings.keys()).containsExactly("ports", "mode");
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of("yaml syntax", GOOD.replace("  out: ring:out", "  out: [ring:out"),
                        "chain.yaml:4: is not valid YAML"),
                Arguments.of("unknown section", GOOD + "extra: 1\n",
                        "chain.yaml:20: extra is not accepted here; accepted: ports, nfs, chain, run"),
                Arguments.of("unknown NF type", GOOD.replace("type: coded", "type: codd"),
                        "chain.yaml:9: nfs[1].type 'codd' is not a known NF; known: coded, cross"),
                Arguments.of("missing type", GOOD.replace("    type: cross\n", ""),
                        "chain.yaml:5: nfs[0].type is required"),
                Arguments.of("duplicate NF name", GOOD.replace("name: second", "name: first"),
                        "chain.yaml:8: nfs[1].name 'first' is already the name of nfs[0] (line 5)"),
                Arguments.of("port URI is a list", GOOD.replace("in: ring:in", "in: [ring:in]"),
                        "chain.yaml:2: ports.in must be a port URI"),
                Arguments.of("chain key without a port", GOOD.replace("first.a: in", "first: in"),
                        "chain.yaml:14: chain.first must name an NF port as NF.PORT"),
                Arguments.of("chain names an unknown NF", GOOD.replace("first.b: second.x", "first.b: third.x"),
                        "chain.yaml:15: chain.first.b names NF 'third', which is not defined under 'nfs'; defined: first, second"),
                Arguments.of("chain names an unknown NF port", GOOD.replace("second.y: out", "second.z: out"),
                        "chain.yaml:16: chain.second.z names port 'z' of NF 'second', which has ports: x, y"),
                Arguments.of("chain names an unknown port", GOOD.replace("second.y: out", "second.y: outt"),
                        "chain.yaml:16: chain.second.y port 'outt' is not defined under 'ports'; defined: in, out"),
                Arguments.of("a port wired twice", GOOD.replace("second.y: out", "second.y: in"),
                        "chain.yaml:16: chain.second.y port 'in' is already wired by chain.first.a (line 14)"),
                Arguments.of("an NF port left unwired", GOOD.replace("  second.y: out\n", ""),
                        "chain.yaml:8: nfs[1] port 'y' of NF 'second' is not wired"),
                Arguments.of("batch out of range", GOOD.replace("batch: 64", "batch: 0"),
                        "chain.yaml:18: run.batch 0 is outside [1, 4096]"),
                Arguments.of("unknown idle mode", GOOD.replace("idle: spin", "idle: sleep"),
                        "chain.yaml:19: run.idle 'sleep' is not accepted; accepted: spin, yield, block"),
                Arguments.of("unknown NF setting", GOOD.replace("mode: careful", "mood: careful"),
                        "chain.yaml:12: nfs[1].settings.mood is not a setting of NF type 'coded'; known: ports, mode, weight"),
                Arguments.of("bad NF setting value", GOOD.replace("mode: careful", "mode: reckless"),
                        "chain.yaml:12: nfs[1].settings.mode 'reckless' is not accepted; accepted: fast, careful"),
                Arguments.of("unknown variable", GOOD.replace("ring:out", "ring:${nowhere}/out"),
                        "chain.yaml:3: ports.out uses ${nowhere}, which is not defined; defined: dir"),
                Arguments.of("bad port URI", GOOD.replace("ring:out", "tap:out"),
                        "chain.yaml:3: ports.out 'tap:out' is not a usable port URI"),
                Arguments.of("a Config class's own check", GOOD.replace("ports: [x, y]", "ports: [x, y, z, u, v]"),
                        "chain.yaml:10: nfs[1].settings of NF 'second' rejected: coded: at most 4 ports, got 5"),
                Arguments.of("empty file", "", "chain.yaml:1: is empty"),
                Arguments.of("nfs not a list", "nfs:\n  first: cross\nchain: {}\n",
                        "chain.yaml:1: nfs must be a list of NFs"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void badConfigsNameFileLineAndKey(String what, String yaml, String expected) {
        assertThatThrownBy(() -> build(yaml)).isInstanceOf(ConfigException.class).hasMessageStartingWith(expected);
        assertThat(opener.opened.values()).as("no port is left open").allMatch(RingTestPort::closed);
    }
}
