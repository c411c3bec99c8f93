package io.hypernf.sdk.nf;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.hypernf.sdk.port.Port;
import io.hypernf.sdk.ring.NetmapRegion;
import io.hypernf.sdk.ring.RingGeometry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NF types and ports for config and CLI tests: {@code cross} (ports a, b; setting {@code label})
 * and {@code coded} (setting {@code ports}, a list; {@code mode}: fast or careful). The opener
 * makes {@code ring:NAME} ports over fresh regions and rejects anything else as a bad URI.
 */
public final class TestPlugin implements NfPlugin {

    @Override
    public Module module() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                NfBindings.bind(binder(), "cross", CrossFactory.class);
                NfBindings.bind(binder(), "coded", CodedFactory.class);
            }
        };
    }

    public static final class CrossFactory implements NfFactory {
        @Override public String type() { return "cross"; }
        @Override public String description() { return "test: every packet leaves by the other port"; }
        @Override public NetworkFunction create(String name, NfSettings settings) {
            settings.string("label", name);
            return new TestNfs.Cross();
        }
    }

    public static final class CodedFactory implements NfFactory {
        @Override public String type() { return "coded"; }
        @Override public String description() { return "test: verdict from the first byte"; }
        @Override public NetworkFunction create(String name, NfSettings settings) {
            List<String> ports = settings.stringList("ports", List.of("p0", "p1"));
            settings.choice("mode", "fast", "fast", "careful");
            settings.integer("weight", 1, 1, 10);
            if (ports.size() > 4) {
                throw new IllegalArgumentException("coded: at most 4 ports, got " + ports.size());
            }
            return new TestNfs.Coded(ports.toArray(new String[0]));
        }
    }

    /** Opens {@code ring:NAME} as a {@link RingTestPort} on a region of its own. */
    static final class RingOpener implements PortOpener {
        final Map<String, RingTestPort> opened = new LinkedHashMap<>();
        final List<NetmapRegion> regions = new ArrayList<>();

        @Override
        public Port open(String uri) {
            if (!uri.startsWith("ring:")) {
                throw new IllegalArgumentException("port '" + uri + "': unknown scheme; accepted: ring:");
            }
            NetmapRegion region = NetmapRegion.allocate(RingGeometry.simple("r", 64));
            regions.add(region);
            RingTestPort port = new RingTestPort(uri, region, 0);
            opened.put(uri.substring(5), port);
            return port;
        }

        @Override
        public List<String> schemes() { return List.of("ring:NAME (tests)"); }
    }
}
