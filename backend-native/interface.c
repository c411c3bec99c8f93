// SPDX-License-Identifier: GPL-2.0
/*
 * interface.c — creating and destroying one guest's port.
 *
 * Create, in the order public/hypernf.h asks for: build the region, register
 * it with Xen (Xen initialises the ring indices, so this happens before the
 * guest can see the memory), grant the pages, allocate the event channel,
 * publish everything under our xenstore directory in one transaction.
 * Destroy unwinds in reverse: Xen lets go of the frames first, then the
 * grants are ended (a page the guest still maps is freed once it unmaps).
 *
 * Xenstore nodes written under backend/hypernf/<domid>/<id>/ (read by
 * frontend-native/xenbus.c):
 *   region-pages, ref-list-pages, ref-list-<i>   the grant refs
 *   num-tx-slots, num-rx-slots, buf-size, num-bufs, nr-offset   geometry
 *   event-channel                                 dom0's unbound port
 *   hnf-port                                      Xen's port id (absent when
 *                                                 the hypervisor lacks HyperNF)
 * and read: switch-port (SWITCH:PORT, written by hnfctl attach; optional).
 *   split-request, mode                           split.c (with HyperNF only)
 * Geometry comes from the module parameters unless the toolstack wrote
 * want-slots / want-buf-size into the same directory before the guest attached.
 */
#include <linux/kernel.h>
#include <linux/slab.h>

#include "common.h"

static int hnfb_publish(struct hnfb_backend *be)
{
	struct xenbus_device *dev = be->dev;
	const struct hnfb_region *r = &be->region;
	const struct hnfb_layout *l = &r->layout;
	struct xenbus_transaction xbt;
	char node[32];
	u32 i;
	int err;

again:
	err = xenbus_transaction_start(&xbt);
	if (err)
		return err;
	err = xenbus_printf(xbt, dev->nodename, "region-pages", "%u", l->nr_pages) ?:
	      xenbus_printf(xbt, dev->nodename, "ref-list-pages", "%u", r->nr_list_pages) ?:
	      xenbus_printf(xbt, dev->nodename, "num-tx-slots", "%u", l->tx_slots) ?:
	      xenbus_printf(xbt, dev->nodename, "num-rx-slots", "%u", l->rx_slots) ?:
	      xenbus_printf(xbt, dev->nodename, "buf-size", "%u", l->buf_size) ?:
	      xenbus_printf(xbt, dev->nodename, "num-bufs", "%u", l->num_bufs) ?:
	      xenbus_printf(xbt, dev->nodename, "nr-offset", "%u", 0) ?:
	      xenbus_printf(xbt, dev->nodename, "event-channel", "%u", be->evtchn);
	for (i = 0; !err && i < r->nr_list_pages; i++) {
		snprintf(node, sizeof(node), "ref-list-%u", i);
		err = xenbus_printf(xbt, dev->nodename, node, "%u", r->list_grefs[i]);
	}
	if (!err && be->registered)
		err = xenbus_printf(xbt, dev->nodename, "hnf-port", "%u", be->hnf_port);
	if (err) {
		xenbus_transaction_end(xbt, 1);
		return err;
	}
	err = xenbus_transaction_end(xbt, 0);
	if (err == -EAGAIN)
		goto again;
	return err;
}

/*
 * hnfctl attach writes the SWITCH:PORT name the guest's port goes by into
 * switch-port; it only names the port in listings (Xen has one switch).
 */
static void hnfb_read_port_name(struct hnfb_backend *be)
{
	char *name = xenbus_read(XBT_NIL, be->dev->nodename, "switch-port", NULL);

	be->port_name[0] = '\0';
	INIT_LIST_HEAD(&be->ports_node);
	if (IS_ERR(name))
		return;
	if (hnfb_name_check(name) == 0)
		strscpy(be->port_name, name, sizeof(be->port_name));
	else
		dev_warn(&be->dev->dev, "switch-port '%.64s' is not SWITCH:PORT; ignored\n", name);
	kfree(name);
}

