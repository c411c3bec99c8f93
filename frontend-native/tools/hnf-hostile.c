/*
 * hnf-hostile — a guest that breaks the ring protocol on purpose, to show
 * that Xen contains it (shared/DESIGN.md, "Memory and trust"): each attack
 * uses its own port, because Xen stops serving a port after its first
 * violation.
 *
 *   hnf-hostile attack KIND DEV   KIND is one of
 *       tx-head     TX head beyond the ring            -> broken, BAD_HEAD
 *       tx-cur      TX cur beyond tail                 -> broken, BAD_HEAD
 *       tx-buf-idx  2 good frames, then buf_idx past the pool -> BAD_BUF_IDX
 *       tx-len      2 good frames, then len > buf_size -> broken, BAD_LEN
 *       rx-head     RX head beyond the ring            -> broken, BAD_HEAD
 *       rx-buf-idx  first 2 malformed TX frames (len 0 and 13: counted, port
 *                   survives), then every RX slot gets a bad buf_idx and we
 *                   wait until a flooded frame arrives -> BAD_BUF_IDX
 *     The sync must fail with EIO (a later one too: the port is dead), and
 *     HYPERNF_OP_STATS on the port must show broken=1 with that reason and
 *     the matching drop counter.
 *   hnf-hostile foreign --min-eperm N [DEV...]
 *       HYPERNF_OP_SYNC (TX|RX) and HYPERNF_OP_STATS of every port id that is
 *       not one of DEV's: each must answer EPERM (another domain's port) or
 *       ENOENT (unused), never succeed; at least N must be EPERM. Bad sync
 *       flags must be EINVAL.
 *
 * The data path goes through the device (netmap ABI); the hypercall itself
 * (stats, foreign syncs) goes through /dev/xen/privcmd, IOCTL_PRIVCMD_HYPERCALL,
 * which lets a guest's root issue any hypercall. Since Linux's "xen/privcmd:
 * restrict usage in unprivileged domU" (in Debian's 6.1 kernels) a domU's
 * privcmd refuses every hypercall with EPERM unless the module is loaded
 * with unrestricted=1 (and the kernel is not locked down); so every result
 * is checked against a control: stats of our own port must succeed, and
 * unused port ids must answer ENOENT, or the EPERMs prove nothing.
 * A port's Xen id is the backend's hnf-port node, read through /dev/xen/xenbus.
 * Output: "HNF_HOSTILE ok|FAIL NAME ..." per check, then
 * "HNF_HOSTILE PASS n/n" or "HNF_HOSTILE FAILED f/n"; exit status 0 on PASS.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "hnf_frame.h"
#include "hnf_nmport.h"
#include "hnf_xs.h"
#include "public/hypernf.h"

/* Linux uapi <xen/privcmd.h>. */
struct privcmd_hypercall {
	uint64_t op;
	uint64_t arg[5];
};
#define IOCTL_PRIVCMD_HYPERCALL _IOC(_IOC_NONE, 'P', 0, sizeof(struct privcmd_hypercall))

static unsigned int checks, failures;
static int privcmd = -1;
static void *arg_page;

