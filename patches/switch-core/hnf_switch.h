/*
 * hnf_switch.h — the API of the portable HyperNF switch core.
 *
 * The core is a VALE-style learning bridge over netmap-ABI port regions
 * (shared/NETMAP-ABI.md). Each environment (Xen's hypercall handler, the
 * user-space tests, the fuzzer) owns the memory and the permission checks
 * that need its own knowledge (is the caller dom0?); the core owns the ring
 * protocol, the distrust of guest-written memory, the ownership check on a
 * sync, switching, and the counters. See README.md for the packet path.
 *
 * Concurrency: every function takes the switch's lock itself; any number of
 * CPUs may call in at once. Return values: 0 or a negative errno from
 * public/hypernf.h's list.
 */
#ifndef HNF_SWITCH_H
#define HNF_SWITCH_H

#include "hnf_env.h"
#include "public/hypernf.h"

struct hnf_switch; /* opaque; hnf_switch_size() bytes, 64-byte aligned */

/*
 * The caller of a sync, bind or stats: a domid (0..0x7fef), or
 * HNF_CALLER_CONTROL when the environment has established that the caller is
 * the control domain acting for the port's owner (split mode, dom0 tools).
 */
#define HNF_CALLER_CONTROL 0x10000U

/*
 * The control domain's id. In HYPERNF_MODE_SPLIT a guest's own sync is
 * refused (the split model: only dom0 syncs, so a guest cannot bypass the
 * measurement); ports owned by the control domain itself (dom0-local and
 * NIC ports) are synced by dom0's threads in both modes and stay allowed.
 */
#define HNF_CONTROL_DOMID 0U

/* What the environment hands the core for a new port. */
struct hnf_port_params {
    uint16_t owner_domid;
    struct hypernf_port_geometry geometry;
    uint8_t *region_base;    /* passed back to HNF_REGION_AT */
    uint64_t region_size;    /* bytes; nothing at or beyond it is touched */
    void *env;               /* the environment's own port state, passed back */
};

/* Size in bytes of struct hnf_switch, for the environment to allocate. */
size_t hnf_switch_size(void);

/* Prepare zeroed or fresh memory of hnf_switch_size() bytes as an empty switch. */
void hnf_switch_init(struct hnf_switch *sw);

/*
 * Add a port (the environment checked the caller is dom0 and mapped the
 * region). Validates the geometry, snapshots the region's layout, initialises
 * every ring's head, cur and tail. *port_out receives the id.
 * Errors: -EINVAL, -E2BIG, -ENOSPC.
 */
int hnf_port_register(struct hnf_switch *sw, const struct hnf_port_params *params,
                      uint32_t *port_out);

/*
 * Remove a port; on return the core holds no pointer into its region and
 * *env_out (if not NULL) receives params->env for the environment to release.
 * Errors: -ENOENT.
 */
int hnf_port_unregister(struct hnf_switch *sw, uint32_t port, void **env_out);

/*
 * Set the event channel to signal when the port receives packets
 * (HYPERNF_EVTCHN_NONE: none). Caller: the owner or HNF_CALLER_CONTROL.
 * Errors: -ENOENT, -EPERM.
 */
int hnf_port_bind_evtchn(struct hnf_switch *sw, uint32_t port, uint32_t caller,
                         uint32_t evtchn);

/*
 * netmap txsync and/or rxsync (flags: HYPERNF_SYNC_TX | HYPERNF_SYNC_RX) on
 * every ring of the port, switching at most the current batch limit of TX
 * slots. Caller: the owner or HNF_CALLER_CONTROL; in split mode only
 * HNF_CALLER_CONTROL, or an owner that is HNF_CONTROL_DOMID. Destination
 * ports that received packets are notified (hnf_env_notify) before return.
 * Errors: -ENOENT, -EPERM (not the owner, or a guest owner in split mode:
 * nothing was touched), -EINVAL (flags), -EIO (port broken: now or before).
 */
int hnf_port_sync(struct hnf_switch *sw, uint32_t port, uint32_t caller,
                  uint32_t flags);

/*
 * Read the port's counters. Caller: the owner or HNF_CALLER_CONTROL.
 * Errors: -ENOENT, -EPERM.
 */
int hnf_port_stats(struct hnf_switch *sw, uint32_t port, uint32_t caller,
                   struct hypernf_port_stats *out);

/*
 * HYPERNF_OP_CONTROL (the environment checked the caller is dom0): apply the
 * fields selected by ctl->set, then write the current values back into *ctl.
 * Errors: -EINVAL (unknown set bit, batch or mode out of range, pad0 != 0).
 */
int hnf_switch_control(struct hnf_switch *sw, struct hypernf_control *ctl);

/*
 * The lowest registered port id >= from whose owner is domid, or -ENOENT.
 * For the environment's teardown when a domain dies.
 */
int hnf_port_next_owned_by(struct hnf_switch *sw, uint16_t domid, uint32_t from);

#endif /* HNF_SWITCH_H */
