/*
 * hnf-pktgen — packet generator, receiver and forwarder over the netmap ABI
 * only (shared/NETMAP-ABI.md): it opens a device, registers it (NIOCCTRL
 * API 14, legacy NIOCREGIF as fallback), mmaps the region and moves frames
 * with NIOCTXSYNC / NIOCRXSYNC and poll(). On a HyperNF guest every sync is
 * the hypercall. Written for this project in the spirit of netmap's pkt-gen.
 *
 *   hnf-pktgen tx  [opts] [DEV]   send --count frames (--size list), --rate pps,
 *                                 --batch per sync; --window W: at most W frames
 *                                 not yet acknowledged by the receiver (no loss
 *                                 by construction when W < the receiver's ring)
 *   hnf-pktgen rx  [opts] [DEV]   receive and verify the stream; --ack sends the
 *                                 count of released frames back to the sender
 *   hnf-pktgen fwd [opts] DEV [--dev2 DEV2]   RX of DEV copied to TX of DEV2,
 *                                 or with --swap reflected on DEV zero-copy
 *                                 (buffer indices exchanged, NS_BUF_CHANGED)
 *
 * Frames (hnf_frame.h) carry stream, sequence number, length and a CRC-32, so
 * the receiver counts received, intact, corrupt, duplicate, out-of-order,
 * missing and foreign frames. Output: one machine-readable line per mode,
 *   HNF_PKTGEN tx|rx|fwd key=value ...
 * then "HNF_PKTGEN RESULT PASS|FAIL <reason>"; exit status 0 only on PASS.
 * rx passes when exactly --count distinct intact frames arrived, nothing
 * corrupt, duplicated or out of order (--at-least N instead allows loss).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hnf_frame.h"
#include "hnf_nmport.h"

#define ACK_LEN 60U
#define HELLO_INTERVAL_NS 1000000000ULL

struct opts {
	const char *mode, *dev, *dev2, *size_spec;
	uint64_t count, at_least, rate;
	uint32_t batch, window;
	double duration, timeout;
	uint16_t stream;
	int ack, swap, have_dst;
	uint8_t dst[6];
};

static int result_fail;
static char result_reason[256];

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail(const char *fmt, ...)
{
	va_list ap;

	if (result_fail++)
		return;
	va_start(ap, fmt);
	vsnprintf(result_reason, sizeof(result_reason), fmt, ap);
	va_end(ap);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static double secs(uint64_t ns) { return (double)ns / 1e9; }

static void rate_line(uint64_t pkts, uint64_t bytes, uint64_t ns)
{
	double s = ns ? secs(ns) : 1e-9;

	printf(" elapsed=%.3f pps=%.0f mbps=%.3f", secs(ns), (double)pkts / s,
	       (double)bytes * 8 / s / 1e6);
}

static int sync_or_report(struct hnf_nmport *p, unsigned long req, const char *what)
{
	if (ioctl(p->fd, req) == 0)
		return 0;
	fail("%s on %s: %s", what, p->path, strerror(errno));
	return -1;
}

/* Put one ACK (seq = frames released so far) in the TX ring and sync. */
static int send_ack(struct hnf_nmport *p, const struct opts *o, uint64_t released)
{
	uint8_t sender[6];
	uint32_t head;

	if (hnf_ring_space(&p->tx) == 0 && sync_or_report(p, NIOCTXSYNC, "NIOCTXSYNC"))
		return -1;
	if (hnf_ring_space(&p->tx) == 0)
		return 0;   /* the next ack carries the count */
	hnf_frame_mac(sender, o->stream, HNF_KIND_DATA);
	head = *hnf_ring_u32(&p->tx, NMR_HEAD);
	hnf_frame_build(hnf_buf(&p->tx, hnf_slot_buf_idx(&p->tx, head)), ACK_LEN, sender,
			o->stream, HNF_KIND_ACK, released);
	hnf_slot_set(&p->tx, head, hnf_slot_buf_idx(&p->tx, head), ACK_LEN, 0);
	hnf_ring_advance(&p->tx, hnf_ring_next(&p->tx, head));
	return sync_or_report(p, NIOCTXSYNC, "NIOCTXSYNC");
}

