/*
 * private.h — state Xen keeps next to the portable switch core.
 *
 * The core (hnf_switch.c) owns the ring protocol and the port table; Xen
 * owns what needs hypervisor knowledge: which domain may call, the page
 * references and the mapping of each port's region, and the event channel
 * to signal. One struct hnf_xen_port per possible port is allocated
 * statically, so the `env` pointer the core hands back can never dangle.
 */
#ifndef XEN_COMMON_HYPERNF_PRIVATE_H
#define XEN_COMMON_HYPERNF_PRIVATE_H

#include <xen/mm.h>
#include <xen/sched.h>
#include <public/hypernf.h>

#include "hnf_switch.h"

/* Life of a struct hnf_xen_port; transitions under hnf_xen_ports_lock. */
enum hnf_xen_port_state {
    HNF_XEN_FREE,      /* unused */
    HNF_XEN_MAPPING,   /* register in progress: references being taken */
    HNF_XEN_LIVE,      /* in the core's port table */
    HNF_XEN_RELEASING, /* out of the core; references being dropped */
};

struct hnf_xen_port {
    enum hnf_xen_port_state state;
    uint32_t port_id;          /* the core's id, valid while LIVE */
    domid_t owner;             /* the guest allowed to sync */
    domid_t backend;           /* the domain whose frames form the region */
    unsigned int nr_frames;
    mfn_t *mfns;               /* nr_frames entries, each holding a general
                                  and a PGT_writable_page type reference */
    void *va;                  /* vmap() of mfns[] */
};

extern struct hnf_switch *hnf_xen_switch;

/* Domain that owns core port `port`, or DOMID_INVALID (read without locks). */
domid_t hnf_xen_port_owner(uint32_t port);

/* The sub-ops that need the region's memory (port.c); dom0 only. */
long hnf_xen_port_register(XEN_GUEST_HANDLE_PARAM(hypernf_port_register_t) arg);
long hnf_xen_port_unregister(XEN_GUEST_HANDLE_PARAM(hypernf_port_unregister_t) arg);

/* Is `evtchn` a channel of d that Xen may signal for a port? (env.c) */
bool hnf_xen_evtchn_usable(struct domain *d, uint32_t evtchn);

#endif /* XEN_COMMON_HYPERNF_PRIVATE_H */
