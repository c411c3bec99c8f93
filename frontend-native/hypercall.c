// SPDX-License-Identifier: GPL-2.0
/*
 * hypercall.c — the guest's side of HyperNF's hypercall (public/hypernf.h):
 * a sync is netmap's txsync/rxsync, done by Xen on this vCPU.
 */
#include <linux/types.h>
#include <xen/xen.h>
#include <asm/xen/hypercall.h>

#include "common.h"

static long hnff_op(unsigned int cmd, void *arg)
{
	return _hypercall2(long, hypernf_op, cmd, arg);
}

long hnff_hc_sync(u32 hnf_port, u32 flags)
{
	struct hypernf_sync s = { .port = hnf_port, .flags = flags };

	return hnff_op(HYPERNF_OP_SYNC, &s);
}

long hnff_hc_bind_evtchn(u32 hnf_port, evtchn_port_t evtchn)
{
	struct hypernf_port_bind_evtchn b = { .port = hnf_port, .evtchn = evtchn };

	return hnff_op(HYPERNF_OP_PORT_BIND_EVTCHN, &b);
}
