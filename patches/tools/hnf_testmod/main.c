// SPDX-License-Identifier: GPL-2.0
/*
 * hnf_testmod — exercises HyperNF's hypercall (public/hypernf.h) from a
 * kernel, where frame numbers of dom0 memory are at hand.
 *
 * Phases (module parameter `phase`), each ending in one marker line that the
 * lab scenario waits for:
 *   dom0   two dom0-owned ports over real dom0 pages: register, bind B to an
 *          event channel, sync a frame from A's TX ring, find it in B's RX
 *          ring and B's event channel fired, statistics, a hostile slot that
 *          must break the port, and calls that must be refused; everything
 *          is unregistered again.   -> "HNF_TEST_DOM0 PASS n/n"
 *   guest  from a domU: every dom0-only op and a sync, bind and stats of a
 *          port it does not own must fail with -EPERM. -> "HNF_TEST_GUEST PASS n/n"
 *   hold   register a dom0-owned port for a guest to probe (the guest phase
 *          must be refused on it) and, with victim=DOMID, a port owned by
 *          that domain; keep both until rmmod. The scenario destroys the
 *          victim meanwhile, so at rmmod the first port must unregister
 *          (0) and the victim's must already be gone (-ENOENT: Xen removed
 *          it when the domain died).
 *          -> "HNF_TEST_HOLD port=N owner=d0" (and "... owner=dV") at load,
 *             "HNF_TEST_HOLD_RELEASE PASS|FAIL" at rmmod
 * Every check prints "HNF_TEST ok NAME" or "HNF_TEST FAIL NAME: ...".
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/string.h>
#include <xen/events.h>
#include <xen/interface/event_channel.h>
#include <xen/xen.h>
#include <asm/xen/hypercall.h>

#include "region.h"

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("HyperNF hypercall test");

static char *phase = "dom0";
module_param(phase, charp, 0444);
MODULE_PARM_DESC(phase, "dom0 | guest | hold");
static uint port;
module_param(port, uint, 0444);
MODULE_PARM_DESC(port, "guest phase: a port registered by dom0 for another domain");
static int victim = -1;
module_param(victim, int, 0444);
MODULE_PARM_DESC(victim, "hold phase: domid of a domain that will be destroyed while its port is held");

static unsigned int checks, failures;

static long hnf_op(unsigned int cmd, void *arg)
{
	return _hypercall2(long, hypernf_op, cmd, arg);
}

static void expect_rc(const char *name, long got, long want)
{
	checks++;
	if (got == want) {
		pr_info("HNF_TEST ok %s (rc=%ld)\n", name, got);
	} else {
		failures++;
		pr_info("HNF_TEST FAIL %s: rc=%ld, expected %ld\n", name, got, want);
	}
}

static void expect_val(const char *name, u64 got, u64 want)
{
	checks++;
	if (got == want) {
		pr_info("HNF_TEST ok %s (%llu)\n", name, got);
	} else {
		failures++;
		pr_info("HNF_TEST FAIL %s: %llu, expected %llu\n", name, got, want);
	}
}

static long register_port(struct tregion *r, u16 owner_domid, u32 *port_out)
{
	struct hypernf_port_register reg;
	long rc;

	memset(&reg, 0, sizeof(reg));
	reg.owner_domid = owner_domid;
	reg.nr_frames = TREGION_PAGES;
	tregion_geometry(&reg.geometry);
	reg.frames = (uintptr_t)r->frames;
	rc = hnf_op(HYPERNF_OP_PORT_REGISTER, &reg);
	if (rc == 0)
		*port_out = reg.port;
	return rc;
}

static long unregister_port(u32 id)
{
	struct hypernf_port_unregister u = { .port = id };

	return hnf_op(HYPERNF_OP_PORT_UNREGISTER, &u);
}

static long sync_port(u32 id, u32 flags)
{
	struct hypernf_sync s = { .port = id, .flags = flags };

	return hnf_op(HYPERNF_OP_SYNC, &s);
}

static long port_stats(u32 id, struct hypernf_port_stats *out)
{
	struct hypernf_stats *st = kzalloc(sizeof(*st), GFP_KERNEL);
	long rc;

	if (!st)
		return -ENOMEM;
	st->port = id;
	rc = hnf_op(HYPERNF_OP_STATS, st);
	if (rc == 0 && out)
		*out = st->stats;
	kfree(st);
	return rc;
}

/*
 * An event channel of our own, as a frontend allocates one: unbound, in
 * this domain, bound to an interrupt handler that counts what Xen sends.
 */
