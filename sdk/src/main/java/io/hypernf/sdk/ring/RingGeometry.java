package io.hypernf.sdk.ring;

/**
 * The shape of one netmap interface: ring counts, slots per ring and buffer size.
 * Validated on construction; every error names the field and its value.
 */
public record RingGeometry(String name, int txRings, int rxRings, int txSlots, int rxSlots, int bufferSize) {

    /** The largest ring netmap accepts (and that the HyperNF switch validates against). */
    public static final int MAX_SLOTS = 16384;
    public static final int MAX_RINGS = 64;

    public RingGeometry {
        if (name == null || name.isEmpty() || name.length() >= NetmapLayout.IF_NAME_SIZE) {
            throw new IllegalArgumentException("ring geometry: name '" + name + "' must have 1.."
                    + (NetmapLayout.IF_NAME_SIZE - 1) + " characters");
        }
        checkRange("txRings", txRings, 1, MAX_RINGS);
        checkRange("rxRings", rxRings, 1, MAX_RINGS);
        checkRange("txSlots", txSlots, 2, MAX_SLOTS);
        checkRange("rxSlots", rxSlots, 2, MAX_SLOTS);
        checkRange("bufferSize", bufferSize, 64, 65536);
        if ((bufferSize & 63) != 0) {
            throw new IllegalArgumentException("ring geometry '" + name + "': bufferSize " + bufferSize + " must be a multiple of 64");
        }
    }

    /** One TX and one RX ring of {@code slots} slots with 2048-byte buffers, netmap's default buffer size. */
    public static RingGeometry simple(String name, int slots) {
        return new RingGeometry(name, 1, 1, slots, slots, 2048);
    }

    /** Buffers needed to give every slot of every ring its own buffer. */
    public long slotBuffers() { return (long) txRings * txSlots + (long) rxRings * rxSlots; }

    private void checkRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("ring geometry '" + name + "': " + field + " " + value
                    + " is outside [" + min + ", " + max + "]");
        }
    }
}
