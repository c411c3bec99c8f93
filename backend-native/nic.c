// SPDX-License-Identifier: GPL-2.0
/*
 * nic.c — any Linux network device on a switch port (shared/DESIGN.md, the
 * data path: "NIC port: dom0 thread moves NIC rx into its port's TX ring and
 * syncs (same hypercall); switch output to NIC leaves via its RX ring and
 * dev_queue_xmit").
 *
 *   frame from the wire -> hnfb_nic_rx() (rx_handler, softirq): copied into
 *       the port's TX ring, never waiting: a full ring is a counted drop.
 *       Every nic_batch frames the handler syncs TX itself (one hypercall
 *       per batch); otherwise it wakes the thread, which syncs what is left.
 *   frame for the wire  -> Xen fills the port's RX ring and signals the
 *       event channel -> hnfb_nic_thread() copies each slot into an skb,
 *       dev_queue_xmit(), and releases the slots with an RX sync.
 *
 * Offloads: GRO may hand the handler a super-frame and a local sender a
 * CHECKSUM_PARTIAL one; the switch carries plain Ethernet frames, so a GSO
 * skb is segmented in software (__skb_gso_segment) and a partial checksum
 * completed (skb_checksum_help), or the frame is counted in drop_offload.
 * A hardware-stripped VLAN tag is put back into the frame.
 *
 * The device is put in promiscuous mode (frames for the guests' MACs must
 * reach us) and its own stack no longer sees what it receives
 * (RX_HANDLER_CONSUMED), as a bridge port. Detach: hnfctl, module unload,
 * or the device's NETDEV_UNREGISTER.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/if_vlan.h>
#include <linux/kthread.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <linux/slab.h>

#include "common.h"
#include "netmap/hnf_netmap.h"

static unsigned int hnfb_nic_batch = 32;
module_param_named(nic_batch, hnfb_nic_batch, uint, 0644);
MODULE_PARM_DESC(nic_batch, "NIC frames the receive handler queues before it syncs TX itself (1..16384)");

struct hnfb_nic {
	struct net_device *dev;
	netdevice_tracker tracker;
	struct hnfb_dport *dp;
	struct task_struct *thread;
	atomic_t kicks;                 /* events and TX work for the thread */
	spinlock_t tx_lock;             /* the TX ring: handler and thread */
	u32 tx_unsynced;                /* frames queued since the last TX sync */
	struct hnf_ctl_nic_stats st;    /* to_wire*, drop_xmit: the thread's;
	                                   the rest under tx_lock */
	struct list_head node;          /* hnfb_nics, under RTNL */
};

static LIST_HEAD(hnfb_nics);

static void hnfb_nic_wake(struct hnfb_nic *nic)
{
	atomic_inc(&nic->kicks);
	wake_up_interruptible(&nic->dp->wq);
}

static void hnfb_nic_kick(struct hnfb_dport *dp)
{
	struct hnfb_nic *nic = dp->owner;

	atomic_inc(&nic->kicks);
}

/* With tx_lock held. */
static void hnfb_nic_sync_tx_locked(struct hnfb_nic *nic)
{
	long rc;

	if (!nic->tx_unsynced)
		return;
	rc = hnfb_hc_sync(nic->dp->hnf_port, HYPERNF_SYNC_TX);
	nic->st.syncs++;
	if (rc)
		net_warn_ratelimited("hnf_back: %s: TX sync of hnf-port %u: %ld\n",
				     nic->dev->name, nic->dp->hnf_port, rc);
	nic->tx_unsynced = 0;
}