struct test_evtchn {
	evtchn_port_t port;
	int irq;
	atomic_t fired;
};

static irqreturn_t test_evtchn_interrupt(int irq, void *dev_id)
{
	struct test_evtchn *ev = dev_id;

	atomic_inc(&ev->fired);
	return IRQ_HANDLED;
}

static int test_evtchn_open(struct test_evtchn *ev)
{
	struct evtchn_alloc_unbound alloc = { .dom = DOMID_SELF, .remote_dom = 0 };
	int rc;

	atomic_set(&ev->fired, 0);
	ev->irq = -1;
	rc = HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &alloc);
	if (rc)
		return rc;
	ev->port = alloc.port;
	rc = bind_evtchn_to_irqhandler(ev->port, test_evtchn_interrupt, 0, "hnf_testmod", ev);
	if (rc < 0) {
		struct evtchn_close close = { .port = ev->port };

		HYPERVISOR_event_channel_op(EVTCHNOP_close, &close);
		return rc;
	}
	ev->irq = rc;
	return 0;
}

/* Closes the channel too (Linux closes a port it bound when unbinding). */
static void test_evtchn_close(struct test_evtchn *ev)
{
	if (ev->irq >= 0)
		unbind_from_irqhandler(ev->irq, ev);
	ev->irq = -1;
}

/* Wait up to a second for the channel to have fired at least once. */
static int test_evtchn_wait(struct test_evtchn *ev)
{
	unsigned int i;

	for (i = 0; i < 100 && !atomic_read(&ev->fired); i++)
		msleep(10);
	return atomic_read(&ev->fired);
}

/* A 60-byte broadcast frame from src_mac_last (02:00:00:00:00:xx). */
static void put_tx_frame(struct tregion *r, unsigned int slot, u8 src_mac_last)
{
	u8 *s = tregion_slot(r, false, slot);
	u8 *buf = tregion_buf(r, *(u32 *)s);
	unsigned int i;

	memset(buf, 0xff, 6);
	buf[6] = 0x02;
	memset(buf + 7, 0, 4);
	buf[11] = src_mac_last;
	buf[12] = 0x88;	/* local experimental ethertype 0x88b5 (IEEE 802) */
	buf[13] = 0xb5;
	for (i = 14; i < 60; i++)
		buf[i] = (u8)i;
	*(u16 *)(s + 4) = 60;
	*(u16 *)(s + 6) = 0;
}

/* Refusals that every caller, dom0 or guest, must see. */
static void refusals_common(void)
{
	expect_rc("unknown sub-op is ENOSYS", hnf_op(99, NULL), -ENOSYS);
	expect_rc("sync with no flags is EINVAL", sync_port(0, 0), -EINVAL);
	expect_rc("stats of an unused port is ENOENT",
		  port_stats(HYPERNF_MAX_PORTS - 1, NULL), -ENOENT);
	expect_rc("stats of port id out of range is ENOENT",
		  port_stats(HYPERNF_MAX_PORTS + 5, NULL), -ENOENT);
}

