/*
 * port.c — the memory behind each HyperNF port, and the switch instance.
 *
 * A port's region (netmap_if, rings, buffers; NETMAP-ABI.md) is memory of
 * the backend domain, dom0, which grants it to the guest. Registration takes
 * a general and a PGT_writable_page type reference on every frame, as
 * map_vcpu_info() does for a guest page Xen writes, so the frames can be
 * neither freed nor turned into page tables while Xen uses them; then maps
 * them contiguously with vmap(), so the core sees one flat region
 * (hnf_env_impl.h, HNF_REGION_AT). Unregistration, and the destruction of
 * either the owner guest or the backend domain (hypernf_domain_destroy(),
 * called from domain_kill()), take the port out of the core first, then
 * unmap and drop the references.
 *
 * Locking: ports_lock serialises registration, unregistration and teardown;
 * the core's own lock (taken inside every hnf_* call, after ports_lock) keeps
 * syncs on other CPUs off a port being removed. Long work (taking up to
 * HYPERNF_MAX_FRAMES references, vmap, dropping them) runs outside
 * ports_lock, on an entry in state MAPPING or RELEASING that nobody else
 * touches.
 */
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypernf.h>
#include <xen/init.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/nospec.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/vmap.h>
#include <xen/xmalloc.h>
#include <xsm/xsm.h>
#include <asm/p2m.h>

#include "private.h"

/* Frame numbers copied from the caller per copy_from_guest (1 KiB of stack). */
#define FRAME_CHUNK 128

struct hnf_switch *hnf_xen_switch;

static struct hnf_xen_port ports[HYPERNF_MAX_PORTS];
static DEFINE_SPINLOCK(ports_lock);

/*
 * Owner of each core port id, for the hypercall's caller check. Written
 * under ports_lock, read without it: a stale value only changes which
 * caller id the core checks, and the core's own check is authoritative.
 */
static domid_t owner_of[HYPERNF_MAX_PORTS] = {
    [0 ... HYPERNF_MAX_PORTS - 1] = DOMID_INVALID,
};

domid_t hnf_xen_port_owner(uint32_t port)
{
    if ( port >= HYPERNF_MAX_PORTS )
        return DOMID_INVALID;
    return read_atomic(&owner_of[array_index_nospec(port, HYPERNF_MAX_PORTS)]);
}

static void put_frames(const mfn_t *mfns, unsigned int count)
{
    unsigned int i;

    for ( i = 0; i < count; i++ )
        put_page_and_type(mfn_to_page(mfns[i]));
}

/*
 * Reference the caller's frames frames[0 .. nr-1] (MFNs of a PV caller,
 * GFNs of a translated one: get_page_from_gfn() handles both) into mfns[].
 * Only ordinary writable RAM owned by `backend` is accepted.
 */
static int get_frames(struct domain *backend,
                      const struct hypernf_port_register *reg, mfn_t *mfns)
{
    xen_pfn_t chunk[FRAME_CHUNK];
    unsigned int taken = 0, i, n;
    struct page_info *page;
    p2m_type_t type;
    int rc = 0;

    while ( taken < reg->nr_frames )
    {
        n = min_t(unsigned int, reg->nr_frames - taken, FRAME_CHUNK);
        if ( copy_from_guest_offset(chunk, reg->frames, taken, n) )
        {
            rc = -EFAULT;
            break;
        }
        for ( i = 0; i < n; i++ )
        {
            page = get_page_from_gfn(backend, chunk[i], &type, P2M_UNSHARE);
            if ( !page )
            {
                rc = -EBUSY;
                break;
            }
            if ( type != p2m_ram_rw || !get_page_type(page, PGT_writable_page) )
            {
                put_page(page);
                rc = -EBUSY;
                break;
            }
            mfns[taken++] = page_to_mfn(page);
        }
        if ( rc )
            break;
    }
    if ( rc )
        put_frames(mfns, taken);
    return rc;
}

static struct hnf_xen_port *reserve_entry(domid_t owner, domid_t backend,
                                          unsigned int nr_frames)
{
    struct hnf_xen_port *xp = NULL;
    unsigned int i;

    spin_lock(&ports_lock);
    for ( i = 0; i < HYPERNF_MAX_PORTS; i++ )
    {
        if ( ports[i].state == HNF_XEN_FREE )
        {
            xp = &ports[i];
            xp->state = HNF_XEN_MAPPING;
            xp->owner = owner;
            xp->backend = backend;
            xp->nr_frames = nr_frames;
            xp->mfns = NULL;
            xp->va = NULL;
            break;
        }
    }
    spin_unlock(&ports_lock);
    return xp;
}

/* Drop what a MAPPING or RELEASING entry holds and make it FREE again. */
static void release_entry(struct hnf_xen_port *xp, unsigned int frames_held)
{
    if ( xp->va )
        vunmap(xp->va);
    if ( xp->mfns )
    {
        put_frames(xp->mfns, frames_held);
        vfree(xp->mfns);
    }
    spin_lock(&ports_lock);
    xp->va = NULL;
    xp->mfns = NULL;
    xp->state = HNF_XEN_FREE;
    spin_unlock(&ports_lock);
}

/* Take a LIVE port out of the core; the caller then calls release_entry(). */
static struct hnf_xen_port *detach_locked(uint32_t port)
{
    void *env;

    ASSERT(spin_is_locked(&ports_lock));
    if ( hnf_port_unregister(hnf_xen_switch, port, &env) )
        return NULL;
    write_atomic(&owner_of[port], DOMID_INVALID);
    ((struct hnf_xen_port *)env)->state = HNF_XEN_RELEASING;
    return env;
}