/* Read every ACK of our stream in the RX ring; returns the highest count. */
static uint64_t drain_acks(struct hnf_nmport *p, const struct opts *o, uint64_t acked,
			   int *seen_any)
{
	struct hnf_ring *r = &p->rx;
	uint32_t head = *hnf_ring_u32(r, NMR_HEAD);
	uint32_t tail = *hnf_ring_u32(r, NMR_TAIL);

	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	while (head != tail) {
		struct hnf_frame_info fi;
		uint32_t idx = hnf_slot_buf_idx(r, head);

		if (hnf_buf_ok(r, idx) && hnf_slot_len(r, head) <= r->buf_size &&
		    hnf_frame_check(hnf_buf(r, idx), hnf_slot_len(r, head), &fi) == HNF_FRAME_OK &&
		    fi.kind == HNF_KIND_ACK && fi.stream == o->stream) {
			*seen_any = 1;
			if (fi.seq > acked)
				acked = fi.seq;
		}
		head = hnf_ring_next(r, head);
	}
	/*
	 * Release the slots at once: an ACK that finds our ring full is
	 * dropped, and the receiver has nothing new to acknowledge while we
	 * wait for it.
	 */
	if (head != *hnf_ring_u32(r, NMR_HEAD)) {
		hnf_ring_advance(r, head);
		if (ioctl(p->fd, NIOCRXSYNC) != 0)
			fail("NIOCRXSYNC on %s: %s", p->path, strerror(errno));
	}
	return acked;
}

/*
 * While we wait for ACKs, frames of ours may still sit in the TX ring: a
 * sync forwards at most the switch's batch limit (hnfctl batch; VALE's
 * bridge_batch behaves the same), so the rest waits for the next TX sync.
 * Nobody else will issue it, so we do, as netmap's pkt-gen does by polling
 * with POLLOUT. All sent: tail is one slot behind head (the slot netmap
 * keeps empty).
 */
static uint64_t tx_flushes;     /* such extra TX syncs, reported as flushes= */

static int flush_tx(struct hnf_nmport *p)
{
	if (hnf_ring_space(&p->tx) + 1 >= p->tx.num_slots)
		return 0;
	tx_flushes++;
	return sync_or_report(p, NIOCTXSYNC, "NIOCTXSYNC");
}

static int wait_ready(struct hnf_nmport *p, short events, int ms)
{
	struct pollfd pfd = { .fd = p->fd, .events = events };
	int rc = poll(&pfd, 1, ms);

	if (rc < 0 && errno != EINTR) {
		fail("poll on %s: %s", p->path, strerror(errno));
		return -1;
	}
	if (rc > 0 && (pfd.revents & (POLLERR | POLLHUP | POLLNVAL))) {
		fail("poll on %s: revents 0x%x (port broken or gone)", p->path, pfd.revents);
		return -1;
	}
	return rc > 0;
}