/* Copies one linear-or-not frame (skb->data at the MAC header) into TX. */
static void hnfb_nic_queue(struct hnfb_nic *nic, struct sk_buff *skb)
{
	struct hnfb_dport *dp = nic->dp;
	const struct hnfb_layout *l = &dp->region.layout;
	u32 *head_p = hnfb_ring_u32(dp, false, NMR_HEAD);
	u32 head, tail, buf_idx;
	u8 *slot;

	if (skb->len > l->buf_size) {
		nic->st.drop_oversize++;
		return;
	}
	head = READ_ONCE(*head_p);
	tail = READ_ONCE(*hnfb_ring_u32(dp, false, NMR_TAIL));
	if (head >= l->tx_slots || tail >= l->tx_slots) {
		nic->st.drop_bad_slot++;
		return;
	}
	if (head == tail) {
		/* Everything is in Xen's hands: push it, then look again. */
		hnfb_nic_sync_tx_locked(nic);
		tail = READ_ONCE(*hnfb_ring_u32(dp, false, NMR_TAIL));
		if (head == tail) {
			nic->st.drop_ring_full++;
			return;
		}
	}
	slot = (u8 *)hnfb_ring_u32(dp, false, NMR_SLOTS) + NMS_SIZE * head;
	buf_idx = *(u32 *)(slot + NMS_BUF_IDX);
	if (buf_idx >= l->num_bufs) {
		nic->st.drop_bad_slot++;
		return;
	}
	if (skb_copy_bits(skb, 0, (u8 *)dp->region.va + l->bufs_ofs +
			  (u64)buf_idx * l->buf_size, skb->len)) {
		nic->st.drop_offload++;
		return;
	}
	*(u16 *)(slot + NMS_LEN) = skb->len;
	head = head + 1 == l->tx_slots ? 0 : head + 1;
	/* Xen reads the slot only after it has read the new head. */
	smp_wmb();
	WRITE_ONCE(*head_p, head);
	WRITE_ONCE(*hnfb_ring_u32(dp, false, NMR_CUR), head);
	nic->st.to_switch++;
	nic->st.to_switch_bytes += skb->len;
	nic->tx_unsynced++;
}

static rx_handler_result_t hnfb_nic_rx(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb, *segs, *seg, *next;
	struct hnfb_nic *nic = rcu_dereference(skb->dev->rx_handler_data);
	bool wake;

	if (unlikely(skb->pkt_type == PACKET_LOOPBACK))
		return RX_HANDLER_PASS;
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (!skb)
		return RX_HANDLER_CONSUMED;
	/* The handler sees the frame after eth_type_trans(): give the MAC
	 * header back, and the VLAN tag the hardware may have stripped. */
	__skb_push(skb, skb->data - skb_mac_header(skb));
	if (skb_vlan_tag_present(skb)) {
		skb = __vlan_hwaccel_push_inside(skb);
		if (!skb) {
			spin_lock(&nic->tx_lock);
			nic->st.drop_offload++;
			spin_unlock(&nic->tx_lock);
			return RX_HANDLER_CONSUMED;
		}
	}

	spin_lock(&nic->tx_lock);
	if (skb_is_gso(skb)) {
		segs = __skb_gso_segment(skb, 0, false);
		if (IS_ERR_OR_NULL(segs)) {
			nic->st.drop_offload++;
		} else {
			nic->st.gso_segmented++;
			skb_list_walk_safe(segs, seg, next) {
				skb_mark_not_on_list(seg);
				hnfb_nic_queue(nic, seg);
				consume_skb(seg);
			}
		}
	} else if (skb->ip_summed == CHECKSUM_PARTIAL) {
		if (skb_checksum_help(skb)) {
			nic->st.drop_offload++;
		} else {
			nic->st.csum_completed++;
			hnfb_nic_queue(nic, skb);
		}
	} else {
		hnfb_nic_queue(nic, skb);
	}
	if (nic->tx_unsynced >= READ_ONCE(hnfb_nic_batch))
		hnfb_nic_sync_tx_locked(nic);
	wake = nic->tx_unsynced != 0;
	spin_unlock(&nic->tx_lock);
	consume_skb(skb);
	if (wake)
		hnfb_nic_wake(nic);
	return RX_HANDLER_CONSUMED;
}

/*
 * The thread's increment of a counter the handler also writes (syncs,
 * drop_bad_slot); the thread's own counters (to_wire*, drop_xmit) need no lock.
 */
static void hnfb_nic_count(struct hnfb_nic *nic, u64 *counter)
{
	spin_lock_bh(&nic->tx_lock);
	(*counter)++;
	spin_unlock_bh(&nic->tx_lock);
}

