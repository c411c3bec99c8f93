package io.hypernf.sdk.nf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NfSettingsDurationTest {
    private static NfSettings settings(String value) {
        ConfigLocation at = new ConfigLocation("nat.yaml", 4, "nfs[0].settings");
        return new NfSettings(at, Map.of("udp", value), Map.of("udp", at.child("udp", 7)));
    }

    @Test
    void readsSecondsAndUnits() {
        Duration min = Duration.ofSeconds(1);
        assertThat(settings("300").duration("udp", Duration.ZERO, min)).isEqualTo(Duration.ofSeconds(300));
        assertThat(settings("45s").duration("udp", Duration.ZERO, min)).isEqualTo(Duration.ofSeconds(45));
        assertThat(settings("5m").duration("udp", Duration.ZERO, min)).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings("2h").duration("udp", Duration.ZERO, min)).isEqualTo(Duration.ofHours(2));
        assertThat(settings("1d").duration("udp", Duration.ZERO, min)).isEqualTo(Duration.ofDays(1));
        assertThat(NfSettings.empty(new ConfigLocation("x", 1, "")).duration("udp", Duration.ofSeconds(9), min))
                .isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void errorsNameFileLineKeyAndValue() {
        assertThatThrownBy(() -> settings("5 minutes").duration("udp", Duration.ZERO, Duration.ZERO))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nat.yaml:7").hasMessageContaining("nfs[0].settings.udp").hasMessageContaining("'5 minutes'");
        assertThatThrownBy(() -> settings("m").duration("udp", Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> settings("60").duration("udp", Duration.ZERO, Duration.ofSeconds(120)))
                .hasMessageContaining("below the minimum of 120 s");
    }
}