static int run_tx(const struct opts *o, struct hnf_nmport *p, const struct hnf_sizes *sz)
{
	uint64_t sent = 0, bytes = 0, syncs = 0, acked = 0, start, t, last_progress;
	uint64_t limit = o->count ? o->count : UINT64_MAX;
	uint64_t end = o->duration > 0 ? (uint64_t)(o->duration * 1e9) : UINT64_MAX;
	uint64_t stall_ns = (uint64_t)(o->timeout * 1e9);
	uint32_t max_len = p->tx.buf_size;
	int peer_seen = 0;

	for (uint32_t i = 0; i < sz->n; i++)
		if (sz->size[i] > max_len) {
			fail("size %u exceeds the ring's buffer size %u", sz->size[i], max_len);
			return -1;
		}
	start = now_ns();
	if (o->window) {
		/* The receiver says hello (ACK 0) once it is on the switch. */
		while (!peer_seen) {
			if (now_ns() - start > stall_ns) {
				fail("no ACK from a receiver of stream %u within %.0fs", o->stream, o->timeout);
				goto out;
			}
			if (wait_ready(p, POLLIN, 200) < 0)
				goto out;
			acked = drain_acks(p, o, acked, &peer_seen);
			if (sync_or_report(p, NIOCRXSYNC, "NIOCRXSYNC"))
				goto out;
		}
		printf("HNF_PKTGEN tx receiver of stream %u is up after %.3fs\n", o->stream,
		       secs(now_ns() - start));
		start = now_ns();
	}
	last_progress = start;
	while (sent < limit && (t = now_ns()) - start < end) {
		uint64_t budget = o->batch;
		uint32_t space, head, n;

		if (o->rate) {
			uint64_t due = (uint64_t)((double)(t - start) * (double)o->rate / 1e9) + 1;

			if (due <= sent) {
				struct timespec ts = { 0, (long)(1e9 / (double)o->rate) };

				if (ts.tv_nsec > 10000000)
					ts.tv_nsec = 10000000;
				nanosleep(&ts, NULL);
				continue;
			}
			if (due - sent < budget)
				budget = due - sent;
		}
		if (o->window) {
			uint64_t before = acked;

			acked = drain_acks(p, o, acked, &peer_seen);
			if (acked != before)
				last_progress = t;
			if (sent - acked >= o->window) {
				if (t - last_progress > stall_ns) {
					fail("stalled: %llu sent, %llu acknowledged, no progress for %.0fs",
					     (unsigned long long)sent, (unsigned long long)acked, o->timeout);
					break;
				}
				if (flush_tx(p) || wait_ready(p, POLLIN, 100) < 0 ||
				    sync_or_report(p, NIOCRXSYNC, "NIOCRXSYNC"))
					break;
				continue;
			}
			if (o->window - (sent - acked) < budget)
				budget = o->window - (sent - acked);
		}
		if (limit - sent < budget)
			budget = limit - sent;
		space = hnf_ring_space(&p->tx);
		if (space == 0) {
			if (wait_ready(p, POLLOUT, 1000) < 0)
				break;
			continue;
		}
		if (space < budget)
			budget = space;
		head = *hnf_ring_u32(&p->tx, NMR_HEAD);
		for (n = 0; n < budget; n++, sent++) {
			uint32_t len = hnf_sizes_of(sz, sent), idx = hnf_slot_buf_idx(&p->tx, head);

			hnf_frame_build(hnf_buf(&p->tx, idx), len, o->have_dst ? o->dst : NULL,
					o->stream, HNF_KIND_DATA, sent);
			hnf_slot_set(&p->tx, head, idx, (uint16_t)len, 0);
			bytes += len;
			head = hnf_ring_next(&p->tx, head);
		}
		hnf_ring_advance(&p->tx, head);
		syncs++;
		if (sync_or_report(p, NIOCTXSYNC, "NIOCTXSYNC"))
			break;
	}
	t = now_ns();
	if (o->window && !result_fail) {
		/* Wait (bounded) for the receiver to acknowledge the last frames. */
		uint64_t until = t + (stall_ns < 10000000000ULL ? stall_ns : 10000000000ULL);

		while (acked < sent && now_ns() < until) {
			if (flush_tx(p) || wait_ready(p, POLLIN, 100) < 0 ||
			    sync_or_report(p, NIOCRXSYNC, "NIOCRXSYNC"))
				break;
			acked = drain_acks(p, o, acked, &peer_seen);
		}
	}
out:
	t = now_ns();
	printf("HNF_PKTGEN tx dev=%s stream=%u sent=%llu bytes=%llu syncs=%llu", p->path, o->stream,
	       (unsigned long long)sent, (unsigned long long)bytes, (unsigned long long)syncs);
	if (o->window)
		printf(" window=%u acked=%llu flushes=%llu", o->window, (unsigned long long)acked,
		       (unsigned long long)tx_flushes);
	rate_line(sent, bytes, t - start);
	printf("\n");
	if (o->count && sent != o->count)
		fail("sent %llu of %llu", (unsigned long long)sent, (unsigned long long)o->count);
	return result_fail ? -1 : 0;
}

