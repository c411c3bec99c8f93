/*
 * hypernf.h — the HyperNF hypercall: Xen switches netmap-ABI packets on the
 * calling guest's vCPU (design: shared/DESIGN.md, "Hypercall interface").
 *
 * Included by Xen (as public/hypernf.h), by the dom0 backend module, by the
 * domU frontend module and by the dom0 tools. Plain C with fixed-width types;
 * every struct has explicit padding and a size check, because 64-bit guests,
 * dom0 and Xen exchange them unchanged. Only x86-64 is supported.
 *
 * Calling convention (as every multiplexed Xen hypercall, e.g. dm_op):
 *     long HYPERVISOR_hypernf_op(unsigned int cmd, void *arg);
 * `arg` points to the struct named for each sub-op below. The return value is
 * 0 on success or a negative errno. Errno values are Xen's public ones
 * (public/errno.h), which equal Linux's for all values used here:
 *     EPERM 1      caller is not dom0 (dom0-only ops) or not the port's owner
 *     ENOENT 2     no port with this id is registered
 *     EIO 5        the port is broken (its guest violated the ring protocol);
 *                  it is served no more until dom0 unregisters it
 *     E2BIG 7      geometry or frame count above the limits below
 *     EFAULT 14    the argument or the frame list could not be copied
 *     EBUSY 16     the region's memory is unusable (e.g. a page reference
 *                  could not be taken)
 *     EINVAL 22    a field is out of range (reserved/pad field not zero,
 *                  unknown flag, inconsistent layout of the region)
 *     ENOSPC 28    all HYPERNF_MAX_PORTS ports are in use
 *     ENOSYS 38    unknown sub-op (or the hypervisor lacks HyperNF)
 */
#ifndef __XEN_PUBLIC_HYPERNF_H__
#define __XEN_PUBLIC_HYPERNF_H__

#if defined(__XEN__) || defined(__XEN_TOOLS__)
#include "xen.h"
#elif defined(__KERNEL__)
#include <linux/types.h>
#else
#include <stdint.h>
#endif

/*
 * First number left free by Xen 4.17's public/xen.h (40 is xenpmu_op,
 * 41 dm_op, 42 hypfs_op; the SoCC'17 prototype used 41 on Xen 4.8).
 */
#define __HYPERVISOR_hypernf_op 43

#define HYPERNF_INTERFACE_VERSION 1

/* Sub-ops (the `cmd` argument). */
#define HYPERNF_OP_PORT_REGISTER    1 /* dom0 only; struct hypernf_port_register */
#define HYPERNF_OP_PORT_UNREGISTER  2 /* dom0 only; struct hypernf_port_unregister */
#define HYPERNF_OP_PORT_BIND_EVTCHN 3 /* owner or dom0; struct hypernf_port_bind_evtchn */
#define HYPERNF_OP_SYNC             4 /* owner, or dom0 for it; struct hypernf_sync */
#define HYPERNF_OP_CONTROL          5 /* dom0 only; struct hypernf_control */
#define HYPERNF_OP_STATS            6 /* owner or dom0; struct hypernf_stats */

/* Limits the hypervisor enforces (E2BIG / ENOSPC above them). */
#define HYPERNF_MAX_PORTS      64      /* ports of the one switch */
#define HYPERNF_MAX_RINGS      16      /* TX rings, and RX rings, per port */
#define HYPERNF_MAX_SLOTS      16384   /* slots per ring */
#define HYPERNF_MIN_SLOTS      2       /* one slot is always kept empty */
#define HYPERNF_MIN_BUF_SIZE   64
#define HYPERNF_MAX_BUF_SIZE   65535   /* netmap_slot.len is 16 bits */
#define HYPERNF_MAX_FRAMES     262144  /* 1 GiB of 4 KiB pages per region */
#define HYPERNF_PAGE_SIZE      4096
#define HYPERNF_MAX_BATCH      8192
#define HYPERNF_DEFAULT_BATCH  1024    /* VALE's default bridge_batch */

/*
 * Geometry of one port's region, laid out as netmap does (NETMAP-ABI.md,
 * "Shared memory"): the netmap_if at nr_offset, its ring_ofs[] locating TX
 * rings then host TX rings then RX rings, each ring's buf_ofs locating the
 * buffer pool. Xen reads ring_ofs[] and buf_ofs once, at registration, and
 * validates them against this geometry and the region size; the copies in
 * shared memory are never read again (the guest can write them).
 */