/* One frame of the RX ring onto the wire, or a counted drop. */
static void hnfb_nic_xmit_slot(struct hnfb_nic *nic, const u8 *slot)
{
	struct hnfb_dport *dp = nic->dp;
	const struct hnfb_layout *l = &dp->region.layout;
	u32 buf_idx = READ_ONCE(*(const u32 *)(slot + NMS_BUF_IDX));
	u32 len = READ_ONCE(*(const u16 *)(slot + NMS_LEN));
	struct sk_buff *skb;

	if (buf_idx >= l->num_bufs || len > l->buf_size || len < ETH_HLEN) {
		hnfb_nic_count(nic, &nic->st.drop_bad_slot);
		return;
	}
	skb = netdev_alloc_skb(nic->dev, len + NET_IP_ALIGN);
	if (!skb) {
		nic->st.drop_xmit++;
		return;
	}
	skb_reserve(skb, NET_IP_ALIGN);
	skb_put_data(skb, (u8 *)dp->region.va + l->bufs_ofs + (u64)buf_idx * l->buf_size, len);
	skb_reset_mac_header(skb);
	skb->protocol = eth_hdr(skb)->h_proto;
	skb_set_network_header(skb, ETH_HLEN);
	skb->dev = nic->dev;
	if (dev_queue_xmit(skb) == NET_XMIT_SUCCESS) {
		nic->st.to_wire++;
		nic->st.to_wire_bytes += len;
	} else {
		nic->st.drop_xmit++;
	}
}

/* Sends what Xen put in the RX ring; returns the number of slots used. */
static u32 hnfb_nic_drain_rx(struct hnfb_nic *nic)
{
	struct hnfb_dport *dp = nic->dp;
	u32 n = dp->region.layout.rx_slots;
	u32 head, tail, done = 0;
	long rc;

	rc = hnfb_hc_sync(dp->hnf_port, HYPERNF_SYNC_RX);
	hnfb_nic_count(nic, &nic->st.syncs);
	if (rc) {
		net_warn_ratelimited("hnf_back: %s: RX sync of hnf-port %u: %ld\n",
				     nic->dev->name, dp->hnf_port, rc);
		return 0;
	}
	head = READ_ONCE(*hnfb_ring_u32(dp, true, NMR_HEAD));
	tail = READ_ONCE(*hnfb_ring_u32(dp, true, NMR_TAIL));
	if (head >= n || tail >= n) {
		hnfb_nic_count(nic, &nic->st.drop_bad_slot);
		return 0;
	}
	/* Slots up to tail are filled before Xen publishes tail. */
	smp_rmb();
	while (head != tail) {
		hnfb_nic_xmit_slot(nic, (u8 *)hnfb_ring_u32(dp, true, NMR_SLOTS) + NMS_SIZE * head);
		head = head + 1 == n ? 0 : head + 1;
		done++;
	}
	WRITE_ONCE(*hnfb_ring_u32(dp, true, NMR_HEAD), head);
	WRITE_ONCE(*hnfb_ring_u32(dp, true, NMR_CUR), head);
	return done;
}

static int hnfb_nic_thread(void *arg)
{
	struct hnfb_nic *nic = arg;
	u32 done;

	while (!kthread_should_stop()) {
		wait_event_interruptible(nic->dp->wq, kthread_should_stop() ||
					 atomic_read(&nic->kicks));
		atomic_set(&nic->kicks, 0);
		do {
			spin_lock_bh(&nic->tx_lock);
			hnfb_nic_sync_tx_locked(nic);
			spin_unlock_bh(&nic->tx_lock);
			done = hnfb_nic_drain_rx(nic);
			cond_resched();
		} while (done && !kthread_should_stop());
	}
	/* Release what was consumed, so Xen may reuse it before we go. */
	hnfb_hc_sync(nic->dp->hnf_port, HYPERNF_SYNC_RX);
	return 0;
}

static struct hnfb_nic *hnfb_nic_find(const char *ifname)
{
	struct hnfb_nic *nic;

	ASSERT_RTNL();
	list_for_each_entry(nic, &hnfb_nics, node)
		if (!strcmp(nic->dev->name, ifname))
			return nic;
	return NULL;
}

/* With RTNL held: unhook from the device, stop the thread, free the port. */
static void hnfb_nic_remove(struct hnfb_nic *nic)
{
	ASSERT_RTNL();
	list_del(&nic->node);
	/* Waits for handlers running on other CPUs (synchronize_net). */
	netdev_rx_handler_unregister(nic->dev);
	dev_set_promiscuity(nic->dev, -1);
	kthread_stop(nic->thread);
	pr_info("hnf_back: nic %s detached from %s: to_switch=%llu to_wire=%llu drop_ring_full=%llu drop_oversize=%llu drop_offload=%llu drop_xmit=%llu drop_bad_slot=%llu\n",
		nic->dev->name, nic->dp->name, nic->st.to_switch, nic->st.to_wire,
		nic->st.drop_ring_full, nic->st.drop_oversize, nic->st.drop_offload,
		nic->st.drop_xmit, nic->st.drop_bad_slot);
	hnfb_dport_destroy(nic->dp);
	netdev_put(nic->dev, &nic->tracker);
	kfree(nic);
}