long hnf_xen_port_register(XEN_GUEST_HANDLE_PARAM(hypernf_port_register_t) arg)
{
    struct domain *backend = current->domain, *owner;
    struct hypernf_port_register reg;
    struct hnf_port_params params;
    struct hnf_xen_port *xp;
    uint32_t port = 0;
    long rc;

    if ( xsm_hypernf_op(XSM_PRIV, NULL) )
        return -EPERM;
    if ( copy_from_guest(&reg, arg, 1) )
        return -EFAULT;
    if ( reg.pad0 || reg.pad1 || !reg.nr_frames )
        return -EINVAL;
    if ( reg.nr_frames > HYPERNF_MAX_FRAMES )
        return -E2BIG;

    /* A reference, not an RCU read lock: the work below takes a while. */
    owner = get_domain_by_id(reg.owner_domid);
    if ( !owner )
        return -EINVAL;
    rc = xsm_hypernf_op(XSM_PRIV, owner);
    if ( rc )
        goto out_owner;

    xp = reserve_entry(reg.owner_domid, backend->domain_id, reg.nr_frames);
    if ( !xp )
    {
        rc = -ENOSPC;
        goto out_owner;
    }
    xp->mfns = vzalloc(reg.nr_frames * sizeof(*xp->mfns));
    if ( !xp->mfns )
    {
        rc = -ENOMEM;
        goto out_entry;
    }
    rc = get_frames(backend, &reg, xp->mfns);
    if ( rc )
        goto out_entry;
    xp->va = vmap(xp->mfns, reg.nr_frames);
    if ( !xp->va )
    {
        rc = -ENOMEM;
        goto out_frames;
    }

    params.owner_domid = reg.owner_domid;
    params.geometry = reg.geometry;
    params.region_base = xp->va;
    params.region_size = (uint64_t)reg.nr_frames << PAGE_SHIFT;
    params.env = xp;

    /*
     * domain_kill() marks the owner dying before it calls
     * hypernf_domain_destroy(), which takes ports_lock: either we see the
     * mark here, or teardown finds this port LIVE and removes it.
     */
    spin_lock(&ports_lock);
    if ( owner->is_dying )
        rc = -EINVAL;
    else
        rc = hnf_port_register(hnf_xen_switch, &params, &port);
    if ( !rc )
    {
        xp->port_id = port;
        xp->state = HNF_XEN_LIVE;
        write_atomic(&owner_of[port], reg.owner_domid);
    }
    spin_unlock(&ports_lock);
    if ( rc )
        goto out_frames;

    gprintk(XENLOG_INFO, "hypernf: port %u for d%u, %u frames\n",
            port, reg.owner_domid, reg.nr_frames);

    reg.port = port;
    if ( copy_to_guest(arg, &reg, 1) )
    {
        /* The caller cannot learn the id, so it could never unregister. */
        spin_lock(&ports_lock);
        xp = detach_locked(port);
        spin_unlock(&ports_lock);
        if ( xp )
            release_entry(xp, xp->nr_frames);
        rc = -EFAULT;
    }
    put_domain(owner);
    return rc;

 out_frames:
    release_entry(xp, reg.nr_frames);
    put_domain(owner);
    return rc;
 out_entry:
    release_entry(xp, 0);
 out_owner:
    put_domain(owner);
    return rc;
}

long hnf_xen_port_unregister(XEN_GUEST_HANDLE_PARAM(hypernf_port_unregister_t) arg)
{
    struct hypernf_port_unregister unreg;
    struct hnf_xen_port *xp;

    if ( xsm_hypernf_op(XSM_PRIV, NULL) )
        return -EPERM;
    if ( copy_from_guest(&unreg, arg, 1) )
        return -EFAULT;
    if ( unreg.pad0 )
        return -EINVAL;

    spin_lock(&ports_lock);
    xp = detach_locked(unreg.port);
    spin_unlock(&ports_lock);
    if ( !xp )
        return -ENOENT;
    release_entry(xp, xp->nr_frames);
    return 0;
}

/*
 * Called from domain_kill() once d is marked dying: every port that d owns
 * or whose memory d provides is removed, so no reference Xen holds keeps
 * d's memory alive and no sync can reach a dead guest. Bounded by
 * HYPERNF_MAX_PORTS entries.
 */
void hypernf_domain_destroy(struct domain *d)
{
    struct hnf_xen_port *xp;
    unsigned int i;

    if ( !hnf_xen_switch )
        return;
    for ( i = 0; i < HYPERNF_MAX_PORTS; i++ )
    {
        spin_lock(&ports_lock);
        xp = &ports[i];
        if ( xp->state == HNF_XEN_LIVE &&
             (xp->owner == d->domain_id || xp->backend == d->domain_id) )
            xp = detach_locked(xp->port_id);
        else
            xp = NULL;
        spin_unlock(&ports_lock);
        if ( xp )
        {
            printk(XENLOG_G_INFO "hypernf: d%u dying, port %u removed\n",
                   d->domain_id, xp->port_id);
            release_entry(xp, xp->nr_frames);
        }
    }
}

static int __init hnf_xen_init(void)
{
    /* hnf_switch.h: hnf_switch_size() bytes, 64-byte aligned. */
    hnf_xen_switch = _xzalloc(hnf_switch_size(), 64);
    if ( !hnf_xen_switch )
    {
        printk(XENLOG_ERR "hypernf: no memory for the switch, hypercall disabled\n");
        return -ENOMEM;
    }
    hnf_switch_init(hnf_xen_switch);
    printk(XENLOG_INFO "hypernf: switch ready (hypercall %d, %d ports)\n",
           __HYPERVISOR_hypernf_op, HYPERNF_MAX_PORTS);
    return 0;
}
__initcall(hnf_xen_init);