struct hypernf_port_geometry {
    uint32_t num_tx_rings;   /* = netmap_if.ni_tx_rings, 1..HYPERNF_MAX_RINGS */
    uint32_t num_rx_rings;   /* = netmap_if.ni_rx_rings, 1..HYPERNF_MAX_RINGS */
    uint32_t num_tx_slots;   /* slots per TX ring */
    uint32_t num_rx_slots;   /* slots per RX ring */
    uint32_t buf_size;       /* = netmap_ring.nr_buf_size of every ring */
    uint32_t num_bufs;       /* valid buf_idx are 0 .. num_bufs-1 */
    uint64_t nr_offset;      /* offset of the netmap_if in the region */
};

/*
 * HYPERNF_OP_PORT_REGISTER (dom0 only). Xen takes a reference on each frame,
 * maps the region for itself, snapshots the layout and adds the port to the
 * switch. The region is nr_frames * HYPERNF_PAGE_SIZE bytes, frames[i] being
 * the frame number (as dom0 names frames in memory ops: the MFN for a PV
 * dom0, the GFN otherwise) of the region's i-th page. Register before the
 * guest can write the region: Xen initialises head, cur and tail of every ring.
 */
struct hypernf_port_register {
    /* IN */
    uint16_t owner_domid;    /* the only domain allowed to sync the port */
    uint16_t pad0;           /* must be 0 */
    uint32_t nr_frames;      /* 1..HYPERNF_MAX_FRAMES */
    struct hypernf_port_geometry geometry;
#if defined(__XEN__) || defined(__XEN_TOOLS__)
    XEN_GUEST_HANDLE_64(xen_pfn_t) frames;
#else
    uint64_t frames;         /* address of uint64_t frames[nr_frames] */
#endif
    /* OUT */
    uint32_t port;           /* the new port's id, 0..HYPERNF_MAX_PORTS-1 */
    uint32_t pad1;           /* must be 0 */
};

/*
 * HYPERNF_OP_PORT_UNREGISTER (dom0 only). After it returns Xen no longer
 * touches the region and has dropped its page references; learned MAC
 * entries pointing at the port are forgotten.
 */
struct hypernf_port_unregister {
    uint32_t port;
    uint32_t pad0;           /* must be 0 */
};

/*
 * HYPERNF_OP_PORT_BIND_EVTCHN (the owner, or dom0). Names the event channel
 * Xen signals when it has placed packets in the port's RX rings.
 * HYPERNF_EVTCHN_NONE unbinds.
 */
#define HYPERNF_EVTCHN_NONE 0xffffffffU
struct hypernf_port_bind_evtchn {
    uint32_t port;
    uint32_t evtchn;         /* event channel port in the owner's domain */
};

/*
 * HYPERNF_OP_SYNC (the owner, or dom0 acting for it, as in split mode). netmap's
 * txsync and/or rxsync on every ring of the port:
 *  TX: the slots [old head .. head) of each TX ring are switched (at most
 *      `batch` slots per call in total) and tail is advanced past them.
 *  RX: the slots the application released (up to head) become free for
 *      the switch; tail already shows every packet delivered so far.
 */
#define HYPERNF_SYNC_TX 0x1U
#define HYPERNF_SYNC_RX 0x2U
struct hypernf_sync {
    uint32_t port;
    uint32_t flags;          /* HYPERNF_SYNC_TX | HYPERNF_SYNC_RX, nonzero */
};

/*
 * HYPERNF_OP_CONTROL (dom0 only). Fields whose HYPERNF_CTL_SET_* bit is in
 * `set` are changed; the call always returns the current values in
 * batch and mode. HYPERNF_MODE_SPLIT is the paper's baseline: guests only
 * kick an event channel and a dom0 thread syncs on their behalf.
 */
#define HYPERNF_CTL_SET_BATCH 0x1U
#define HYPERNF_CTL_SET_MODE  0x2U
#define HYPERNF_MODE_HYPERCALL 0U
#define HYPERNF_MODE_SPLIT     1U
struct hypernf_control {
    uint32_t set;            /* IN: HYPERNF_CTL_SET_* */
    uint32_t batch;          /* IN/OUT: 1..HYPERNF_MAX_BATCH TX slots per sync */
    uint32_t mode;           /* IN/OUT: HYPERNF_MODE_* */
    uint32_t pad0;           /* must be 0 */
};

