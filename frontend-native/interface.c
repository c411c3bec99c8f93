// SPDX-License-Identifier: GPL-2.0
/*
 * interface.c — connecting one port: read what the backend published
 * (backend-native/interface.c lists the nodes), map the region, check the
 * netmap_if against the geometry, bind the event channel and tell Xen about
 * it; and the reverse.
 *
 * dom0 is trusted by the guest, but a backend bug must give a clear error
 * rather than an out-of-bounds read: every offset taken from the region is
 * checked against the region's size before the kernel uses it.
 */
#include <linux/interrupt.h>
#include <linux/slab.h>
#include <xen/events.h>
#include <xen/page.h>
#include <asm/xen/hypercall.h>

#include "common.h"
#include "netmap/hnf_netmap.h"

u32 *hnff_region_u32(struct hnff_port *port, u64 ofs)
{
	u64 size = (u64)port->kmap.nr_pages << PAGE_SHIFT;

	if (!port->kmap.pages || (ofs & 3) || ofs >= size)
		return NULL;
	return (u32 *)((u8 *)page_address(port->kmap.pages[ofs >> PAGE_SHIFT]) +
		       (ofs & ~PAGE_MASK));
}

static int hnff_read_u32(struct xenbus_device *dev, const char *node, u32 *val)
{
	if (xenbus_scanf(XBT_NIL, dev->otherend, node, "%u", val) != 1) {
		xenbus_dev_fatal(dev, -EINVAL, "reading %s/%s", dev->otherend, node);
		return -EINVAL;
	}
	return 0;
}

int hnff_read_geometry(struct xenbus_device *dev, struct hnff_geometry *geo)
{
	u32 nr_offset, evtchn;
	int err;

	memset(geo, 0, sizeof(*geo));
	err = hnff_read_u32(dev, "region-pages", &geo->nr_pages) ?:
	      hnff_read_u32(dev, "ref-list-pages", &geo->nr_list_pages) ?:
	      hnff_read_u32(dev, "num-tx-slots", &geo->tx_slots) ?:
	      hnff_read_u32(dev, "num-rx-slots", &geo->rx_slots) ?:
	      hnff_read_u32(dev, "buf-size", &geo->buf_size) ?:
	      hnff_read_u32(dev, "num-bufs", &geo->num_bufs) ?:
	      hnff_read_u32(dev, "nr-offset", &nr_offset) ?:
	      hnff_read_u32(dev, "event-channel", &evtchn);
	if (err)
		return err;
	geo->nr_offset = nr_offset;
	geo->remote_evtchn = evtchn;
	geo->have_hnf_port =
		xenbus_scanf(XBT_NIL, dev->otherend, "hnf-port", "%u", &geo->hnf_port) == 1;

	if (geo->nr_pages == 0 || geo->nr_pages > HYPERNF_MAX_FRAMES ||
	    geo->nr_list_pages != DIV_ROUND_UP(geo->nr_pages, PAGE_SIZE / sizeof(grant_ref_t)) ||
	    geo->tx_slots < HYPERNF_MIN_SLOTS || geo->tx_slots > HYPERNF_MAX_SLOTS ||
	    geo->rx_slots < HYPERNF_MIN_SLOTS || geo->rx_slots > HYPERNF_MAX_SLOTS ||
	    geo->buf_size < HYPERNF_MIN_BUF_SIZE || geo->buf_size > HYPERNF_MAX_BUF_SIZE ||
	    geo->nr_offset + PAGE_SIZE > (u64)geo->nr_pages << PAGE_SHIFT) {
		xenbus_dev_fatal(dev, -EINVAL,
				 "inconsistent geometry: %u pages, %u list pages, %u/%u slots, %u B buffers, nr-offset %llu",
				 geo->nr_pages, geo->nr_list_pages, geo->tx_slots,
				 geo->rx_slots, geo->buf_size, geo->nr_offset);
		return -EINVAL;
	}
	return 0;
}

/* ring_ofs[] of the netmap_if must land rings of the published size inside
 * the region (NETMAP-ABI.md: TX ring i at nifp + ring_ofs[i], RX after the
 * TX and host TX rings). */
static int hnff_check_netmap_if(struct hnff_port *port)
{
	struct hnff_geometry *geo = &port->geo;
	u64 size = (u64)geo->nr_pages << PAGE_SHIFT;
	u32 *tx_rings = hnff_region_u32(port, geo->nr_offset + NMI_TX_RINGS);
	u32 *rx_rings = hnff_region_u32(port, geo->nr_offset + NMI_RX_RINGS);
	u32 *host_tx = hnff_region_u32(port, geo->nr_offset + NMI_HOST_TX);
	u32 *ofs_lo;
	s64 ofs[2];
	u32 slots[2] = { geo->tx_slots, geo->rx_slots };
	int i;

	if (!tx_rings || !rx_rings || !host_tx || READ_ONCE(*tx_rings) != 1 ||
	    READ_ONCE(*rx_rings) != 1 || READ_ONCE(*host_tx) != 0)
		return -EINVAL;
	for (i = 0; i < 2; i++) {
		ofs_lo = hnff_region_u32(port, geo->nr_offset + NMI_RING_OFS + 8 * i);
		if (!ofs_lo)
			return -EINVAL;
		ofs[i] = (s64)((u64)READ_ONCE(ofs_lo[0]) | (u64)READ_ONCE(ofs_lo[1]) << 32);
		if (ofs[i] < 0 || geo->nr_offset + ofs[i] + NMR_SLOTS +
		    (u64)NMS_SIZE * slots[i] > size)
			return -EINVAL;
	}
	geo->tx_ring_ofs = geo->nr_offset + ofs[0];
	geo->rx_ring_ofs = geo->nr_offset + ofs[1];
	return 0;
}

