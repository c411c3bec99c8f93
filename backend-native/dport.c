// SPDX-License-Identifier: GPL-2.0
/*
 * dport.c — ports that dom0 owns itself, and the registry of every port.
 *
 * A dom0 port (a dom0-local port, localport.c, or a NIC's port, nic.c) is a
 * region in the same netmap layout as a guest's (region.c), registered with
 * Xen with dom0 as its owner (public/hypernf.h, HYPERNF_OP_PORT_REGISTER)
 * and never granted to anyone. Its event channel is an unbound channel of
 * dom0's own (EVTCHNOP_alloc_unbound with remote_dom = DOMID_SELF, as
 * patches/tools/hnf_testmod does): Xen's notify sets it pending, which is
 * all an upcall needs, and no other domain can bind it.
 *
 * The registry lists guest ports (interface.c adds them) and dom0 ports
 * under one mutex, so names are unique across both and hnfctl can list
 * everything with its counters. Xen has one switch (HYPERNF_MAX_PORTS ports
 * of "the one switch"): every SWITCH part of a name denotes that switch.
 */
#include <linux/ctype.h>
#include <linux/interrupt.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <xen/events.h>
#include <asm/xen/hypercall.h>

#include "common.h"
#include "netmap/hnf_netmap.h"

DEFINE_MUTEX(hnfb_ports_lock);
static LIST_HEAD(hnfb_guest_ports);
static LIST_HEAD(hnfb_dom0_ports);

/*
 * VALE's port names (NETMAP-ABI.md, "Port names"): SWITCH:PORT, both
 * [0-9a-zA-Z_]+. Ring suffixes (-N, ^, *, /x ...) are not accepted: a dom0
 * port has exactly one ring pair.
 */
int hnfb_name_check(const char *name)
{
	size_t len = strnlen(name, HNFB_NAME_LEN);
	const char *colon;
	size_t i;

	if (len == 0 || len == HNFB_NAME_LEN)
		return -EINVAL;
	colon = strchr(name, ':');
	if (!colon || colon == name || colon[1] == '\0')
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (name + i == colon)
			continue;
		if (!isalnum(name[i]) && name[i] != '_')
			return -EINVAL;
	}
	return 0;
}

/* With hnfb_ports_lock held. */
static bool hnfb_name_taken(const char *name)
{
	struct hnfb_backend *be;
	struct hnfb_dport *dp;

	list_for_each_entry(be, &hnfb_guest_ports, ports_node)
		if (!strcmp(be->port_name, name))
			return true;
	list_for_each_entry(dp, &hnfb_dom0_ports, ports_node)
		if (!strcmp(dp->name, name))
			return true;
	return false;
}

void hnfb_ports_add_guest(struct hnfb_backend *be)
{
	mutex_lock(&hnfb_ports_lock);
	if (be->port_name[0] && hnfb_name_taken(be->port_name)) {
		dev_warn(&be->dev->dev, "switch-port %s is taken; listing d%u's port without a name\n",
			 be->port_name, be->dev->otherend_id);
		be->port_name[0] = '\0';
	}
	list_add_tail(&be->ports_node, &hnfb_guest_ports);
	mutex_unlock(&hnfb_ports_lock);
}

void hnfb_ports_del_guest(struct hnfb_backend *be)
{
	mutex_lock(&hnfb_ports_lock);
	list_del_init(&be->ports_node);
	mutex_unlock(&hnfb_ports_lock);
}

static irqreturn_t hnfb_dport_interrupt(int irq, void *dev_id)
{
	struct hnfb_dport *dp = dev_id;

	void (*kick)(struct hnfb_dport *dp) = READ_ONCE(dp->kick);

	/* The kick records work before the wake-up lets a sleeper look for it. */
	atomic_inc(&dp->events);
	if (kick)
		kick(dp);
	wake_up_interruptible(&dp->wq);
	return IRQ_HANDLED;
}