static void phase_dom0(void)
{
	struct tregion *a, *b;
	struct hypernf_port_stats st;
	struct hypernf_port_register bad;
	struct hypernf_control ctl;
	struct hypernf_port_bind_evtchn bind;
	struct test_evtchn *ev;
	u32 pa = ~0U, pb = ~0U, tail;
	u64 bogus_frame = ~0ULL >> 12;
	u8 *rx_slot;
	long rc;

	a = kzalloc(sizeof(*a), GFP_KERNEL);
	b = kzalloc(sizeof(*b), GFP_KERNEL);
	ev = kzalloc(sizeof(*ev), GFP_KERNEL);
	if (!a || !b || !ev || tregion_alloc(a) || tregion_alloc(b)) {
		pr_info("HNF_TEST_DOM0 FAIL no memory\n");
		goto out_free_structs;
	}

	refusals_common();

	memset(&ctl, 0, sizeof(ctl));
	expect_rc("control read", hnf_op(HYPERNF_OP_CONTROL, &ctl), 0);
	expect_val("control batch is the default", ctl.batch, HYPERNF_DEFAULT_BATCH);

	memset(&bad, 0, sizeof(bad));
	bad.owner_domid = 0;
	bad.nr_frames = TREGION_PAGES;
	tregion_geometry(&bad.geometry);
	bad.frames = (uintptr_t)a->frames;
	bad.pad0 = 1;
	expect_rc("register with pad0 set is EINVAL", hnf_op(HYPERNF_OP_PORT_REGISTER, &bad), -EINVAL);
	bad.pad0 = 0;
	bad.nr_frames = HYPERNF_MAX_FRAMES + 1;
	expect_rc("register above the frame limit is E2BIG", hnf_op(HYPERNF_OP_PORT_REGISTER, &bad), -E2BIG);
	bad.nr_frames = 1;
	bad.frames = (uintptr_t)&bogus_frame;
	expect_rc("register of a frame dom0 does not own is EBUSY", hnf_op(HYPERNF_OP_PORT_REGISTER, &bad), -EBUSY);
	bad.frames = (uintptr_t)a->frames;
	bad.nr_frames = TREGION_PAGES;
	bad.owner_domid = 0x7ff0;
	expect_rc("register for a domain that does not exist is EINVAL",
		  hnf_op(HYPERNF_OP_PORT_REGISTER, &bad), -EINVAL);
	bad.owner_domid = 0;
	bad.nr_frames = 1;	/* the layout needs 65 pages */
	expect_rc("register with a region too small for its layout is EINVAL",
		  hnf_op(HYPERNF_OP_PORT_REGISTER, &bad), -EINVAL);

	rc = register_port(a, 0, &pa);
	expect_rc("register port A", rc, 0);
	if (rc)
		goto out_regions;
	rc = register_port(b, 0, &pb);
	expect_rc("register port B", rc, 0);
	if (rc)
		goto out_a;
	pr_info("HNF_TEST ports A=%u B=%u, %u frames each\n", pa, pb, (unsigned int)TREGION_PAGES);

	expect_val("A TX tail after register is num_slots-1",
		   tregion_ring_u32(a, false, NMR_TAIL), TREGION_SLOTS - 1);

	bind.port = pa;
	bind.evtchn = 0;
	expect_rc("bind to reserved event channel 0 is EINVAL",
		  hnf_op(HYPERNF_OP_PORT_BIND_EVTCHN, &bind), -EINVAL);
	rc = test_evtchn_open(ev);
	expect_rc("allocate an unbound event channel", rc, 0);
	bind.port = pb;
	bind.evtchn = rc ? HYPERNF_EVTCHN_NONE : ev->port;
	expect_rc("bind B to it", hnf_op(HYPERNF_OP_PORT_BIND_EVTCHN, &bind), 0);

	/* One broadcast frame from A: it must appear in B's RX ring. */
	put_tx_frame(a, 0, 0x0a);
	tregion_ring_set_u32(a, false, NMR_HEAD, 1);
	tregion_ring_set_u32(a, false, NMR_CUR, 1);
	expect_rc("sync A TX", sync_port(pa, HYPERNF_SYNC_TX), 0);
	expect_val("B's event channel fired", test_evtchn_wait(ev) >= 1, 1);
	bind.evtchn = HYPERNF_EVTCHN_NONE;
	expect_rc("unbind B's event channel", hnf_op(HYPERNF_OP_PORT_BIND_EVTCHN, &bind), 0);
	test_evtchn_close(ev);
	expect_rc("sync B RX", sync_port(pb, HYPERNF_SYNC_RX), 0);
	tail = tregion_ring_u32(b, true, NMR_TAIL);
	expect_val("B RX tail shows one frame", tail, 1);
	rx_slot = tregion_slot(b, true, 0);
	expect_val("B RX slot 0 length", *(u16 *)(rx_slot + 4), 60);
	expect_val("B RX frame equals the sent one",
		   memcmp(tregion_buf(b, *(u32 *)rx_slot), tregion_buf(a, 0), 60), 0);

	expect_rc("stats A", port_stats(pa, &st), 0);
	expect_val("A tx_packets", st.tx_packets, 1);
	expect_val("A tx_bytes", st.tx_bytes, 60);
	expect_rc("stats B", port_stats(pb, &st), 0);
	expect_val("B rx_packets", st.rx_packets, 1);
	expect_val("B rx_bytes", st.rx_bytes, 60);

	/* A hostile slot: buf_idx beyond the pool must break A, not Xen. */
	*(u32 *)tregion_slot(a, false, 1) = 0x7fffffff;
	*(u16 *)(tregion_slot(a, false, 1) + 4) = 60;
	tregion_ring_set_u32(a, false, NMR_HEAD, 2);
	tregion_ring_set_u32(a, false, NMR_CUR, 2);
	rc = sync_port(pa, HYPERNF_SYNC_TX);
	expect_rc("sync with a bad buf_idx fails with EIO", rc, -EIO);
	expect_rc("a broken port refuses further syncs", sync_port(pa, HYPERNF_SYNC_TX), -EIO);
	expect_rc("stats A after the bad slot", port_stats(pa, &st), 0);
	expect_val("A is broken", st.broken, 1);
	expect_val("A broken because of buf_idx", st.broken_reason, HYPERNF_BROKEN_BAD_BUF_IDX);
	expect_val("A counted the bad buf_idx", st.drop_bad_buf_idx >= 1, 1);
	expect_val("A counted the refused sync", st.refused_syncs >= 1, 1);
	expect_val("A still sent exactly one frame", st.tx_packets, 1);

	expect_rc("unregister B", unregister_port(pb), 0);
	expect_rc("sync of an unregistered port is ENOENT", sync_port(pb, HYPERNF_SYNC_TX), -ENOENT);
	expect_rc("unregister B again is ENOENT", unregister_port(pb), -ENOENT);
	tregion_free(b);
out_a:
	rc = unregister_port(pa);
	expect_rc("unregister A", rc, 0);
	if (rc == 0)
		tregion_free(a);
	else
		pr_info("HNF_TEST leaking port A's pages: Xen may still reference them\n");
	goto out_free_structs;
out_regions:
	tregion_free(a);
	tregion_free(b);
out_free_structs:
	kfree(a);
	kfree(b);
	kfree(ev);
	if (failures || !checks)
		pr_info("HNF_TEST_DOM0 FAIL %u/%u\n", checks - failures, checks);
	else
		pr_info("HNF_TEST_DOM0 PASS %u/%u\n", checks, checks);
}

