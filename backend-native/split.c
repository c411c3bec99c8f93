// SPDX-License-Identifier: GPL-2.0
/*
 * split.c — split mode, the paper's baseline (shared/DESIGN.md, "Hypercall
 * interface"; SoCC'17 HyperNF, section 2: the "split model"). In split mode
 * a guest's NIOCTXSYNC / NIOCRXSYNC do not call Xen: the frontend records
 * the request in the port's region and kicks its event channel, and a dom0
 * kernel thread of this port issues the very same HYPERNF_OP_SYNC for it.
 * The switching work is identical; it is charged to dom0's vCPUs instead of
 * the guest's, which is what the lab's split-vs-hypercall scenario measures.
 *
 * The mode is the writable module parameter `mode` (hypercall | split). A
 * change is applied in this order, under hnfb_mode_lock:
 *   1. HYPERNF_OP_CONTROL tells Xen, which from then on refuses a guest's
 *      own sync with -EPERM in split mode (patches/switch-core), so a guest
 *      cannot bypass the measurement; the frontend treats that -EPERM as
 *      "split mode now" and kicks instead, losing nothing.
 *   2. The `mode` node of every backend directory is rewritten; frontends
 *      watch it and switch before they would ever be refused.
 * Every port has its thread in both modes, and a thread serves every kick
 * it receives whatever the mode is by then. So a request is served exactly
 * once by whichever path took it: a hypercall sync synchronously, a kick by
 * the thread. Both end in the same hnf_port_sync under Xen's switch lock,
 * and the ring positions (hwcur, hwtail) live in Xen, so a sync from either
 * path continues where the previous one stopped: no slot is switched twice
 * or skipped, whatever the interleaving.
 *
 * A sync stays synchronous for the application in both modes: the guest
 * sleeps until dom0 says its request was served, so NIOCTXSYNC returns with
 * tail already advanced, exactly as with the hypercall.
 *
 * Request block (struct hnfb_split_req, 12 bytes): at the start of the TX
 * ring's `sem` area (netmap's kernel-private part of struct netmap_ring,
 * NETMAP-ABI.md); its region offset is published as `split-request`.
 *   u8 tx, rx      the guest sets 1 for each direction it asks for
 *   u32 requested  the guest's sequence number of its latest request,
 *                  written after the bytes (smp_wmb)
 *   u32 served     dom0: every request up to this number has been synced
 * A round of the thread reads `requested` first, then takes the bytes with
 * xchg, syncs, and writes `served`: every request numbered up to what it
 * read had set its bytes before, so its sync is done by this round or was
 * done by an earlier one. A request made during the round is seen by the
 * next round (its kick wakes the thread again). The guest's application can
 * write the block too: the worst it can do is ask for syncs of its own port
 * or confuse its own waits (they time out), which it can do anyway.
 */
#include <linux/interrupt.h>
#include <linux/kthread.h>
#include <linux/list.h>
#include <linux/moduleparam.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <xen/events.h>

#include "common.h"
#include "netmap/hnf_netmap.h"

struct hnfb_split_req {
	u8 tx;
	u8 rx;
	u16 pad;
	u32 requested;
	u32 served;
};

static_assert(sizeof(struct hnfb_split_req) == 12);
static_assert(NMR_SEM + sizeof(struct hnfb_split_req) <= NMR_SLOTS);

static DEFINE_MUTEX(hnfb_mode_lock);    /* hnfb_mode and hnfb_backends */
static LIST_HEAD(hnfb_backends);        /* ports with a split thread */
static unsigned int hnfb_mode = HYPERNF_MODE_HYPERCALL;

static const char *hnfb_mode_name(unsigned int mode)
{
	return mode == HYPERNF_MODE_SPLIT ? "split" : "hypercall";
}

/* Called with hnfb_mode_lock held. */
static int hnfb_publish_mode(struct hnfb_backend *be)
{
	return xenbus_printf(XBT_NIL, be->dev->nodename, "mode", "%s",
			     hnfb_mode_name(hnfb_mode));
}

int hnfb_set_mode(unsigned int mode)
{
	struct hnfb_backend *be;
	long rc;
	int err;

	if (mode != HYPERNF_MODE_HYPERCALL && mode != HYPERNF_MODE_SPLIT)
		return -EINVAL;
	mutex_lock(&hnfb_mode_lock);
	rc = hnfb_hc_set_mode(mode);
	if (rc && rc != -ENOSYS) {
		mutex_unlock(&hnfb_mode_lock);
		pr_err("hnf_back: HYPERNF_OP_CONTROL mode=%s: %ld\n", hnfb_mode_name(mode), rc);
		return rc;
	}
	hnfb_mode = mode;
	list_for_each_entry(be, &hnfb_backends, split_node) {
		err = hnfb_publish_mode(be);
		if (err)
			dev_warn(&be->dev->dev, "writing mode=%s: %d\n", hnfb_mode_name(mode), err);
	}
	mutex_unlock(&hnfb_mode_lock);
	pr_info("hnf_back: mode %s%s\n", hnfb_mode_name(mode),
		rc == -ENOSYS ? " (hypervisor lacks HyperNF: nothing is switched)" : "");
	return 0;
}

static int hnfb_mode_param_set(const char *val, const struct kernel_param *kp)
{
	if (sysfs_streq(val, "hypercall"))
		return hnfb_set_mode(HYPERNF_MODE_HYPERCALL);
	if (sysfs_streq(val, "split"))
		return hnfb_set_mode(HYPERNF_MODE_SPLIT);
	pr_err("hnf_back: mode '%s' is neither 'hypercall' nor 'split'\n", val);
	return -EINVAL;
}

static int hnfb_mode_param_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%s\n", hnfb_mode_name(READ_ONCE(hnfb_mode)));
}