int hnfb_port_create(struct hnfb_backend *be)
{
	struct xenbus_device *dev = be->dev;
	struct hnfb_layout layout;
	unsigned int slots, buf_size;
	char name[16];
	long rc;
	int err;

	slots = xenbus_read_unsigned(dev->nodename, "want-slots", hnfb_slots);
	buf_size = xenbus_read_unsigned(dev->nodename, "want-buf-size", hnfb_buf_size);
	err = hnfb_layout_compute(&layout, slots, slots, buf_size);
	if (err) {
		xenbus_dev_fatal(dev, err, "geometry %u slots x %u bytes", slots, buf_size);
		return err;
	}
	snprintf(name, sizeof(name), "hnf%u", dev->otherend_id);
	err = hnfb_region_alloc(&be->region, &layout, name);
	if (err) {
		xenbus_dev_fatal(dev, err, "allocating %u pages", layout.nr_pages);
		return err;
	}

	rc = hnfb_hc_register(&be->region, dev->otherend_id, &be->hnf_port);
	if (rc == -ENOSYS) {
		dev_warn(&dev->dev,
			 "hypervisor lacks HyperNF (hypercall %d: -ENOSYS): port memory is shared with d%u but nothing will switch it\n",
			 __HYPERVISOR_hypernf_op, dev->otherend_id);
	} else if (rc) {
		err = rc;
		xenbus_dev_fatal(dev, err, "HYPERNF_OP_PORT_REGISTER");
		goto cleanup_region;
	} else {
		be->registered = true;
	}

	err = hnfb_region_grant(&be->region, dev->otherend_id);
	if (err) {
		xenbus_dev_fatal(dev, err, "granting the region");
		goto cleanup_register;
	}
	err = xenbus_alloc_evtchn(dev, &be->evtchn);
	if (err)
		goto cleanup_register;
	err = hnfb_publish(be);
	if (err) {
		xenbus_dev_fatal(dev, err, "writing the port to xenstore");
		goto cleanup_evtchn;
	}
	err = hnfb_split_start(be);
	if (err) {
		xenbus_dev_fatal(dev, err, "starting the split-mode thread");
		goto cleanup_evtchn;
	}
	be->have_port = true;
	hnfb_read_port_name(be);
	hnfb_ports_add_guest(be);
	if (be->registered)
		dev_info(&dev->dev, "port for d%u: %u pages (%u slots x %u B), %u ref-list page(s), evtchn %u, hnf-port %u\n",
			 dev->otherend_id, layout.nr_pages, slots, buf_size,
			 be->region.nr_list_pages, be->evtchn, be->hnf_port);
	else
		dev_info(&dev->dev, "port for d%u: %u pages (%u slots x %u B), %u ref-list page(s), evtchn %u, not on a switch\n",
			 dev->otherend_id, layout.nr_pages, slots, buf_size,
			 be->region.nr_list_pages, be->evtchn);
	return 0;

cleanup_evtchn:
	hnfb_split_close_evtchn(be);
cleanup_register:
	if (be->registered)
		hnfb_hc_unregister(be->hnf_port);
	be->registered = false;
cleanup_region:
	hnfb_region_free(&be->region);
	return err;
}

/* The port's counters as Xen kept them, logged once at teardown. */
static void hnfb_log_stats(struct hnfb_backend *be)
{
	struct hypernf_port_stats st;
	long rc = hnfb_hc_stats(be->hnf_port, &st);

	if (rc) {
		dev_info(&be->dev->dev, "hnf-port %u: no statistics (%ld)\n", be->hnf_port, rc);
		return;
	}
	dev_info(&be->dev->dev,
		 "hnf-port %u stats: tx_packets=%llu tx_bytes=%llu rx_packets=%llu rx_bytes=%llu drop_dest_full=%llu drop_no_dest=%llu rx_drop_full=%llu malformed=%llu syncs=%llu broken=%u reason=%u drop_bad_buf_idx=%llu drop_bad_len=%llu drop_bad_head_cur=%llu drop_broken=%llu drop_oversize=%llu syncs_on_broken=%llu\n",
		 be->hnf_port, st.tx_packets, st.tx_bytes, st.rx_packets, st.rx_bytes,
		 st.drop_dest_full, st.drop_no_dest, st.rx_drop_full, st.malformed,
		 st.syncs, st.broken, st.broken_reason, st.drop_bad_buf_idx, st.drop_bad_len,
		 st.drop_bad_head_cur, st.drop_broken, st.drop_oversize, st.refused_syncs);
}

void hnfb_port_destroy(struct hnfb_backend *be)
{
	struct xenbus_device *dev = be->dev;
	long rc;

	if (!be->have_port)
		return;
	hnfb_ports_del_guest(be);
	/* Xen signals the guest's end, never ours: ours can go first, and must
	 * before anything returns early (its irq handler points at be). */
	hnfb_split_stop(be);
	hnfb_split_close_evtchn(be);
	if (be->registered) {
		hnfb_log_stats(be);
		rc = hnfb_hc_unregister(be->hnf_port);
		/* -ENOENT: Xen already removed the port of a dying owner. */
		if (rc && rc != -ENOENT)
			dev_err(&dev->dev, "unregistering hnf-port %u: %ld; leaking its %u pages rather than freeing memory Xen may still use\n",
				be->hnf_port, rc, be->region.layout.nr_pages);
		be->registered = false;
		if (rc && rc != -ENOENT) {
			be->have_port = false;
			return;
		}
	}
	hnfb_region_free(&be->region);
	be->have_port = false;
	dev_info(&dev->dev, "port for d%u destroyed\n", dev->otherend_id);
}
