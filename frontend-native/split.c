// SPDX-License-Identifier: GPL-2.0
/*
 * split.c — which path a sync takes: the hypercall (HyperNF's mode) or a
 * kick of the event channel that a dom0 thread answers with the same sync
 * (split mode, the paper's baseline; backend-native/split.c has the whole
 * protocol and why a mode change loses or repeats nothing).
 *
 * The backend publishes `mode` (hypercall | split) and `split-request`, the
 * region offset of two request bytes (TX, RX). We watch `mode`. In split
 * mode a sync sets the asked bytes and kicks: it returns before dom0 has
 * switched anything, as a sync on netmap's threaded backends (VALE with
 * polling, ptnetmap) does; the application sees tail move later and
 * poll() sleeps until dom0's notification after the sync. If Xen refuses
 * our own sync with -EPERM we are in split mode before the watch fired:
 * the refused call changed nothing, so the same request is kicked instead.
 */
#include <linux/slab.h>
#include <xen/events.h>

#include "common.h"

static void hnff_mode_changed(struct xenbus_watch *watch, const char *path,
			      const char *token)
{
	struct hnff_port *port = container_of(watch, struct hnff_port, mode_watch);
	char *mode = xenbus_read(XBT_NIL, path, "", NULL);
	bool split;

	if (IS_ERR(mode))
		return;   /* not written yet, or removed with the backend */
	split = !strcmp(mode, "split");
	if (split && !port->split_req)
		pr_warn_ratelimited("%s: backend asks for split mode but published no split-request: staying in hypercall mode\n",
				    port->name);
	else if (split != READ_ONCE(port->split))
		pr_info("%s: %s mode\n", port->name, split ? "split" : "hypercall");
	WRITE_ONCE(port->split, split && port->split_req);
	kfree(mode);
}

/* Called from hnff_port_connect() with port->lock held. */
int hnff_split_connect(struct hnff_port *port)
{
	struct xenbus_device *dev = port->dev;
	u64 ofs;
	int err;

	port->split = false;
	port->split_req = NULL;
	atomic64_set(&port->split_kicks, 0);
	atomic64_set(&port->split_refused, 0);
	if (xenbus_scanf(XBT_NIL, dev->otherend, "split-request", "%llu", &ofs) == 1) {
		port->split_req = (u8 *)hnff_region_u32(port, ofs);
		if (!port->split_req) {
			xenbus_dev_fatal(dev, -EINVAL, "split-request %llu outside the region", ofs);
			return -EINVAL;
		}
	}
	err = xenbus_watch_pathfmt(dev, &port->mode_watch, NULL, hnff_mode_changed,
				   "%s/mode", dev->otherend);
	if (err)
		return err;     /* xenbus_watch_pathfmt() reported it */
	port->mode_watch_registered = true;
	return 0;
}

void hnff_split_disconnect(struct hnff_port *port)
{
	if (!port->mode_watch_registered)
		return;
	unregister_xenbus_watch(&port->mode_watch);
	kfree(port->mode_watch.node);
	port->mode_watch.node = NULL;
	port->mode_watch_registered = false;
	if (atomic64_read(&port->split_kicks))
		pr_info("%s: %lld split-mode kicks (%lld after Xen refused a direct sync)\n",
			port->name, atomic64_read(&port->split_kicks),
			atomic64_read(&port->split_refused));
}

static long hnff_split_kick(struct hnff_port *port, u32 flags)
{
	if (flags & HYPERNF_SYNC_TX)
		WRITE_ONCE(port->split_req[0], 1);
	if (flags & HYPERNF_SYNC_RX)
		WRITE_ONCE(port->split_req[1], 1);
	/* The request must be visible before dom0 can take the event. */
	virt_wmb();
	notify_remote_via_irq(port->irq);
	atomic64_inc(&port->split_kicks);
	return 0;
}

/* A sync of the port on behalf of its application, in the current mode. */
long hnff_port_sync(struct hnff_port *port, u32 flags)
{
	long rc;

	if (READ_ONCE(port->split))
		return hnff_split_kick(port, flags);
	rc = hnff_hc_sync(port->geo.hnf_port, flags);
	if (rc == -EPERM && port->split_req) {
		WRITE_ONCE(port->split, true);
		atomic64_inc(&port->split_refused);
		return hnff_split_kick(port, flags);
	}
	return rc;
}
