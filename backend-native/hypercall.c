// SPDX-License-Identifier: GPL-2.0
/*
 * hypercall.c — HyperNF's hypercall (public/hypernf.h, number 43) from
 * dom0. Linux 6.1 routes _hypercallN through an exported static call, so a
 * module can issue a hypercall the kernel does not know by name.
 */
#include <linux/slab.h>
#include <xen/xen.h>
#include <asm/xen/hypercall.h>

#include "common.h"

static long hnfb_op(unsigned int cmd, void *arg)
{
	return _hypercall2(long, hypernf_op, cmd, arg);
}

long hnfb_hc_register(const struct hnfb_region *r, domid_t owner, u32 *port)
{
	struct hypernf_port_register reg;
	long rc;

	memset(&reg, 0, sizeof(reg));
	reg.owner_domid = owner;
	reg.nr_frames = r->layout.nr_pages;
	hnfb_layout_geometry(&r->layout, &reg.geometry);
	reg.frames = (uintptr_t)r->frames;
	rc = hnfb_op(HYPERNF_OP_PORT_REGISTER, &reg);
	if (rc == 0)
		*port = reg.port;
	return rc;
}

long hnfb_hc_unregister(u32 port)
{
	struct hypernf_port_unregister u = { .port = port };

	return hnfb_op(HYPERNF_OP_PORT_UNREGISTER, &u);
}

long hnfb_hc_stats(u32 port, struct hypernf_port_stats *out)
{
	struct hypernf_stats *st = kzalloc(sizeof(*st), GFP_KERNEL);
	long rc;

	if (!st)
		return -ENOMEM;
	st->port = port;
	rc = hnfb_op(HYPERNF_OP_STATS, st);
	if (rc == 0)
		*out = st->stats;
	kfree(st);
	return rc;
}

/* A sync for the port's owner (split mode): Xen sees dom0 as the caller. */
long hnfb_hc_sync(u32 port, u32 flags)
{
	struct hypernf_sync s = { .port = port, .flags = flags };

	return hnfb_op(HYPERNF_OP_SYNC, &s);
}

long hnfb_hc_bind_evtchn(u32 port, evtchn_port_t evtchn)
{
	struct hypernf_port_bind_evtchn b = { .port = port, .evtchn = evtchn };

	return hnfb_op(HYPERNF_OP_PORT_BIND_EVTCHN, &b);
}

long hnfb_hc_control(struct hypernf_control *ctl)
{
	return hnfb_op(HYPERNF_OP_CONTROL, ctl);
}

long hnfb_hc_set_mode(u32 mode)
{
	struct hypernf_control ctl = { .set = HYPERNF_CTL_SET_MODE, .mode = mode };

	/* Module parameters are parsed before hnfb_init() checks for dom0. */
	if (!xen_initial_domain())
		return -ENODEV;
	return hnfb_op(HYPERNF_OP_CONTROL, &ctl);
}