static int run_rx(const struct opts *o, struct hnf_nmport *p, const struct hnf_sizes *sz)
{
	struct hnf_rx_tally t;
	struct hnf_ring *r = &p->rx;
	uint64_t start = now_ns(), first = 0, last_frame, last_hello = 0, bytes = 0, acked = 0;
	uint64_t foreign = 0, acks_sent = 0, other_streams = 0, now;
	uint64_t idle_ns = (uint64_t)(o->timeout * 1e9);
	uint64_t end = o->duration > 0 ? (uint64_t)(o->duration * 1e9) : UINT64_MAX;
	uint64_t goal = o->count ? o->count : o->at_least;

	if (hnf_tally_init(&t, o->count)) {
		fail("no memory for a bitmap of %llu frames", (unsigned long long)o->count);
		return -1;
	}
	last_frame = start;
	for (;;) {
		uint32_t head, tail;
		int rc;

		now = now_ns();
		if (goal && (o->count ? t.distinct : t.intact) >= goal &&
		    (!o->ack || acked == t.received))
			break;
		if (now - start >= end)
			break;
		if (now - last_frame >= idle_ns) {
			if (goal)
				fail("no frame of stream %u for %.0fs", o->stream, o->timeout);
			break;
		}
		/*
		 * Before the first frame: hello (ACK 0) so the sender knows we are
		 * on the switch. When idle: repeat the last ACK, in case the sender's
		 * ring was full when it was sent.
		 */
		if (o->ack && now - last_hello >= HELLO_INTERVAL_NS &&
		    (t.received == 0 || now - last_frame >= HELLO_INTERVAL_NS)) {
			if (send_ack(p, o, t.received))
				break;
			acks_sent++;
			last_hello = now;
		}
		rc = wait_ready(p, POLLIN, 200);
		if (rc < 0)
			break;
		head = *hnf_ring_u32(r, NMR_HEAD);
		tail = *hnf_ring_u32(r, NMR_TAIL);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		while (head != tail) {
			struct hnf_frame_info fi;
			uint32_t idx = hnf_slot_buf_idx(r, head), len = hnf_slot_len(r, head);
			enum hnf_verdict v;

			memset(&fi, 0, sizeof(fi));
			v = len <= r->buf_size && hnf_buf_ok(r, idx)
				? hnf_frame_check(hnf_buf(r, idx), len, &fi) : HNF_FRAME_CORRUPT;
			if (v == HNF_FRAME_FOREIGN) {
				foreign++;
			} else if (fi.stream != o->stream || fi.kind != HNF_KIND_DATA) {
				other_streams++;
			} else {
				hnf_tally_add(&t, v, &fi, hnf_sizes_of(sz, fi.seq));
				bytes += len;
				if (!first)
					first = now_ns();
				last_frame = now_ns();
			}
			head = hnf_ring_next(r, head);
		}
		hnf_ring_advance(r, head);
		if (sync_or_report(p, NIOCRXSYNC, "NIOCRXSYNC"))
			break;
		/* Released: the sender may now count these slots as free again. */
		if (o->ack && t.received != acked) {
			if (send_ack(p, o, t.received))
				break;
			acks_sent++;
			acked = t.received;
		}
	}
	now = now_ns();
	printf("HNF_PKTGEN rx dev=%s stream=%u expected=%llu received=%llu intact=%llu corrupt=%llu duplicate=%llu out_of_order=%llu missing=%llu unexpected=%llu other_streams=%llu foreign=%llu acks_sent=%llu bytes=%llu",
	       p->path, o->stream, (unsigned long long)o->count, (unsigned long long)t.received,
	       (unsigned long long)t.intact, (unsigned long long)t.corrupt,
	       (unsigned long long)t.duplicate, (unsigned long long)t.out_of_order,
	       (unsigned long long)hnf_tally_missing(&t), (unsigned long long)t.unexpected,
	       (unsigned long long)other_streams, (unsigned long long)foreign,
	       (unsigned long long)acks_sent, (unsigned long long)bytes);
	rate_line(t.received, bytes, first ? last_frame - first : 0);
	printf("\n");
	if (t.corrupt)
		fail("%llu corrupt frames", (unsigned long long)t.corrupt);
	else if (t.duplicate || t.out_of_order || t.unexpected)
		fail("%llu duplicate, %llu out of order, %llu beyond --count",
		     (unsigned long long)t.duplicate, (unsigned long long)t.out_of_order,
		     (unsigned long long)t.unexpected);
	else if (o->count && t.distinct != o->count)
		fail("%llu of %llu frames arrived (%llu missing)", (unsigned long long)t.distinct,
		     (unsigned long long)o->count, (unsigned long long)hnf_tally_missing(&t));
	else if (o->at_least && t.intact < o->at_least)
		fail("%llu intact frames, fewer than %llu", (unsigned long long)t.intact,
		     (unsigned long long)o->at_least);
	hnf_tally_free(&t);
	return result_fail ? -1 : 0;
}