static void check(const char *name, int ok, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void check(const char *name, int ok, const char *fmt, ...)
{
	va_list ap;

	checks++;
	failures += !ok;
	printf("HNF_HOSTILE %s %s: ", ok ? "ok" : "FAIL", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* Xen copies arguments from our virtual addresses: keep them in a locked page. */
static int privcmd_open(void)
{
	privcmd = open("/dev/xen/privcmd", O_RDWR);
	if (privcmd < 0) {
		check("privcmd", 0, "/dev/xen/privcmd: %s (load xen-privcmd)", strerror(errno));
		return -1;
	}
	arg_page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED,
			-1, 0);
	if (arg_page == MAP_FAILED) {
		check("privcmd", 0, "locked argument page: %s", strerror(errno));
		return -1;
	}
	memset(arg_page, 0, 4096);
	return 0;
}

static long hnf_op(unsigned int cmd, void *arg, size_t len)
{
	struct privcmd_hypercall hc;
	long rc;

	memcpy(arg_page, arg, len);
	memset(&hc, 0, sizeof(hc));
	hc.op = __HYPERVISOR_hypernf_op;
	hc.arg[0] = cmd;
	hc.arg[1] = (uintptr_t)arg_page;
	rc = ioctl(privcmd, IOCTL_PRIVCMD_HYPERCALL, &hc);
	if (rc < 0)
		rc = -errno;
	memcpy(arg, arg_page, len);
	return rc;
}

static long port_stats(uint32_t port, struct hypernf_port_stats *out)
{
	struct hypernf_stats st;
	long rc;

	memset(&st, 0, sizeof(st));
	st.port = port;
	rc = hnf_op(HYPERNF_OP_STATS, &st, sizeof(st));
	*out = st.stats;
	return rc;
}

/* HYPERNF_OP_STATS of our own port, which must succeed (a check when not). */
static int own_stats(const char *kind, uint32_t port, struct hypernf_port_stats *out)
{
	long rc = port_stats(port, out);
	char name[64];

	if (rc == 0)
		return 0;
	snprintf(name, sizeof(name), "%s-stats", kind);
	check(name, 0, "HYPERNF_OP_STATS of our own hnf-port %u: %s%s", port, strerror((int)-rc),
	      rc == -EPERM ? " (privcmd restricted? load xen-privcmd with unrestricted=1)" : "");
	memset(out, 0, sizeof(*out));
	return -1;
}

/* Xen's port id behind /dev/hypernfN: device/hypernf/N/backend, then its hnf-port. */
static long hnf_port_of(const char *dev)
{
	const char *p = dev + strlen(dev);
	char path[256], back[200], val[32];

	while (p > dev && p[-1] >= '0' && p[-1] <= '9')
		p--;
	if (!*p)
		return -1;
	snprintf(path, sizeof(path), "device/hypernf/%s/backend", p);
	if (hnf_xs_read(path, back, sizeof(back)) <= 0)
		return -1;
	snprintf(path, sizeof(path), "%s/hnf-port", back);
	if (hnf_xs_read(path, val, sizeof(val)) <= 0)
		return -1;
	return strtol(val, NULL, 10);
}

static const char *reason_name(uint32_t r)
{
	static const char *names[] = { "NONE", "BAD_HEAD", "BAD_BUF_IDX", "BAD_LEN" };

	return r < 4 ? names[r] : "?";
}

static void put_frame(struct hnf_ring *r, uint32_t at, uint32_t len, uint64_t seq)
{
	uint32_t idx = hnf_slot_buf_idx(r, at);

	hnf_frame_build(hnf_buf(r, idx), len, NULL, 666, HNF_KIND_DATA, seq);
	hnf_slot_set(r, at, idx, (uint16_t)len, 0);
}

static int sync_errno(int fd, unsigned long req)
{
	return ioctl(fd, req) == 0 ? 0 : errno;
}

static void show_stats(const char *kind, long port, const struct hypernf_port_stats *s)
{
	printf("HNF_HOSTILE stats %s hnf-port=%ld tx_packets=%llu rx_packets=%llu malformed=%llu drop_bad_buf_idx=%llu drop_bad_len=%llu drop_bad_head_cur=%llu syncs=%llu refused_syncs=%llu broken=%u reason=%s\n",
	       kind, port, (unsigned long long)s->tx_packets, (unsigned long long)s->rx_packets,
	       (unsigned long long)s->malformed, (unsigned long long)s->drop_bad_buf_idx,
	       (unsigned long long)s->drop_bad_len, (unsigned long long)s->drop_bad_head_cur,
	       (unsigned long long)s->syncs, (unsigned long long)s->refused_syncs, s->broken,
	       reason_name(s->broken_reason));
}

static int attack(const char *kind, const char *dev, double wait_s)
{
	struct hnf_nmport p;
	struct hnf_ring *tx, *rx;
	struct hypernf_port_stats st;
	uint32_t want_reason, head, i;
	uint64_t before_counter = 0, after_counter = 0;
	long port;
	int e1, e2;
	char name[64];

	if (privcmd_open() || hnf_nmport_open(&p, dev)) {
		check(kind, 0, "cannot open %s or privcmd", dev);
		return 1;
	}
	tx = &p.tx;
	rx = &p.rx;
	port = hnf_port_of(dev);
	check("own-port-id", port >= 0 && port < HYPERNF_MAX_PORTS, "%s is hnf-port %ld", dev, port);
	if (port < 0)
		return 1;
	head = *hnf_ring_u32(tx, NMR_HEAD);
	if (!strcmp(kind, "tx-head")) {
		want_reason = HYPERNF_BROKEN_BAD_HEAD;
		*hnf_ring_u32(tx, NMR_HEAD) = tx->num_slots + 3;
		*hnf_ring_u32(tx, NMR_CUR) = tx->num_slots + 3;
		e1 = sync_errno(p.fd, NIOCTXSYNC);
	} else if (!strcmp(kind, "tx-cur")) {
		/*
		 * A valid head with one frame, cur left behind head: the only
		 * position outside [head, tail] (the slot kept empty). The tail
		 * write is ignored: Xen keeps its own copy.
		 */
		want_reason = HYPERNF_BROKEN_BAD_HEAD;
		put_frame(tx, head, 60, 0);
		*hnf_ring_u32(tx, NMR_HEAD) = hnf_ring_next(tx, head);
		*hnf_ring_u32(tx, NMR_CUR) = head;
		*hnf_ring_u32(tx, NMR_TAIL) = head;
		e1 = sync_errno(p.fd, NIOCTXSYNC);
	} else if (!strcmp(kind, "tx-buf-idx") || !strcmp(kind, "tx-len")) {
		int bad_idx = !strcmp(kind, "tx-buf-idx");
		uint32_t at = head;

		want_reason = bad_idx ? HYPERNF_BROKEN_BAD_BUF_IDX : HYPERNF_BROKEN_BAD_LEN;
		for (i = 0; i < 2; i++, at = hnf_ring_next(tx, at))
			put_frame(tx, at, 60, i);
		if (bad_idx)
			hnf_slot_set(tx, at, tx->nbufs, 60, 0);   /* first index past the region */
		else
			hnf_slot_set(tx, at, hnf_slot_buf_idx(tx, at), (uint16_t)(tx->buf_size + 1), 0);
		hnf_ring_advance(tx, hnf_ring_next(tx, at));
		e1 = sync_errno(p.fd, NIOCTXSYNC);
	} else if (!strcmp(kind, "rx-head")) {
		want_reason = HYPERNF_BROKEN_BAD_HEAD;
		*hnf_ring_u32(rx, NMR_HEAD) = rx->num_slots + 7;
		*hnf_ring_u32(rx, NMR_CUR) = rx->num_slots + 7;
		e1 = sync_errno(p.fd, NIOCRXSYNC);
	} else if (!strcmp(kind, "rx-buf-idx")) {
		uint64_t until;

		want_reason = HYPERNF_BROKEN_BAD_BUF_IDX;
		/* Malformed frames are dropped and counted; the port lives on. */
		hnf_slot_set(tx, head, hnf_slot_buf_idx(tx, head), 0, 0);
		hnf_slot_set(tx, hnf_ring_next(tx, head), hnf_slot_buf_idx(tx, hnf_ring_next(tx, head)), 13, 0);
		hnf_ring_advance(tx, hnf_ring_next(tx, hnf_ring_next(tx, head)));
		e1 = sync_errno(p.fd, NIOCTXSYNC);
		own_stats("malformed", (uint32_t)port, &st);
		show_stats("malformed", port, &st);
		check("malformed-counted", e1 == 0 && st.malformed == 2 && !st.broken,
		      "sync errno=%d malformed=%llu broken=%u", e1, (unsigned long long)st.malformed,
		      st.broken);
		/*
		 * Poison every RX slot, then hand them all back (head = tail), so
		 * that the next flooded frame finds a free slot and reads a bad
		 * buf_idx there (a full ring would only count a drop).
		 */
		for (i = 0; i < rx->num_slots; i++)
			hnf_slot_set(rx, i, 0xfffffff0U, 0, 0);
		hnf_ring_advance(rx, *hnf_ring_u32(rx, NMR_TAIL));
		e1 = sync_errno(p.fd, NIOCRXSYNC);
		check("rx-release", e1 == 0, "released the RX ring: errno %d", e1);
		until = (uint64_t)time(NULL) + (uint64_t)wait_s;
		do {
			struct pollfd pfd = { .fd = p.fd, .events = POLLIN };

			poll(&pfd, 1, 500);
			if (own_stats(kind, (uint32_t)port, &st))
				break;
		} while (!st.broken && (uint64_t)time(NULL) < until);
		if (st.broken)
			e1 = sync_errno(p.fd, NIOCRXSYNC);
	} else {
		fprintf(stderr, "hnf-hostile: unknown attack '%s'\n", kind);
		return 2;
	}
	e2 = sync_errno(p.fd, NIOCTXSYNC);
	own_stats(kind, (uint32_t)port, &st);
	show_stats(kind, port, &st);
	switch (want_reason) {
	case HYPERNF_BROKEN_BAD_HEAD: after_counter = st.drop_bad_head_cur; break;
	case HYPERNF_BROKEN_BAD_BUF_IDX: after_counter = st.drop_bad_buf_idx; break;
	default: after_counter = st.drop_bad_len; break;
	}
	snprintf(name, sizeof(name), "%s-eio", kind);
	check(name, e1 == EIO, "the offending sync failed with errno %d (%s)", e1, strerror(e1));
	snprintf(name, sizeof(name), "%s-dead", kind);
	check(name, e2 == EIO && st.refused_syncs >= 1, "a later sync: errno %d, refused_syncs=%llu",
	      e2, (unsigned long long)st.refused_syncs);
	snprintf(name, sizeof(name), "%s-counted", kind);
	check(name, st.broken == 1 && st.broken_reason == want_reason && after_counter > before_counter,
	      "broken=%u reason=%s (want %s), violation counter=%llu", st.broken,
	      reason_name(st.broken_reason), reason_name(want_reason),
	      (unsigned long long)after_counter);
	if (want_reason != HYPERNF_BROKEN_BAD_HEAD && strcmp(kind, "rx-buf-idx")) {
		snprintf(name, sizeof(name), "%s-valid-before-sent", kind);
		check(name, st.tx_packets + st.drop_no_dest + st.drop_dest_full + st.drop_broken >= 2,
		      "the 2 valid frames before the bad slot were switched: tx_packets=%llu drop_no_dest=%llu drop_dest_full=%llu",
		      (unsigned long long)st.tx_packets, (unsigned long long)st.drop_no_dest,
		      (unsigned long long)st.drop_dest_full);
	}
	hnf_nmport_close(&p);
	return 0;
}

static int foreign(int argc, char **argv)
{
	long own[HYPERNF_MAX_PORTS], eperm = 0, enoent = 0, min_eperm = 1;
	unsigned int nown = 0, id, k;
	int i;

	if (privcmd_open())
		return 1;
	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--min-eperm") && i + 1 < argc) {
			min_eperm = strtol(argv[++i], NULL, 10);
			continue;
		}
		if (nown < HYPERNF_MAX_PORTS)
			own[nown] = hnf_port_of(argv[i]);
		check("own-port-id", own[nown] >= 0, "%s is hnf-port %ld", argv[i], own[nown]);
		nown++;
	}
	if (nown == 0 || own[0] < 0) {
		check("foreign-control", 0, "no own port given, or its id unknown: nothing to compare with");
		return 1;
	}
	{
		struct hypernf_port_stats st;
		long rc = port_stats((uint32_t)own[0], &st);

		/* The control: the same path reaches Xen for a port we own. */
		check("own-stats-via-privcmd", rc == 0, "HYPERNF_OP_STATS of our hnf-port %ld: %s%s",
		      own[0], rc ? strerror((int)-rc) : "ok",
		      rc == -EPERM ? " (privcmd restricted? load xen-privcmd with unrestricted=1)" : "");
		if (rc)
			return 1;
	}
	{
		struct hypernf_sync s = { .port = (uint32_t)own[0], .flags = 0x80 };
		long rc = hnf_op(HYPERNF_OP_SYNC, &s, sizeof(s));

		check("sync-bad-flags", rc == -EINVAL, "flags 0x80 on our own port: %s (want EINVAL)",
		      rc ? strerror((int)-rc) : "accepted");
	}
	for (id = 0; id < HYPERNF_MAX_PORTS; id++) {
		struct hypernf_sync s = { .port = id, .flags = HYPERNF_SYNC_TX | HYPERNF_SYNC_RX };
		struct hypernf_port_stats st;
		long rs, rt;
		int mine = 0;

		for (k = 0; k < nown; k++)
			mine |= own[k] == (long)id;
		if (mine)
			continue;
		rs = hnf_op(HYPERNF_OP_SYNC, &s, sizeof(s));
		rt = port_stats(id, &st);
		if (rs == -EPERM && rt == -EPERM) {
			eperm++;
			printf("HNF_HOSTILE foreign port %u: sync and stats refused (EPERM)\n", id);
		} else if (rs == -ENOENT && rt == -ENOENT) {
			enoent++;
		} else {
			check("foreign-port", 0, "port %u: sync rc=%ld stats rc=%ld (want EPERM or ENOENT)",
			      id, rs, rt);
		}
	}
	check("foreign-sync-eperm", eperm >= min_eperm && enoent >= 1,
	      "%ld other domains' ports refused with EPERM (need %ld), %ld unused ids ENOENT (need 1)",
	      eperm, min_eperm, enoent);
	return 0;
}

int main(int argc, char **argv)
{
	int rc;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 4 && !strcmp(argv[1], "attack"))
		rc = attack(argv[2], argv[3], argc > 4 ? atof(argv[4]) : 120);
	else if (argc >= 2 && !strcmp(argv[1], "foreign"))
		rc = foreign(argc - 2, argv + 2);
	else {
		fprintf(stderr, "usage: hnf-hostile attack tx-head|tx-cur|tx-buf-idx|tx-len|rx-head|rx-buf-idx DEV [WAIT_S]\n"
				"       hnf-hostile foreign [--min-eperm N] [OWN_DEV...]\n");
		return 2;
	}
	if (rc == 2)
		return 2;
	if (failures || rc)
		printf("HNF_HOSTILE FAILED %u/%u\n", failures, checks);
	else
		printf("HNF_HOSTILE PASS %u/%u\n", checks, checks);
	return failures || rc ? 1 : 0;
}
