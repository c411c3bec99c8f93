// SPDX-License-Identifier: GPL-2.0
/*
 * split.c — which path a sync takes: the hypercall (HyperNF's mode) or a
 * kick of the event channel that a dom0 thread answers with the same sync
 * (split mode, the paper's baseline; backend-native/split.c has the whole
 * protocol and why a mode change loses or repeats nothing).
 *
 * The backend publishes `mode` (hypercall | split) and `split-request`, the
 * region offset of the request block (struct hnff_split_req, the same
 * layout as backend-native's hnfb_split_req). We watch `mode`. In split
 * mode a sync sets the asked direction bytes, numbers the request, kicks,
 * and sleeps until dom0 has served that number: the application sees the
 * same synchronous NIOCTXSYNC / NIOCRXSYNC as with the hypercall, only the
 * work is done (and charged) in dom0. One split request per port is in
 * flight at a time (split_lock), as netmap serialises syncs of a ring.
 * A sync that dom0 does not serve within HNFF_SPLIT_TIMEOUT fails with
 * ETIMEDOUT; a port whose backend goes away fails it with ENXIO.
 *
 * If Xen refuses our own sync with -EPERM we are in split mode before the
 * watch fired: the refused call changed nothing, so the same request goes
 * to dom0 instead (each such call, until the watch fires).
 *
 * poll(): dom0 wakes the event channel after each split sync, which wakes
 * poll(), which would sync again: an endless ping-pong while an application
 * waits for RX. So poll() asks dom0 for a direction only when the ring's
 * head moved since the last split request of that direction (there is then
 * something to send or to release); otherwise it just checks the ring.
 */
#include <linux/jiffies.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <xen/events.h>

#include "common.h"
#include "netmap/hnf_netmap.h"

#define HNFF_SPLIT_TIMEOUT (10 * HZ)

struct hnff_split_req {
	u8 tx;
	u8 rx;
	u16 pad;
	u32 requested;
	u32 served;
};

static_assert(sizeof(struct hnff_split_req) == 12);

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
	port->split_last_head[0] = port->split_last_head[1] = U32_MAX;
	atomic64_set(&port->split_syncs, 0);
	atomic64_set(&port->split_refused, 0);
	if (xenbus_scanf(XBT_NIL, dev->otherend, "split-request", "%llu", &ofs) == 1) {
		/* 4-aligned, inside the region, and within one mapped page. */
		if ((ofs & ~PAGE_MASK) + sizeof(struct hnff_split_req) > PAGE_SIZE ||
		    !hnff_region_u32(port, ofs)) {
			xenbus_dev_fatal(dev, -EINVAL, "split-request %llu: not a block inside one page of the region", ofs);
			return -EINVAL;
		}
		port->split_req = (struct hnff_split_req *)hnff_region_u32(port, ofs);
		port->split_seq = READ_ONCE(port->split_req->served);
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
	if (atomic64_read(&port->split_syncs))
		pr_info("%s: %lld syncs done by dom0 in split mode (%lld after Xen refused a direct one)\n",
			port->name, atomic64_read(&port->split_syncs),
			atomic64_read(&port->split_refused));
}

static bool hnff_split_served(struct hnff_port *port, u32 seq)
{
	return (s32)(READ_ONCE(port->split_req->served) - seq) >= 0;
}

static u32 hnff_ring_head(struct hnff_port *port, u64 ring_ofs)
{
	u32 *head = hnff_region_u32(port, ring_ofs + NMR_HEAD);

	return head ? READ_ONCE(*head) : 0;
}

/* Ask dom0 for the sync and sleep until it is done. */
static long hnff_split_sync(struct hnff_port *port, u32 flags)
{
	struct hnff_split_req *req = port->split_req;
	long left;
	u32 seq;

	if (mutex_lock_interruptible(&port->split_lock))
		return -ERESTARTSYS;
	if (flags & HYPERNF_SYNC_TX) {
		port->split_last_head[0] = hnff_ring_head(port, port->geo.tx_ring_ofs);
		WRITE_ONCE(req->tx, 1);
	}
	if (flags & HYPERNF_SYNC_RX) {
		port->split_last_head[1] = hnff_ring_head(port, port->geo.rx_ring_ofs);
		WRITE_ONCE(req->rx, 1);
	}
	seq = ++port->split_seq;
	smp_wmb();      /* the direction bytes before the number (split.c in dom0) */
	WRITE_ONCE(req->requested, seq);
	notify_remote_via_irq(port->irq);
	left = wait_event_interruptible_timeout(port->wq,
						hnff_split_served(port, seq) ||
						READ_ONCE(port->dying),
						HNFF_SPLIT_TIMEOUT);
	mutex_unlock(&port->split_lock);
	if (left < 0)
		return left;    /* a signal: the restarted call asks again */
	if (READ_ONCE(port->dying))
		return -ENXIO;
	if (!left && !hnff_split_served(port, seq))
		return -ETIMEDOUT;
	smp_rmb();      /* the ring indices dom0's sync wrote, after served */
	atomic64_inc(&port->split_syncs);
	return 0;
}

/* A sync of the port on behalf of its application, in the current mode. */
long hnff_port_sync(struct hnff_port *port, u32 flags)
{
	long rc;

	if (READ_ONCE(port->split))
		return hnff_split_sync(port, flags);
	rc = hnff_hc_sync(port->geo.hnf_port, flags);
	if (rc == -EPERM && port->split_req) {
		/* Only the watch changes port->split: setting it here could undo a
		 * later switch back to hypercall mode. */
		atomic64_inc(&port->split_refused);
		return hnff_split_sync(port, flags);
	}
	return rc;
}

/* poll()'s sync of one direction: in split mode only if head moved. */
long hnff_port_poll_sync(struct hnff_port *port, u32 flag)
{
	bool tx = flag == HYPERNF_SYNC_TX;
	u64 ring_ofs = tx ? port->geo.tx_ring_ofs : port->geo.rx_ring_ofs;

	long rc;

	if (READ_ONCE(port->split) &&
	    hnff_ring_head(port, ring_ofs) == READ_ONCE(port->split_last_head[tx ? 0 : 1]))
		return 0;
	rc = hnff_port_sync(port, flag);
	/* A signal ends the wait, not the poll: poll() itself returns EINTR. */
	return rc == -ERESTARTSYS ? 0 : rc;
}