/*
 * Forward: every frame of in's RX ring goes to out's TX ring (copied), or
 * with swap (in == out) its buffer is exchanged with a free TX slot's.
 */
static int run_fwd(const struct opts *o, struct hnf_nmport *in, struct hnf_nmport *out)
{
	uint64_t fwd = 0, bytes = 0, unusable = 0, start = now_ns(), last = start, t;
	uint64_t end = o->duration > 0 ? (uint64_t)(o->duration * 1e9) : UINT64_MAX;
	uint64_t idle_ns = (uint64_t)(o->timeout * 1e9);
	struct hnf_ring *rx = &in->rx, *tx = &out->tx;

	while ((!o->count || fwd < o->count) && (t = now_ns()) - start < end &&
	       t - last < idle_ns) {
		uint32_t rh, rt, th, space, moved = 0;

		if (wait_ready(in, POLLIN, 200) < 0)
			break;
		rh = *hnf_ring_u32(rx, NMR_HEAD);
		rt = *hnf_ring_u32(rx, NMR_TAIL);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		space = hnf_ring_space(tx);
		th = *hnf_ring_u32(tx, NMR_HEAD);
		while (rh != rt && space > 0 && moved < o->batch) {
			uint32_t ridx = hnf_slot_buf_idx(rx, rh), len = hnf_slot_len(rx, rh);
			uint32_t tidx = hnf_slot_buf_idx(tx, th);

			if (len > tx->buf_size || !hnf_buf_ok(rx, ridx) || !hnf_buf_ok(tx, tidx)) {
				unusable++;
				rh = hnf_ring_next(rx, rh);
				moved++;
				continue;
			}
			if (o->swap) {
				hnf_slot_set(tx, th, ridx, (uint16_t)len, NS_BUF_CHANGED);
				hnf_slot_set(rx, rh, tidx, 0, NS_BUF_CHANGED);
			} else {
				memcpy(hnf_buf(tx, tidx), hnf_buf(rx, ridx), len);
				hnf_slot_set(tx, th, tidx, (uint16_t)len, 0);
			}
			th = hnf_ring_next(tx, th);
			space--;
			fwd++;
			bytes += len;
			rh = hnf_ring_next(rx, rh);
			moved++;
		}
		if (moved) {
			last = now_ns();
			hnf_ring_advance(tx, th);
			if (sync_or_report(out, NIOCTXSYNC, "NIOCTXSYNC"))
				break;
			hnf_ring_advance(rx, rh);
		}
		if (sync_or_report(in, NIOCRXSYNC, "NIOCRXSYNC"))
			break;
	}
	t = now_ns();
	printf("HNF_PKTGEN fwd dev=%s to=%s mode=%s forwarded=%llu bytes=%llu unusable=%llu", in->path,
	       out->path, o->swap ? "swap" : "copy", (unsigned long long)fwd,
	       (unsigned long long)bytes, (unsigned long long)unusable);
	rate_line(fwd, bytes, t - start);
	printf("\n");
	if (o->count && fwd != o->count)
		fail("forwarded %llu of %llu", (unsigned long long)fwd, (unsigned long long)o->count);
	return result_fail ? -1 : 0;
}

