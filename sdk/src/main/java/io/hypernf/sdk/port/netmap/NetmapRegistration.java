package io.hypernf.sdk.port.netmap;

import static io.hypernf.sdk.ring.NetmapLayout.*;

import io.hypernf.sdk.port.PortException;
import io.hypernf.sdk.port.PortUri;
import io.hypernf.sdk.port.os.Syscalls;
import io.hypernf.sdk.ring.NativeMemory;
import java.nio.charset.StandardCharsets;

/**
 * The reply to a register request: where the {@code netmap_if} is and how large the shared
 * region is, plus the geometry the device reports. {@code api} is 14 or 11, the version that
 * answered.
 *
 * <p>Fallback rule: the API 14 request (NIOCCTRL with {@code nmreq_header} and
 * {@code nmreq_register}) is sent first. If it fails with ENOTTY (the device does not know the
 * ioctl), EOPNOTSUPP or EINVAL (how pre-API-14 netmap answers commands it does not know, and how
 * API 14 answers a version it does not speak), the legacy NIOCREGIF with a 60-byte
 * {@code struct nmreq} (nr_version 11) is sent. Any other errno is final. When both fail, the
 * error names both errnos.
 */
public record NetmapRegistration(int api, long offset, long memsize, int txRings, int rxRings, int txSlots,
                                 int rxSlots, int hostTxRings, int hostRxRings, int memId) {

    /** EOPNOTSUPP on Linux (errno.h). */
    static final int EOPNOTSUPP = 95;

    /** Registers {@code uri}'s port on the open descriptor {@code fd}; throws {@link PortException} naming the device and errno. */
    public static NetmapRegistration register(Syscalls sys, int fd, PortUri.Netmap uri) {
        long mem = NativeMemory.allocateZeroed(HDR_SIZE + REG_SIZE);
        try {
            long hdr = mem;
            long reg = mem + HDR_SIZE;
            NativeMemory.putShort(hdr + HDR_VERSION, (short) NETMAP_API);
            NativeMemory.putShort(hdr + HDR_REQTYPE, (short) REQ_REGISTER);
            putName(hdr + HDR_NAME, uri.requestName(), HDR_NAME_SIZE);
            NativeMemory.putLong(hdr + HDR_OPTIONS, 0);
            NativeMemory.putLong(hdr + HDR_BODY, reg);
            NativeMemory.putShort(reg + REG_RINGID, (short) uri.ringId());
            NativeMemory.putInt(reg + REG_MODE, uri.mode());
            NativeMemory.putLong(reg + REG_FLAGS, uri.flags());
            if (sys.ioctl(fd, Integer.toUnsignedLong(NIOCCTRL), hdr) == 0) {
                return new NetmapRegistration(NETMAP_API,
                        NativeMemory.getLong(reg + REG_OFFSET),
                        NativeMemory.getLong(reg + REG_MEMSIZE),
                        u16(reg + REG_TX_RINGS), u16(reg + REG_RX_RINGS),
                        NativeMemory.getInt(reg + REG_TX_SLOTS), NativeMemory.getInt(reg + REG_RX_SLOTS),
                        u16(reg + REG_HOST_TX_RINGS), u16(reg + REG_HOST_RX_RINGS), u16(reg + REG_MEM_ID));
            }
            int errno = sys.errno();
            if (errno != Syscalls.ENOTTY && errno != Syscalls.EINVAL && errno != EOPNOTSUPP) {
                throw new PortException("port '" + uri.text() + "': " + uri.device() + ": NIOCCTRL register '"
                        + uri.requestName() + "' failed: " + sys.describe(errno));
            }
            return registerLegacy(sys, fd, uri, errno);
        } finally {
            NativeMemory.free(mem);
        }
    }

    private static NetmapRegistration registerLegacy(Syscalls sys, int fd, PortUri.Netmap uri, int firstErrno) {
        if (uri.name().length() >= NMREQ_NAME_SIZE) {
            throw new PortException("port '" + uri.text() + "': " + uri.device() + ": NIOCCTRL failed ("
                    + sys.describe(firstErrno) + ") and the legacy NIOCREGIF cannot carry the name '" + uri.name()
                    + "' (at most " + (NMREQ_NAME_SIZE - 1) + " characters)");
        }
        long req = NativeMemory.allocateZeroed(NMREQ_SIZE);
        try {
            putName(req + NMREQ_NAME, uri.name(), NMREQ_NAME_SIZE);
            NativeMemory.putInt(req + NMREQ_VERSION, NETMAP_API_LEGACY);
            int ringId = uri.pipe() == null ? uri.ringId() : pipeNumber(uri);
            NativeMemory.putShort(req + NMREQ_RINGID, (short) ringId);
            NativeMemory.putInt(req + NMREQ_FLAGS, (int) uri.legacyFlags());
            if (sys.ioctl(fd, Integer.toUnsignedLong(NIOCREGIF), req) != 0) {
                int errno = sys.errno();
                throw new PortException("port '" + uri.text() + "': " + uri.device() + ": register '" + uri.name()
                        + "' failed: NIOCCTRL (API " + NETMAP_API + ") " + sys.describe(firstErrno)
                        + ", NIOCREGIF (API " + NETMAP_API_LEGACY + ") " + sys.describe(errno));
            }
            return new NetmapRegistration(NETMAP_API_LEGACY,
                    Integer.toUnsignedLong(NativeMemory.getInt(req + NMREQ_OFFSET)),
                    Integer.toUnsignedLong(NativeMemory.getInt(req + NMREQ_MEMSIZE)),
                    u16(req + NMREQ_TX_RINGS), u16(req + NMREQ_RX_RINGS),
                    NativeMemory.getInt(req + NMREQ_TX_SLOTS), NativeMemory.getInt(req + NMREQ_RX_SLOTS),
                    1, 1, u16(req + NMREQ_ARG2));
        } finally {
            NativeMemory.free(req);
        }
    }

    /** API 11 pipes carry their identifier as a number in nr_ringid. */
    private static int pipeNumber(PortUri.Netmap uri) {
        try {
            int id = Integer.parseInt(uri.pipe());
            if (id >= 0 && id < 4096) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PortException("port '" + uri.text() + "': the legacy API 11 needs a pipe number in [0, 4095], not '"
                + uri.pipe() + "'");
    }

    private static void putName(long at, String name, int size) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        NativeMemory.copyFromArray(bytes, 0, at, Math.min(bytes.length, size - 1));
    }

    private static int u16(long at) { return NativeMemory.getShort(at) & 0xffff; }
}