static void phase_guest(void)
{
	struct hypernf_port_register reg;
	struct hypernf_port_unregister unreg = { .port = port };
	struct hypernf_control ctl;
	struct hypernf_port_bind_evtchn bind = { .port = port, .evtchn = 1 };
	u64 frame = 0;

	memset(&reg, 0, sizeof(reg));
	reg.owner_domid = 0;
	reg.nr_frames = 1;
	tregion_geometry(&reg.geometry);
	reg.frames = (uintptr_t)&frame;
	memset(&ctl, 0, sizeof(ctl));

	refusals_common();
	expect_rc("guest register is EPERM", hnf_op(HYPERNF_OP_PORT_REGISTER, &reg), -EPERM);
	expect_rc("guest unregister is EPERM", hnf_op(HYPERNF_OP_PORT_UNREGISTER, &unreg), -EPERM);
	expect_rc("guest control is EPERM", hnf_op(HYPERNF_OP_CONTROL, &ctl), -EPERM);
	expect_rc("guest sync of a port it does not own is EPERM",
		  sync_port(port, HYPERNF_SYNC_TX | HYPERNF_SYNC_RX), -EPERM);
	expect_rc("guest bind of a port it does not own is EPERM",
		  hnf_op(HYPERNF_OP_PORT_BIND_EVTCHN, &bind), -EPERM);
	expect_rc("guest stats of a port it does not own is EPERM", port_stats(port, NULL), -EPERM);

	if (failures || !checks)
		pr_info("HNF_TEST_GUEST FAIL %u/%u\n", checks - failures, checks);
	else
		pr_info("HNF_TEST_GUEST PASS %u/%u\n", checks, checks);
}

