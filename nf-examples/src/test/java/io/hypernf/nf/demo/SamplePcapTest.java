package io.hypernf.nf.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed sample equals what the generator makes, so it can always be regenerated; with
 * {@code -Dhypernf.regenerateDemo=true} this test writes it instead.
 */
class SamplePcapTest {

    @Test
    void theCommittedSampleIsTheGeneratorsOutput() throws Exception {
        byte[] generated = SamplePcapGenerator.pcap();
        if (Boolean.getBoolean("hypernf.regenerateDemo")) {
            Path target = Path.of(System.getProperty("hypernf.repo.root", ".."), "nf-examples/src/main/resources/demo/sample.pcap");
            Files.write(target, generated);
        }
        try (InputStream committed = SamplePcapTest.class.getClassLoader().getResourceAsStream("demo/sample.pcap")) {
            assertThat(committed).as("demo/sample.pcap is on the class path").isNotNull();
            assertThat(committed.readAllBytes()).isEqualTo(generated);
        }
        assertThat(SamplePcapGenerator.frames()).hasSizeGreaterThan(50);
    }
}
