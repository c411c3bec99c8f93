package io.hypernf.nf.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hypernf.sdk.nf.ConfigException;
import io.hypernf.sdk.nf.ConfigLocation;
import io.hypernf.sdk.nf.NfPlugin;
import io.hypernf.sdk.nf.NfSettings;
import io.hypernf.sdk.nf.WrittenSettings;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class BridgeConfigTest {
    private static NfSettings settings(Map<String, Object> values) {
        return WrittenSettings.of(new ConfigLocation("chain.yaml", 4, "nfs[0].settings"), values);
    }

    @Test
    void defaultsAreVales() {
        BridgeConfig config = BridgeConfig.from(settings(Map.of()));
        assertThat(config).isEqualTo(new BridgeConfig(List.of("p0", "p1"), 1024, 300));
    }

    @Test
    void settingsAreRead() {
        BridgeConfig config = BridgeConfig.from(settings(Map.of("ports", List.of("a", "b", "c"), "table-size", "16", "age", "20")));
        assertThat(config).isEqualTo(new BridgeConfig(List.of("a", "b", "c"), 16, 20));
    }

    @Test
    void errorsNameFileLineAndKey() {
        assertThatThrownBy(() -> BridgeConfig.from(settings(Map.of("table-size", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("chain.yaml:5: nfs[0].settings.table-size 0 is outside");
        assertThatThrownBy(() -> BridgeConfig.from(settings(Map.of("age", "soon"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nfs[0].settings.age 'soon' is not an integer");
        assertThatThrownBy(() -> BridgeConfig.from(settings(Map.of("ports", List.of("a")))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nfs[0].settings.ports 'a'");
        assertThatThrownBy(() -> BridgeConfig.from(settings(Map.of("ports", List.of("a", "a")))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("repeated name 'a'");
    }

    @Test
    void thePluginIsFoundAndMakesABridge() {
        boolean found = false;
        for (NfPlugin plugin : ServiceLoader.load(NfPlugin.class)) {
            found |= plugin instanceof BridgePlugin;
        }
        assertThat(found).isTrue();
        NfSettings empty = settings(Map.of("ports", List.of("x", "y", "z")));
        assertThat(new BridgeFactory().create("br0", empty).portNames()).containsExactly("x", "y", "z");
        empty.rejectUnknownKeys("bridge");
    }
}