static int parse_mac(const char *s, uint8_t mac[6])
{
	unsigned int b[6], i;
	char extra;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5], &extra) != 6)
		return -1;
	for (i = 0; i < 6; i++) {
		if (b[i] > 255)
			return -1;
		mac[i] = (uint8_t)b[i];
	}
	return 0;
}

static int parse_u64(const char *name, const char *s, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s || *end || *s == '-' || v > max) {
		fprintf(stderr, "hnf-pktgen: --%s '%s' is not a number in 0..%llu\n", name, s,
			(unsigned long long)max);
		return -1;
	}
	*out = v;
	return 0;
}

static int parse_secs(const char *name, const char *s, double *out)
{
	char *end;

	*out = strtod(s, &end);
	if (end == s || *end || !(*out >= 0) || *out > 1e6) {
		fprintf(stderr, "hnf-pktgen: --%s '%s' is not a number of seconds\n", name, s);
		return -1;
	}
	return 0;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: hnf-pktgen tx|rx|fwd [--dev PATH] [--dev2 PATH] [--size LIST] [--count N]\n"
		"       [--at-least N] [--rate PPS] [--batch B] [--window W] [--ack] [--swap]\n"
		"       [--duration S] [--timeout S] [--stream ID] [--dst MAC] [PATH]\n"
		"  LIST: sizes and ranges, e.g. 60,64,128,512,1514,max or 60-80 (max: buffer size)\n");
}