/* A port registered by the hold phase and kept until rmmod. */
struct held_port {
	struct tregion region;
	u32 id;
	int owner;
	bool live;
};

static struct held_port *held;	/* [0]: owned by dom0, [1]: by the victim */

static int hold_one(struct held_port *h, int owner_domid)
{
	long rc;

	h->owner = owner_domid;
	if (tregion_alloc(&h->region))
		return -ENOMEM;
	rc = register_port(&h->region, owner_domid, &h->id);
	if (rc) {
		pr_info("HNF_TEST_HOLD FAIL register for d%d: rc=%ld\n", owner_domid, rc);
		tregion_free(&h->region);
		return -EIO;
	}
	h->live = true;
	pr_info("HNF_TEST_HOLD port=%u owner=d%d\n", h->id, owner_domid);
	return 0;
}

/*
 * Unregister what the hold phase registered. A port's pages go back to the
 * kernel only when Xen no longer references them: unregistered now (0) or
 * removed by Xen before (-ENOENT). Anything else leaks them on purpose.
 */
static bool release_one(struct held_port *h, long want)
{
	long rc;

	if (!h->live)
		return true;
	rc = unregister_port(h->id);
	if (rc == 0 || rc == -ENOENT)
		tregion_free(&h->region);
	else
		pr_info("HNF_TEST leaking port %u's pages: Xen may still reference them\n", h->id);
	h->live = false;
	pr_info("HNF_TEST %s unregister port %u (owner d%d): rc=%ld, expected %ld\n",
		rc == want ? "ok" : "FAIL", h->id, h->owner, rc, want);
	return rc == want;
}

static void release_hold_ports(bool report)
{
	bool ok = release_one(&held[0], 0);

	ok = release_one(&held[1], -ENOENT) && ok;
	kfree(held);
	held = NULL;
	if (report)
		pr_info("HNF_TEST_HOLD_RELEASE %s\n", ok ? "PASS" : "FAIL");
}

static int phase_hold(void)
{
	int rc;

	held = kcalloc(2, sizeof(*held), GFP_KERNEL);
	if (!held)
		return -ENOMEM;
	rc = hold_one(&held[0], 0);
	if (rc == 0 && victim >= 0)
		rc = hold_one(&held[1], victim);
	if (rc) {
		release_hold_ports(false);
		return rc;
	}
	return 0;
}

static int __init hnf_testmod_init(void)
{
	if (!xen_domain()) {
		pr_info("HNF_TEST not running on Xen\n");
		return -ENODEV;
	}
	if (!strcmp(phase, "dom0")) {
		phase_dom0();
		return 0;
	}
	if (!strcmp(phase, "guest")) {
		phase_guest();
		return 0;
	}
	if (!strcmp(phase, "hold"))
		return phase_hold();
	pr_info("HNF_TEST unknown phase '%s'\n", phase);
	return -EINVAL;
}

static void __exit hnf_testmod_exit(void)
{
	if (held)
		release_hold_ports(true);
}

module_init(hnf_testmod_init);
module_exit(hnf_testmod_exit);