static int hnfb_dport_evtchn_open(struct hnfb_dport *dp)
{
	struct evtchn_alloc_unbound alloc = { .dom = DOMID_SELF, .remote_dom = DOMID_SELF };
	struct evtchn_close close;
	int err;

	err = HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &alloc);
	if (err)
		return err;
	dp->evtchn = alloc.port;
	/* From here on unbind_from_irqhandler() closes the channel. */
	err = bind_evtchn_to_irqhandler(dp->evtchn, hnfb_dport_interrupt, 0,
					"hnf_back-dport", dp);
	if (err < 0) {
		close.port = dp->evtchn;
		HYPERVISOR_event_channel_op(EVTCHNOP_close, &close);
		return err;
	}
	dp->irq = err;
	return 0;
}

/*
 * Creates, registers and names a dom0 port. kind and owner are the caller's;
 * dp->kick may be set by the caller after this returns (the event channel is
 * bound to Xen's port last, so no event arrives before the port is complete,
 * but a kick set later is still read safely: the interrupt reads it once).
 */
struct hnfb_dport *hnfb_dport_create(enum hnfb_dport_kind kind, const char *name,
				     u32 tx_slots, u32 rx_slots, u32 buf_size,
				     void *owner)
{
	struct hnfb_layout layout;
	struct hnfb_dport *dp;
	long rc;
	int err;

	err = hnfb_name_check(name);
	if (err)
		return ERR_PTR(err);
	err = hnfb_layout_compute(&layout, tx_slots, rx_slots, buf_size);
	if (err)
		return ERR_PTR(err);
	dp = kzalloc(sizeof(*dp), GFP_KERNEL);
	if (!dp)
		return ERR_PTR(-ENOMEM);
	dp->kind = kind;
	dp->owner = owner;
	strscpy(dp->name, name, sizeof(dp->name));
	init_waitqueue_head(&dp->wq);
	INIT_LIST_HEAD(&dp->ports_node);

	mutex_lock(&hnfb_ports_lock);
	if (hnfb_name_taken(name)) {
		err = -EBUSY;
		goto unlock;
	}
	/* The netmap_if name is 16 bytes: the PORT part, as VALE shows it. */
	err = hnfb_region_alloc(&dp->region, &layout, strchr(name, ':') + 1);
	if (err)
		goto unlock;
	rc = hnfb_hc_register(&dp->region, 0, &dp->hnf_port);
	if (rc) {
		err = rc;
		pr_warn("hnf_back: %s: HYPERNF_OP_PORT_REGISTER: %ld%s\n", name, rc,
			rc == -ENOSYS ? " (hypervisor lacks HyperNF)" : "");
		goto cleanup_region;
	}
	dp->registered = true;
	err = hnfb_dport_evtchn_open(dp);
	if (err)
		goto cleanup_register;
	rc = hnfb_hc_bind_evtchn(dp->hnf_port, dp->evtchn);
	if (rc) {
		err = rc;
		goto cleanup_evtchn;
	}
	list_add_tail(&dp->ports_node, &hnfb_dom0_ports);
	mutex_unlock(&hnfb_ports_lock);
	pr_info("hnf_back: %s port %s: hnf-port %u, %u pages (%u/%u slots x %u B), evtchn %u\n",
		kind == HNFB_DPORT_NIC ? "nic" : "local", name, dp->hnf_port,
		layout.nr_pages, tx_slots, rx_slots, buf_size, dp->evtchn);
	return dp;

cleanup_evtchn:
	unbind_from_irqhandler(dp->irq, dp);
cleanup_register:
	hnfb_hc_unregister(dp->hnf_port);
cleanup_region:
	hnfb_region_free(&dp->region);
unlock:
	mutex_unlock(&hnfb_ports_lock);
	kfree(dp);
	return ERR_PTR(err);
}