static int parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
		{ "dev", 1, 0, 'd' }, { "dev2", 1, 0, 'D' }, { "size", 1, 0, 's' },
		{ "count", 1, 0, 'n' }, { "at-least", 1, 0, 'L' }, { "rate", 1, 0, 'r' },
		{ "batch", 1, 0, 'b' }, { "window", 1, 0, 'w' }, { "ack", 0, 0, 'a' },
		{ "swap", 0, 0, 'S' }, { "duration", 1, 0, 't' }, { "timeout", 1, 0, 'T' },
		{ "stream", 1, 0, 'i' }, { "dst", 1, 0, 'm' }, { 0, 0, 0, 0 }
	};
	uint64_t v;
	int c;

	memset(o, 0, sizeof(*o));
	o->size_spec = "60";
	o->batch = 64;
	o->timeout = 60;
	o->stream = 1;
	if (argc < 2) {
		usage();
		return -1;
	}
	o->mode = argv[1];
	if (strcmp(o->mode, "tx") && strcmp(o->mode, "rx") && strcmp(o->mode, "fwd")) {
		fprintf(stderr, "hnf-pktgen: mode '%s' is not tx, rx or fwd\n", o->mode);
		usage();
		return -1;
	}
	optind = 2;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'd': o->dev = optarg; break;
		case 'D': o->dev2 = optarg; break;
		case 's': o->size_spec = optarg; break;
		case 'n': if (parse_u64("count", optarg, 1ULL << 32, &o->count)) return -1; break;
		case 'L': if (parse_u64("at-least", optarg, UINT64_MAX, &o->at_least)) return -1; break;
		case 'r': if (parse_u64("rate", optarg, 100000000, &o->rate)) return -1; break;
		case 'b':
			if (parse_u64("batch", optarg, 65536, &v) || v == 0) {
				fprintf(stderr, "hnf-pktgen: --batch must be 1..65536\n");
				return -1;
			}
			o->batch = (uint32_t)v;
			break;
		case 'w': if (parse_u64("window", optarg, 1U << 20, &v)) return -1; o->window = (uint32_t)v; break;
		case 'a': o->ack = 1; break;
		case 'S': o->swap = 1; break;
		case 't': if (parse_secs("duration", optarg, &o->duration)) return -1; break;
		case 'T': if (parse_secs("timeout", optarg, &o->timeout)) return -1; break;
		case 'i':
			if (parse_u64("stream", optarg, 65535, &v)) return -1;
			o->stream = (uint16_t)v;
			break;
		case 'm':
			if (parse_mac(optarg, o->dst)) {
				fprintf(stderr, "hnf-pktgen: --dst '%s' is not a MAC address\n", optarg);
				return -1;
			}
			o->have_dst = 1;
			break;
		default:
			usage();
			return -1;
		}
	}
	if (optind < argc)
		o->dev = argv[optind++];
	if (optind < argc) {
		fprintf(stderr, "hnf-pktgen: unexpected argument '%s'\n", argv[optind]);
		return -1;
	}
	if (!o->dev)
		o->dev = HNF_DEFAULT_DEV;
	if (o->count && o->at_least) {
		fprintf(stderr, "hnf-pktgen: --count and --at-least exclude each other\n");
		return -1;
	}
	if (o->swap && o->dev2) {
		fprintf(stderr, "hnf-pktgen: --swap reflects on one device; drop --dev2\n");
		return -1;
	}
	if (!strcmp(o->mode, "fwd") && !o->swap && !o->dev2) {
		fprintf(stderr, "hnf-pktgen: fwd needs --dev2 PATH or --swap\n");
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct hnf_nmport port, port2;
	static struct hnf_sizes sizes;
	struct opts o;
	char err[160];
	int rc;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (parse_args(argc, argv, &o))
		return 2;
	if (hnf_nmport_open(&port, o.dev)) {
		printf("HNF_PKTGEN RESULT FAIL cannot open %s\n", o.dev);
		return 1;
	}
	if (hnf_sizes_parse(&sizes, o.size_spec, port.tx.buf_size < port.rx.buf_size ?
			    port.tx.buf_size : port.rx.buf_size, err, sizeof(err))) {
		fprintf(stderr, "hnf-pktgen: --size: %s\n", err);
		hnf_nmport_close(&port);
		return 2;
	}
	if (o.window && o.window >= port.tx.num_slots) {
		/* Every unacknowledged frame may sit in the receiver's ring. */
		fprintf(stderr, "hnf-pktgen: note: --window %u is not below the ring size %u; loss is possible\n",
			o.window, port.tx.num_slots);
	}
	printf("HNF_PKTGEN start mode=%s dev=%s api=%s slots=%u/%u buf_size=%u sizes=%u count=%llu rate=%llu batch=%u window=%u\n",
	       o.mode, o.dev, port.legacy ? "11" : "14", port.tx.num_slots, port.rx.num_slots,
	       port.tx.buf_size, sizes.n, (unsigned long long)o.count,
	       (unsigned long long)o.rate, o.batch, o.window);
	if (!strcmp(o.mode, "tx")) {
		rc = run_tx(&o, &port, &sizes);
	} else if (!strcmp(o.mode, "rx")) {
		rc = run_rx(&o, &port, &sizes);
	} else if (o.swap) {
		rc = run_fwd(&o, &port, &port);
	} else if (hnf_nmport_open(&port2, o.dev2)) {
		fail("cannot open %s", o.dev2);
		rc = -1;
	} else {
		rc = run_fwd(&o, &port, &port2);
		hnf_nmport_close(&port2);
	}
	hnf_nmport_close(&port);
	if (rc || result_fail) {
		printf("HNF_PKTGEN RESULT FAIL %s\n", result_reason[0] ? result_reason : "(see above)");
		return 1;
	}
	printf("HNF_PKTGEN RESULT PASS\n");
	return 0;
}
