/*
 * env.c — the functions the portable switch core calls back (hnf_env.h):
 * event-channel notification, time and logging, implemented with Xen's
 * event channel and console code.
 */
#include <xen/event.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/time.h>

#include "private.h"

/*
 * Only channels a guest allocated and still holds for itself are signalled:
 * unbound ones (EVTCHNOP_alloc_unbound, the usual frontend pattern) and
 * interdomain ones. VIRQ, IPI and PIRQ channels carry meaning Xen must not
 * fake, and Xen-consumer channels belong to Xen itself (public/event_channel.h).
 * The caller holds the channel's lock, or accepts that the answer is a
 * snapshot (bind re-checks on every notify).
 */
static bool channel_is_guest_owned(const struct evtchn *chn)
{
    if ( chn->xen_consumer )
        return false;
    return chn->state == ECS_UNBOUND || chn->state == ECS_INTERDOMAIN;
}

bool hnf_xen_evtchn_usable(struct domain *d, uint32_t evtchn)
{
    struct evtchn *chn;
    bool ok;

    if ( !port_is_valid(d, evtchn) )
        return false;
    chn = evtchn_from_port(d, evtchn);
    evtchn_read_lock(chn);
    ok = channel_is_guest_owned(chn);
    evtchn_read_unlock(chn);
    return ok;
}

/*
 * Called by the core with the switch lock held (hnf_env.h), so port_env is a
 * registered port. The guest may have closed or rebound the channel since
 * it was bound: re-validate, and use a trylock as send_guest_vcpu_virq()
 * does, so a channel being torn down on another CPU costs a lost wake-up
 * rather than a wait under the switch lock.
 */
void hnf_env_notify(void *port_env, uint32_t port_id, uint32_t evtchn)
{
    const struct hnf_xen_port *xp = port_env;
    struct domain *d;
    struct evtchn *chn;

    if ( evtchn == HYPERNF_EVTCHN_NONE )
        return;
    d = rcu_lock_domain_by_id(xp->owner);
    if ( !d )
        return;
    if ( port_is_valid(d, evtchn) )
    {
        chn = evtchn_from_port(d, evtchn);
        if ( evtchn_read_trylock(chn) )
        {
            if ( channel_is_guest_owned(chn) )
                evtchn_port_set_pending(d, chn->notify_vcpu_id, chn);
            evtchn_read_unlock(chn);
        }
    }
    rcu_unlock_domain(d);
}

uint64_t hnf_env_now_ns(void)
{
    return NOW();
}

/*
 * Messages are about guest behaviour (a broken ring), so they use the
 * guest log levels, which the console rate-limits (guest_loglvl=). The
 * core's messages carry their own "hypernf:" prefix.
 */
void hnf_env_log(int level, const char *fmt, ...)
{
    char line[160];
    va_list args;

    va_start(args, fmt);
    vsnprintf(line, sizeof(line), fmt, args);
    va_end(args);

    switch ( level )
    {
    case HNF_LOG_ERR:
        printk(XENLOG_G_ERR "%s\n", line);
        break;
    case HNF_LOG_WARN:
        printk(XENLOG_G_WARNING "%s\n", line);
        break;
    default:
        printk(XENLOG_G_INFO "%s\n", line);
        break;
    }
}