/* Logs Xen's counters, takes the port off the switch, frees it. */
void hnfb_dport_destroy(struct hnfb_dport *dp)
{
	struct hypernf_port_stats st;
	long rc;

	mutex_lock(&hnfb_ports_lock);
	list_del_init(&dp->ports_node);
	mutex_unlock(&hnfb_ports_lock);

	if (hnfb_hc_stats(dp->hnf_port, &st) == 0)
		pr_info("hnf_back: port %s (hnf-port %u) stats: tx_packets=%llu tx_bytes=%llu rx_packets=%llu rx_bytes=%llu drop_dest_full=%llu drop_no_dest=%llu rx_drop_full=%llu malformed=%llu syncs=%llu broken=%u\n",
			dp->name, dp->hnf_port, st.tx_packets, st.tx_bytes,
			st.rx_packets, st.rx_bytes, st.drop_dest_full, st.drop_no_dest,
			st.rx_drop_full, st.malformed, st.syncs, st.broken);
	hnfb_hc_bind_evtchn(dp->hnf_port, HYPERNF_EVTCHN_NONE);
	unbind_from_irqhandler(dp->irq, dp);
	rc = hnfb_hc_unregister(dp->hnf_port);
	if (rc) {
		/* Xen may still write the pages: keep them rather than free them. */
		pr_err("hnf_back: unregistering %s (hnf-port %u): %ld; leaking its %u pages\n",
		       dp->name, dp->hnf_port, rc, dp->region.layout.nr_pages);
	} else {
		hnfb_region_free(&dp->region);
		pr_info("hnf_back: port %s released\n", dp->name);
	}
	kfree(dp);
}

static void hnfb_fill_stats(u32 hnf_port, bool registered, struct hnf_ctl_port *out)
{
	long rc = registered ? hnfb_hc_stats(hnf_port, &out->xen) : -ENOENT;

	out->stats_rc = rc;
}

int hnfb_ports_get(u32 index, struct hnf_ctl_port *out)
{
	struct hnfb_backend *be;
	struct hnfb_dport *dp;
	u32 i = 0;

	memset(out, 0, sizeof(*out));
	out->index = index;
	mutex_lock(&hnfb_ports_lock);
	list_for_each_entry(be, &hnfb_guest_ports, ports_node) {
		if (i++ != index)
			continue;
		out->kind = HNF_CTL_KIND_GUEST;
		out->domid = be->dev->otherend_id;
		if (kstrtou32(strrchr(be->dev->nodename, '/') + 1, 10, &out->devid))
			out->devid = U32_MAX;
		out->registered = be->registered;
		out->hnf_port = be->hnf_port;
		out->tx_slots = be->region.layout.tx_slots;
		out->rx_slots = be->region.layout.rx_slots;
		out->buf_size = be->region.layout.buf_size;
		strscpy(out->name, be->port_name, sizeof(out->name));
		hnfb_fill_stats(be->hnf_port, be->registered, out);
		mutex_unlock(&hnfb_ports_lock);
		return 0;
	}
	list_for_each_entry(dp, &hnfb_dom0_ports, ports_node) {
		if (i++ != index)
			continue;
		out->kind = dp->kind == HNFB_DPORT_NIC ? HNF_CTL_KIND_NIC : HNF_CTL_KIND_LOCAL;
		out->registered = dp->registered;
		out->hnf_port = dp->hnf_port;
		out->tx_slots = dp->region.layout.tx_slots;
		out->rx_slots = dp->region.layout.rx_slots;
		out->buf_size = dp->region.layout.buf_size;
		strscpy(out->name, dp->name, sizeof(out->name));
		if (dp->kind == HNFB_DPORT_NIC)
			hnfb_nic_fill(dp, out);
		hnfb_fill_stats(dp->hnf_port, dp->registered, out);
		mutex_unlock(&hnfb_ports_lock);
		return 0;
	}
	mutex_unlock(&hnfb_ports_lock);
	return -ENOENT;
}
