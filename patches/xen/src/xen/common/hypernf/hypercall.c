/*
 * hypercall.c — HYPERVISOR_hypernf_op: the entry point of HyperNF.
 *
 * Roadmap of a guest's txsync (DESIGN.md, "The data path"):
 *   guest ioctl(NIOCTXSYNC) -> front module -> hypercall 43
 *   -> do_hypernf_op()        here: copy the argument, decide who is calling
 *   -> hnf_port_sync()        hnf_switch.c: owner check, ring validation,
 *                              learning, copies into destination RX rings
 *   -> hnf_env_notify()       env.c: event channel of each destination
 * Port memory comes and goes through port.c (register/unregister, and
 * teardown when a domain dies).
 *
 * Permissions (DESIGN.md, "Memory and trust"): register, unregister and
 * control need the XSM privilege of comparable operations (XSM_PRIV: the
 * control domain, dom0); sync, bind and stats are for the port's owner, and
 * for dom0 acting on its behalf (split mode, the control tool), which the
 * core sees as HNF_CALLER_CONTROL.
 * Every argument is copied in with copy_from_guest before it is looked at.
 */
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xsm/xsm.h>

#include "private.h"

/*
 * Who the core should see as the caller of an owner-or-dom0 sub-op: the
 * domain id when the caller owns the port (dom0 owns its own local ports
 * too), otherwise HNF_CALLER_CONTROL if XSM grants the control privilege.
 * Anyone else is passed as themselves and refused by the core's owner check.
 */
static uint32_t caller_of(uint32_t port)
{
    struct domain *cd = current->domain;

    if ( hnf_xen_port_owner(port) == cd->domain_id )
        return cd->domain_id;
    if ( !xsm_hypernf_op(XSM_PRIV, NULL) )
        return HNF_CALLER_CONTROL;
    return cd->domain_id;
}

static long op_sync(XEN_GUEST_HANDLE_PARAM(hypernf_sync_t) arg)
{
    struct hypernf_sync sync;

    if ( copy_from_guest(&sync, arg, 1) )
        return -EFAULT;
    return hnf_port_sync(hnf_xen_switch, sync.port, caller_of(sync.port),
                         sync.flags);
}

static long op_bind_evtchn(XEN_GUEST_HANDLE_PARAM(hypernf_port_bind_evtchn_t) arg)
{
    struct hypernf_port_bind_evtchn bind;
    struct domain *owner;
    domid_t owner_id;
    uint32_t caller;
    bool usable;

    if ( copy_from_guest(&bind, arg, 1) )
        return -EFAULT;
    owner_id = hnf_xen_port_owner(bind.port);
    if ( owner_id == DOMID_INVALID )
        return -ENOENT;

    /*
     * Permission first, so that a stranger cannot probe which event
     * channels the owner has open.
     */
    caller = caller_of(bind.port);
    if ( caller != HNF_CALLER_CONTROL && caller != owner_id )
        return -EPERM;

    /*
     * The channel must exist in the owner's domain now; env.c checks again
     * on every notify because the guest may close it at any time.
     */
    if ( bind.evtchn != HYPERNF_EVTCHN_NONE )
    {
        owner = rcu_lock_domain_by_id(owner_id);
        if ( !owner )
            return -ENOENT;
        usable = hnf_xen_evtchn_usable(owner, bind.evtchn);
        rcu_unlock_domain(owner);
        if ( !usable )
            return -EINVAL;
    }
    return hnf_port_bind_evtchn(hnf_xen_switch, bind.port, caller, bind.evtchn);
}

static long op_stats(XEN_GUEST_HANDLE_PARAM(hypernf_stats_t) arg)
{
    struct hypernf_stats stats;
    int rc;

    if ( copy_from_guest(&stats, arg, 1) )
        return -EFAULT;
    if ( stats.pad0 )
        return -EINVAL;
    rc = hnf_port_stats(hnf_xen_switch, stats.port, caller_of(stats.port),
                        &stats.stats);
    if ( rc )
        return rc;
    return copy_to_guest(arg, &stats, 1) ? -EFAULT : 0;
}

static long op_control(XEN_GUEST_HANDLE_PARAM(hypernf_control_t) arg)
{
    struct hypernf_control ctl;
    int rc;

    if ( xsm_hypernf_op(XSM_PRIV, NULL) )
        return -EPERM;
    if ( copy_from_guest(&ctl, arg, 1) )
        return -EFAULT;
    rc = hnf_switch_control(hnf_xen_switch, &ctl);
    if ( rc )
        return rc;
    return copy_to_guest(arg, &ctl, 1) ? -EFAULT : 0;
}

long do_hypernf_op(unsigned int cmd, XEN_GUEST_HANDLE_PARAM(void) arg)
{
    if ( !hnf_xen_switch )
        return -ENOSYS;

    switch ( cmd )
    {
    case HYPERNF_OP_PORT_REGISTER:
        return hnf_xen_port_register(guest_handle_cast(arg, hypernf_port_register_t));
    case HYPERNF_OP_PORT_UNREGISTER:
        return hnf_xen_port_unregister(guest_handle_cast(arg, hypernf_port_unregister_t));
    case HYPERNF_OP_PORT_BIND_EVTCHN:
        return op_bind_evtchn(guest_handle_cast(arg, hypernf_port_bind_evtchn_t));
    case HYPERNF_OP_SYNC:
        return op_sync(guest_handle_cast(arg, hypernf_sync_t));
    case HYPERNF_OP_CONTROL:
        return op_control(guest_handle_cast(arg, hypernf_control_t));
    case HYPERNF_OP_STATS:
        return op_stats(guest_handle_cast(arg, hypernf_stats_t));
    default:
        return -ENOSYS;
    }
}