int hnfb_nic_attach(const char *ifname, const char *name, u32 slots, u32 buf_size)
{
	struct net_device *dev;
	struct hnfb_nic *nic;
	int err;

	nic = kzalloc(sizeof(*nic), GFP_KERNEL);
	if (!nic)
		return -ENOMEM;
	spin_lock_init(&nic->tx_lock);
	atomic_set(&nic->kicks, 0);

	rtnl_lock();
	dev = __dev_get_by_name(&init_net, ifname);
	if (!dev) {
		err = -ENODEV;
		goto unlock;
	}
	/* The switch carries Ethernet frames: nothing else can be a port. */
	if (dev->type != ARPHRD_ETHER || (dev->flags & IFF_LOOPBACK)) {
		err = -EPROTONOSUPPORT;
		goto unlock;
	}
	if (hnfb_nic_find(ifname)) {
		err = -EEXIST;
		goto unlock;
	}
	nic->dev = dev;
	nic->dp = hnfb_dport_create(HNFB_DPORT_NIC, name, slots ?: hnfb_slots,
				    slots ?: hnfb_slots, buf_size ?: hnfb_buf_size, nic);
	if (IS_ERR(nic->dp)) {
		err = PTR_ERR(nic->dp);
		goto unlock;
	}
	nic->thread = kthread_run(hnfb_nic_thread, nic, "hnf-nic-%s", ifname);
	if (IS_ERR(nic->thread)) {
		err = PTR_ERR(nic->thread);
		goto cleanup_dport;
	}
	err = dev_set_promiscuity(dev, 1);
	if (err)
		goto cleanup_thread;
	netdev_hold(dev, &nic->tracker, GFP_KERNEL);
	/* -EBUSY if another handler (a bridge, a bond) owns the device. */
	err = netdev_rx_handler_register(dev, hnfb_nic_rx, nic);
	if (err)
		goto cleanup_promisc;
	/* Events may arrive now: the thread is there to take them. */
	WRITE_ONCE(nic->dp->kick, hnfb_nic_kick);
	list_add_tail(&nic->node, &hnfb_nics);
	rtnl_unlock();
	hnfb_nic_wake(nic);
	pr_info("hnf_back: nic %s attached to %s (hnf-port %u)\n", ifname, name, nic->dp->hnf_port);
	return 0;

cleanup_promisc:
	netdev_put(dev, &nic->tracker);
	dev_set_promiscuity(dev, -1);
cleanup_thread:
	kthread_stop(nic->thread);
cleanup_dport:
	hnfb_dport_destroy(nic->dp);
unlock:
	rtnl_unlock();
	kfree(nic);
	return err;
}

int hnfb_nic_detach(const char *ifname)
{
	struct hnfb_nic *nic;
	int err = 0;

	rtnl_lock();
	nic = hnfb_nic_find(ifname);
	if (nic)
		hnfb_nic_remove(nic);
	else
		err = -ENODEV;
	rtnl_unlock();
	return err;
}

/* With hnfb_ports_lock held (dport.c): the nic outlives its port's listing. */
void hnfb_nic_fill(struct hnfb_dport *dp, struct hnf_ctl_port *out)
{
	struct hnfb_nic *nic = dp->owner;

	strscpy(out->ifname, nic->dev->name, sizeof(out->ifname));
	out->nic = nic->st;
}

static int hnfb_nic_event(struct notifier_block *nb, unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct hnfb_nic *nic, *tmp;

	if (event != NETDEV_UNREGISTER)
		return NOTIFY_DONE;
	list_for_each_entry_safe(nic, tmp, &hnfb_nics, node)
		if (nic->dev == dev) {
			pr_info("hnf_back: nic %s is going away\n", dev->name);
			hnfb_nic_remove(nic);
		}
	return NOTIFY_DONE;
}

static struct notifier_block hnfb_nic_notifier = {
	.notifier_call = hnfb_nic_event,
};

int hnfb_nic_init(void)
{
	return register_netdevice_notifier(&hnfb_nic_notifier);
}

void hnfb_nic_exit(void)
{
	struct hnfb_nic *nic, *tmp;

	rtnl_lock();
	list_for_each_entry_safe(nic, tmp, &hnfb_nics, node)
		hnfb_nic_remove(nic);
	rtnl_unlock();
	unregister_netdevice_notifier(&hnfb_nic_notifier);
}
