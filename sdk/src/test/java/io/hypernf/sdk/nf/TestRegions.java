package io.hypernf.sdk.nf;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.hypernf.sdk.ring.NetmapRegion;
import io.hypernf.sdk.ring.RingGeometry;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime tests' rings: regions of {@code interfaces} single-ring interfaces allocated in
 * native memory and freed by {@link #close()} (from an {@code @AfterEach}), and frames written as
 * ASCII text so that an assertion reads {@code "1-a", "1-c"}.
 */
final class TestRegions implements AutoCloseable {
    private final List<NetmapRegion> regions = new ArrayList<>();

    /** A region of {@code interfaces} interfaces, one TX and one RX ring of {@code slots} each. */
    NetmapRegion region(int interfaces, int slots) {
        List<RingGeometry> geometries = new ArrayList<>();
        for (int i = 0; i < interfaces; i++) {
            geometries.add(RingGeometry.simple("if" + i, slots));
        }
        NetmapRegion region = NetmapRegion.allocate(0, geometries);
        regions.add(region);
        return region;
    }

    /** The frames as the text they were written from. */
    static List<String> texts(List<byte[]> frames) {
        List<String> out = new ArrayList<>();
        frames.forEach(f -> out.add(new String(f, US_ASCII)));
        return out;
    }

    @Override
    public void close() {
        regions.forEach(NetmapRegion::close);
        regions.clear();
    }
}