static irqreturn_t hnff_interrupt(int irq, void *dev_id)
{
	struct hnff_port *port = dev_id;

	atomic_inc(&port->events);
	wake_up_interruptible(&port->wq);
	return IRQ_HANDLED;
}

/* Called with port->lock held. */
int hnff_port_connect(struct hnff_port *port)
{
	struct xenbus_device *dev = port->dev;
	struct evtchn_bind_interdomain bind;
	struct evtchn_close close;
	grant_ref_t *grefs;
	long rc;
	int err;

	err = hnff_read_geometry(dev, &port->geo);
	if (err)
		return err;
	grefs = kvcalloc(port->geo.nr_pages, sizeof(*grefs), GFP_KERNEL);
	if (!grefs)
		return -ENOMEM;
	err = hnff_read_ref_list(dev, &port->geo, grefs);
	if (err)
		goto cleanup_grefs;
	err = hnff_kmap_map(&port->kmap, dev->otherend_id, grefs, port->geo.nr_pages, false);
	if (err) {
		xenbus_dev_fatal(dev, err, "mapping %u region pages", port->geo.nr_pages);
		goto cleanup_grefs;
	}
	err = hnff_check_netmap_if(port);
	if (err) {
		xenbus_dev_fatal(dev, err, "netmap_if does not match the published geometry");
		goto cleanup_kmap;
	}

	bind.remote_dom = dev->otherend_id;
	bind.remote_port = port->geo.remote_evtchn;
	err = HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &bind);
	if (err) {
		xenbus_dev_fatal(dev, err, "binding event channel %u of d%u",
				 bind.remote_port, bind.remote_dom);
		goto cleanup_kmap;
	}
	port->local_evtchn = bind.local_port;
	/* unbind_from_irqhandler() closes the channel from here on. */
	err = bind_evtchn_to_irqhandler(port->local_evtchn, hnff_interrupt, 0,
					port->name, port);
	if (err < 0) {
		close.port = port->local_evtchn;
		HYPERVISOR_event_channel_op(EVTCHNOP_close, &close);
		xenbus_dev_fatal(dev, err, "binding event channel %u to an irq",
				 port->local_evtchn);
		goto cleanup_kmap;
	}
	port->irq = err;

	if (port->geo.have_hnf_port) {
		rc = hnff_hc_bind_evtchn(port->geo.hnf_port, port->local_evtchn);
		if (rc) {
			err = rc;
			xenbus_dev_fatal(dev, err, "HYPERNF_OP_PORT_BIND_EVTCHN port %u evtchn %u",
					 port->geo.hnf_port, port->local_evtchn);
			goto cleanup_irq;
		}
		err = hnff_split_connect(port);
		if (err) {
			hnff_hc_bind_evtchn(port->geo.hnf_port, HYPERNF_EVTCHN_NONE);
			goto cleanup_irq;
		}
	}
	kvfree(grefs);
	port->connected = true;
	if (port->geo.have_hnf_port)
		dev_info(&dev->dev, "connected: %u pages, %u/%u slots x %u B, evtchn %u, hnf-port %u\n",
			 port->geo.nr_pages, port->geo.tx_slots, port->geo.rx_slots,
			 port->geo.buf_size, port->local_evtchn, port->geo.hnf_port);
	else
		dev_info(&dev->dev, "connected: %u pages, %u/%u slots x %u B, evtchn %u, no HyperNF in the hypervisor (syncs answer EOPNOTSUPP)\n",
			 port->geo.nr_pages, port->geo.tx_slots, port->geo.rx_slots,
			 port->geo.buf_size, port->local_evtchn);
	return 0;

cleanup_irq:
	unbind_from_irqhandler(port->irq, port);
	port->irq = 0;
cleanup_kmap:
	hnff_kmap_unmap(&port->kmap);
cleanup_grefs:
	kvfree(grefs);
	return err;
}

/* Called with port->lock held, when no fd holds the registration. */
void hnff_port_disconnect(struct hnff_port *port)
{
	if (!port->connected)
		return;
	hnff_split_disconnect(port);
	if (port->geo.have_hnf_port)
		hnff_hc_bind_evtchn(port->geo.hnf_port, HYPERNF_EVTCHN_NONE);
	unbind_from_irqhandler(port->irq, port);
	port->irq = 0;
	hnff_kmap_unmap(&port->kmap);
	port->connected = false;
}