/* Why a port was marked broken (hypernf_port_stats.broken_reason). */
#define HYPERNF_BROKEN_NONE        0
#define HYPERNF_BROKEN_BAD_HEAD    1 /* head or cur outside the app's slots */
#define HYPERNF_BROKEN_BAD_BUF_IDX 2 /* slot buf_idx >= num_bufs */
#define HYPERNF_BROKEN_BAD_LEN     3 /* slot len > buf_size */

/*
 * Counters of one port. "Sent" frames come from the port's TX rings,
 * "received" ones were copied into its RX rings. A flooded frame counts once
 * in tx_* and once per destination in that destination's rx_*.
 */
struct hypernf_port_stats {
    uint64_t rx_packets;         /* frames copied into this port's RX rings */
    uint64_t rx_bytes;
    uint64_t tx_packets;         /* frames taken from TX and delivered at least once */
    uint64_t tx_bytes;
    uint64_t drop_dest_full;     /* sent copies dropped: destination RX ring full */
    uint64_t drop_no_dest;       /* sent frames with no destination (learned on
                                    the source itself, or nobody to flood to) */
    uint64_t drop_bad_buf_idx;   /* TX/RX slots with buf_idx out of range */
    uint64_t drop_bad_len;       /* TX slots with len > buf_size */
    uint64_t drop_bad_head_cur;  /* syncs with head/cur out of range */
    uint64_t drop_broken;        /* sent copies lost to a broken destination (one
                                    already broken, or breaking on this copy) */
    uint64_t drop_oversize;      /* sent copies longer than the destination's buf_size */
    uint64_t rx_drop_full;       /* frames for this port dropped: its RX ring full */
    uint64_t malformed;          /* sent frames dropped as malformed: shorter than
                                    an Ethernet header, or part of a multi-slot
                                    (NS_MOREFRAG) frame, which is not supported */
    uint64_t syncs;              /* syncs served */
    uint64_t refused_syncs;      /* syncs refused because the port is broken */
    uint32_t broken;             /* 1 once the port violated the ring protocol */
    uint32_t broken_reason;      /* HYPERNF_BROKEN_* */
    uint64_t reserved[4];        /* 0 */
};

/* HYPERNF_OP_STATS (the owner, or dom0). */
struct hypernf_stats {
    uint32_t port;               /* IN */
    uint32_t pad0;               /* must be 0 */
    struct hypernf_port_stats stats; /* OUT */
};

#if !defined(__cplusplus)
_Static_assert(sizeof(struct hypernf_port_geometry) == 32, "hypernf ABI");
_Static_assert(sizeof(struct hypernf_port_register) == 56, "hypernf ABI");
_Static_assert(sizeof(struct hypernf_port_unregister) == 8, "hypernf ABI");
_Static_assert(sizeof(struct hypernf_port_bind_evtchn) == 8, "hypernf ABI");
_Static_assert(sizeof(struct hypernf_sync) == 8, "hypernf ABI");
_Static_assert(sizeof(struct hypernf_control) == 16, "hypernf ABI");
_Static_assert(sizeof(struct hypernf_port_stats) == 160, "hypernf ABI");
_Static_assert(sizeof(struct hypernf_stats) == 168, "hypernf ABI");
#endif

#if defined(__XEN__) || defined(__XEN_TOOLS__)
typedef struct hypernf_port_register hypernf_port_register_t;
DEFINE_XEN_GUEST_HANDLE(hypernf_port_register_t);
typedef struct hypernf_port_unregister hypernf_port_unregister_t;
DEFINE_XEN_GUEST_HANDLE(hypernf_port_unregister_t);
typedef struct hypernf_port_bind_evtchn hypernf_port_bind_evtchn_t;
DEFINE_XEN_GUEST_HANDLE(hypernf_port_bind_evtchn_t);
typedef struct hypernf_sync hypernf_sync_t;
DEFINE_XEN_GUEST_HANDLE(hypernf_sync_t);
typedef struct hypernf_control hypernf_control_t;
DEFINE_XEN_GUEST_HANDLE(hypernf_control_t);
typedef struct hypernf_stats hypernf_stats_t;
DEFINE_XEN_GUEST_HANDLE(hypernf_stats_t);
#endif

#endif /* __XEN_PUBLIC_HYPERNF_H__ */