static const struct kernel_param_ops hnfb_mode_ops = {
	.set = hnfb_mode_param_set,
	.get = hnfb_mode_param_get,
};
module_param_cb(mode, &hnfb_mode_ops, NULL, 0644);
MODULE_PARM_DESC(mode, "hypercall (guests sync through Xen on their own vCPU) or split (a dom0 thread per port syncs for them); also tells Xen");

u64 hnfb_split_request_ofs(const struct hnfb_layout *l)
{
	return l->tx_ring_ofs + NMR_SEM;
}

static irqreturn_t hnfb_split_interrupt(int irq, void *dev_id)
{
	struct hnfb_backend *be = dev_id;

	atomic_set(&be->split_kicked, 1);
	wake_up(&be->split_wq);
	return IRQ_HANDLED;
}

/* One round: take the guest's requests and sync for it, as its ioctl would. */
static void hnfb_split_serve(struct hnfb_backend *be, struct hnfb_split_req *req,
			     u32 *last_served)
{
	u32 seq, flags = 0;
	long rc;

	seq = READ_ONCE(req->requested);
	smp_rmb();      /* the bytes of requests up to seq are set (xchg is a full barrier) */
	if (xchg(&req->tx, 0))
		flags |= HYPERNF_SYNC_TX;
	if (xchg(&req->rx, 0))
		flags |= HYPERNF_SYNC_RX;
	if (flags) {
		rc = hnfb_hc_sync(be->hnf_port, flags);
		be->split_syncs++;
		if (rc) {
			be->split_errors++;
			dev_warn_ratelimited(&be->dev->dev, "split sync of hnf-port %u (flags %#x): %ld\n",
					     be->hnf_port, flags, rc);
		}
	}
	if (!flags && seq == *last_served)
		return;
	smp_wmb();      /* the ring indices Xen wrote before served */
	WRITE_ONCE(req->served, seq);
	*last_served = seq;
	/* The guest sleeps in its sync (or poll) until told: wake it. */
	notify_remote_via_irq(be->split_irq);
}

static int hnfb_split_thread(void *data)
{
	struct hnfb_backend *be = data;
	struct hnfb_split_req *req = (void *)((u8 *)be->region.va +
					      hnfb_split_request_ofs(&be->region.layout));
	u32 last_served = READ_ONCE(req->served);

	while (!kthread_should_stop()) {
		wait_event_interruptible(be->split_wq,
					 atomic_read(&be->split_kicked) || kthread_should_stop());
		if (kthread_should_stop())
			break;
		atomic_set(&be->split_kicked, 0);
		/* lateeoi (XSA-332): the next kick is delivered only from here on. */
		xen_irq_lateeoi(be->split_irq, 0);
		hnfb_split_serve(be, req, &last_served);
		cond_resched();
	}
	return 0;
}

/*
 * Bind dom0's end of the port's event channel (the guest's kicks) and start
 * the port's thread, then publish the request offset and the current mode.
 * Without HyperNF in Xen there is nothing to sync and no thread. Once bound,
 * the irq owns the channel, also when a later step fails: the caller closes
 * it with hnfb_split_close_evtchn() in every case.
 */
int hnfb_split_start(struct hnfb_backend *be)
{
	struct xenbus_device *dev = be->dev;
	int err;

	init_waitqueue_head(&be->split_wq);
	atomic_set(&be->split_kicked, 0);
	err = bind_evtchn_to_irqhandler_lateeoi(be->evtchn, hnfb_split_interrupt, 0,
						"hnf_back-split", be);
	if (err < 0)
		return err;
	be->split_irq = err;
	if (!be->registered)
		return 0;
	be->split_task = kthread_run(hnfb_split_thread, be, "hnfb-split/%u", be->hnf_port);
	if (IS_ERR(be->split_task)) {
		err = PTR_ERR(be->split_task);
		be->split_task = NULL;
		return err;
	}
	mutex_lock(&hnfb_mode_lock);
	err = xenbus_printf(XBT_NIL, dev->nodename, "split-request", "%llu",
			    hnfb_split_request_ofs(&be->region.layout)) ?:
	      hnfb_publish_mode(be);
	if (!err)
		list_add(&be->split_node, &hnfb_backends);
	mutex_unlock(&hnfb_mode_lock);
	if (err)
		goto cleanup_thread;
	return 0;

cleanup_thread:
	kthread_stop(be->split_task);
	be->split_task = NULL;
	return err;
}

/* Stop the thread; called before Xen lets go of the port. */
void hnfb_split_stop(struct hnfb_backend *be)
{
	if (be->split_task) {
		mutex_lock(&hnfb_mode_lock);
		list_del(&be->split_node);
		mutex_unlock(&hnfb_mode_lock);
		kthread_stop(be->split_task);
		be->split_task = NULL;
		dev_info(&be->dev->dev, "hnf-port %u split thread: %llu syncs, %llu errors\n",
			 be->hnf_port, be->split_syncs, be->split_errors);
	}
}

/* Close dom0's end of the event channel, through its irq if it has one. */
void hnfb_split_close_evtchn(struct hnfb_backend *be)
{
	if (be->split_irq) {
		unbind_from_irqhandler(be->split_irq, be);
		be->split_irq = 0;
	} else {
		xenbus_free_evtchn(be->dev, be->evtchn);
	}
}

/* At load: Xen's mode is whatever the last hnf_back left; make it ours. */
int hnfb_split_init(void)
{
	long rc = hnfb_hc_set_mode(READ_ONCE(hnfb_mode));

	if (rc && rc != -ENOSYS) {
		pr_err("hnf_back: HYPERNF_OP_CONTROL mode=%s: %ld\n",
		       hnfb_mode_name(hnfb_mode), rc);
		return rc;
	}
	return 0;
}
