package io.hypernf.sdk.ring;

import java.lang.reflect.Field;
import sun.misc.Unsafe;

/**
 * Raw access to native memory by address, little endian (x86-64), with the orderings the ring
 * protocol needs. The only class of the SDK that touches {@code sun.misc.Unsafe}.
 *
 * <p>Bounds checks are on when the system property {@code hypernf.boundsChecks} is
 * {@code true} (the test runs set it; STYLE.md 9) and cost nothing when off: the flag is a
 * static final that the JIT folds.
 */
public final class NativeMemory {
    private NativeMemory() {}

    /** Whether flyweights check indices and addresses against their region. */
    public static final boolean BOUNDS_CHECKS = Boolean.getBoolean("hypernf.boundsChecks");

    private static final Unsafe UNSAFE = loadUnsafe();

    private static Unsafe loadUnsafe() {
        try {
            Field field = Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (Unsafe) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("sun.misc.Unsafe is not available: " + e);
        }
    }

    public static byte getByte(long address) { return UNSAFE.getByte(address); }
    public static void putByte(long address, byte value) { UNSAFE.putByte(address, value); }
    public static short getShort(long address) { return UNSAFE.getShort(address); }
    public static void putShort(long address, short value) { UNSAFE.putShort(address, value); }
    public static int getInt(long address) { return UNSAFE.getInt(address); }
    public static void putInt(long address, int value) { UNSAFE.putInt(address, value); }
    public static long getLong(long address) { return UNSAFE.getLong(address); }
    public static void putLong(long address, long value) { UNSAFE.putLong(address, value); }

    /**
     * Load with acquire semantics: no later load or store is reordered before it. Used to read an
     * index the other side advances (the application reads {@code tail}; the kernel side reads
     * {@code head}) before reading the slots that index hands over.
     */
    public static int getIntAcquire(long address) {
        int value = UNSAFE.getInt(address);
        UNSAFE.loadFence();
        return value;
    }

    /**
     * Store with release semantics: no earlier load or store is reordered after it. Used to
     * publish an index after writing the slots it hands over, so the other side never sees the
     * index before the slot contents.
     */
    public static void putIntRelease(long address, int value) {
        UNSAFE.storeFence();
        UNSAFE.putInt(address, value);
    }

    /**
     * Release fence: no earlier load or store is reordered after any later store. Followed by
     * plain stores, it publishes several indices with one fence ({@link NetmapRing#advance}).
     */
    public static void storeFence() { UNSAFE.storeFence(); }

    /** Full fence: orders every earlier access before every later one (before a sync call). */
    public static void fullFence() { UNSAFE.fullFence(); }

    public static void copy(long from, long to, long bytes) { UNSAFE.copyMemory(from, to, bytes); }
    public static void fill(long address, long bytes, byte value) { UNSAFE.setMemory(address, bytes, value); }

    /** Allocates {@code bytes} of native memory, zeroed. Free with {@link #free(long)}. */
    public static long allocateZeroed(long bytes) {
        long address = UNSAFE.allocateMemory(bytes);
        UNSAFE.setMemory(address, bytes, (byte) 0);
        return address;
    }

    public static void free(long address) { UNSAFE.freeMemory(address); }

    /** Copies {@code length} bytes from native memory into a Java array. */
    public static void copyToArray(long from, byte[] to, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > to.length) {
            throw new IndexOutOfBoundsException("offset " + offset + " length " + length + " array " + to.length);
        }
        UNSAFE.copyMemory(null, from, to, Unsafe.ARRAY_BYTE_BASE_OFFSET + offset, length);
    }

    /** Copies {@code length} bytes from a Java array into native memory. */
    public static void copyFromArray(byte[] from, int offset, long to, int length) {
        if (offset < 0 || length < 0 || offset + length > from.length) {
            throw new IndexOutOfBoundsException("offset " + offset + " length " + length + " array " + from.length);
        }
        UNSAFE.copyMemory(from, Unsafe.ARRAY_BYTE_BASE_OFFSET + offset, null, to, length);
    }
}
