/*
 * hnf-pcap — frames between a capture file and a netmap-ABI device
 * (/dev/hypernfN in a HyperNF guest; shared/NETMAP-ABI.md), for the lab's
 * generator and sink guests, and the same digest on the host:
 *
 *   hnf-pcap replay DEV FILE [--batch N] [--for S]   every frame of a classic
 *       pcap into DEV's TX ring, N per NIOCTXSYNC, waiting (poll) whenever the
 *       ring is full; ends when the device has taken them all (tail caught
 *       up). With --for, the file is replayed again and again until S
 *       seconds have passed (a load for rate measurements: the switch drops
 *       what a slower receiver has no room for), and a rate line follows.
 *   hnf-pcap hello DEV MAC                 one broadcast frame from MAC with
 *       the local experimental EtherType 0x88b5, so that a learning switch
 *       learns MAC at this port before any traffic is addressed to it.
 *   hnf-pcap record DEV [--expect N] [--quiet S] [--timeout S] [--rate]
 *       prints one line per received frame and a summary; 0x88b5 frames are
 *       counted apart. With --rate, no frame lines: the summary is named
 *       "rate" and adds the seconds from the first frame to the last and the
 *       frames per second over them. Ends S seconds (default 5) after the N-th frame (so
 *       extra frames are seen too), or S seconds after the last frame when
 *       no N is given, or at the timeout (default 300).
 *   hnf-pcap digest FILE                   the lines `record` would print had
 *       it received exactly FILE's frames.
 *
 * Lines: "HNF-PCAP frame I LEN FNV64" and "HNF-PCAP summary frames=N
 * bytes=B digest=D hello=H" (replay prints only "HNF-PCAP sent ..."; the
 * rate lines add " seconds=S pps=P"). FNV64 is 64-bit FNV-1a of the frame; the digest
 * chains FNV-1a over each frame's length (4 bytes, little endian) and bytes,
 * so it covers order, lengths and contents. Exit 0 on success; record exits
 * 1 when it received fewer frames than --expect or more.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

/* Request structures of the netmap API 14 (NETMAP-ABI.md "Control"). */
struct nmreq_header {
	uint16_t nr_version, nr_reqtype;
	uint32_t nr_reserved;
	char nr_name[64];
	uint64_t nr_options, nr_body;
};
struct nmreq_register {
	uint64_t nr_offset, nr_memsize;
	uint32_t nr_tx_slots, nr_rx_slots;
	uint16_t nr_tx_rings, nr_rx_rings, nr_host_tx_rings, nr_host_rx_rings;
	uint16_t nr_mem_id, nr_ringid;
	uint32_t nr_mode, nr_extra_bufs;
	uint64_t nr_flags;
};
_Static_assert(sizeof(struct nmreq_header) == 88, "nmreq_header is 88 bytes");
_Static_assert(sizeof(struct nmreq_register) == 56, "nmreq_register is 56 bytes");

#define NIOCCTRL _IOWR('i', 151, struct nmreq_header)
#define NIOCTXSYNC _IO('i', 148)
#define NIOCRXSYNC _IO('i', 149)
#define NETMAP_API 14
#define NETMAP_REQ_REGISTER 1
#define NR_REG_ALL_NIC 1

/* Offsets inside netmap_if and netmap_ring (NETMAP-ABI.md tables). */
#define IF_TX_RINGS 24
#define IF_HOST_TX_RINGS 36
#define IF_RING_OFS 56
#define RING_BUF_OFS 0
#define RING_NUM_SLOTS 8
#define RING_BUF_SIZE 12
#define RING_HEAD 20
#define RING_CUR 24
#define RING_TAIL 28
#define RING_SLOTS 256
#define SLOT_SIZE 16

#define HELLO_ETHERTYPE 0x88b5
#define MAX_FRAME 65535

struct port {
	int fd;
	uint8_t *mem;
	uint64_t memsize;
	uint8_t *tx, *rx;
	uint32_t tx_slots, rx_slots, buf_size;
};

static void die(const char *fmt, const char *arg, int err)
{
	fprintf(stderr, "hnf-pcap: ");
	fprintf(stderr, fmt, arg);
	if (err)
		fprintf(stderr, ": %s", strerror(err));
	fprintf(stderr, "\n");
	exit(2);
}

static uint32_t rd32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static int64_t rd64s(const uint8_t *p) { int64_t v; memcpy(&v, p, 8); return v; }

/* Volatile accesses for the indices the kernel side also writes. */
static uint32_t ring_get(uint8_t *ring, int ofs) { return *(volatile uint32_t *)(ring + ofs); }
static void ring_set(uint8_t *ring, int ofs, uint32_t v) { *(volatile uint32_t *)(ring + ofs) = v; }

static uint8_t *slot_buf(struct port *p, uint8_t *ring, uint32_t slot, uint16_t **len)
{
	uint8_t *s = ring + RING_SLOTS + (size_t)slot * SLOT_SIZE;
	uint32_t idx = rd32(s);
	uint8_t *buf = ring + rd64s(ring + RING_BUF_OFS) + (uint64_t)idx * p->buf_size;

	*len = (uint16_t *)(s + 4);
	if (buf < p->mem || buf + p->buf_size > p->mem + p->memsize)
		die("slot %s points outside the region", "buffer", 0);
	return buf;
}

static void port_open(struct port *p, const char *dev)
{
	struct nmreq_header h;
	struct nmreq_register r;
	uint8_t *nifp;
	uint32_t ntx, nhtx;

	p->fd = open(dev, O_RDWR | O_CLOEXEC);
	if (p->fd < 0)
		die("cannot open %s", dev, errno);
	memset(&h, 0, sizeof(h));
	memset(&r, 0, sizeof(r));
	h.nr_version = NETMAP_API;
	h.nr_reqtype = NETMAP_REQ_REGISTER;
	snprintf(h.nr_name, sizeof(h.nr_name), "%s", strrchr(dev, '/') ? strrchr(dev, '/') + 1 : dev);
	h.nr_body = (uint64_t)(uintptr_t)&r;
	r.nr_mode = NR_REG_ALL_NIC;
	if (ioctl(p->fd, NIOCCTRL, &h))
		die("NIOCCTRL REGISTER on %s", dev, errno);
	p->memsize = r.nr_memsize;
	if (r.nr_offset + IF_RING_OFS + 16 > r.nr_memsize)
		die("%s replied with a bad nr_offset", dev, 0);
	p->mem = mmap(NULL, r.nr_memsize, PROT_READ | PROT_WRITE, MAP_SHARED, p->fd, 0);
	if (p->mem == MAP_FAILED)
		die("mmap of %s", dev, errno);
	nifp = p->mem + r.nr_offset;
	ntx = rd32(nifp + IF_TX_RINGS);
	nhtx = rd32(nifp + IF_HOST_TX_RINGS);
	if (ntx < 1 || ntx + nhtx > 64)
		die("%s: netmap_if has a bad ring count", dev, 0);
	/* TX ring 0 is ring_ofs[0], RX ring 0 follows every TX ring (API 14). */
	p->tx = nifp + rd64s(nifp + IF_RING_OFS);
	p->rx = nifp + rd64s(nifp + IF_RING_OFS + 8 * (ntx + nhtx));
	if (p->tx < p->mem || p->tx + RING_SLOTS > p->mem + p->memsize ||
	    p->rx < p->mem || p->rx + RING_SLOTS > p->mem + p->memsize)
		die("%s: a ring lies outside the region", dev, 0);
	p->tx_slots = rd32(p->tx + RING_NUM_SLOTS);
	p->rx_slots = rd32(p->rx + RING_NUM_SLOTS);
	p->buf_size = rd32(p->tx + RING_BUF_SIZE);
	if (p->tx_slots < 2 || p->rx_slots < 2 || p->buf_size < 64 ||
	    p->tx + RING_SLOTS + (size_t)p->tx_slots * SLOT_SIZE > p->mem + p->memsize ||
	    p->rx + RING_SLOTS + (size_t)p->rx_slots * SLOT_SIZE > p->mem + p->memsize)
		die("%s: bad ring geometry", dev, 0);
}

static uint64_t fnv_step(uint64_t h, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

#define FNV_BASIS 0xcbf29ce484222325ULL

struct tally {
	int print;            /* one line per frame */
	unsigned long frames, hello;
	unsigned long long bytes;
	uint64_t digest;
	double first, last;   /* monotonic seconds of the first and last frame */
};

static void account(struct tally *t, const uint8_t *f, uint32_t len)
{
	uint8_t l4[4] = { len & 0xff, (len >> 8) & 0xff, (len >> 16) & 0xff, len >> 24 };

	if (len >= 14 && f[12] == (HELLO_ETHERTYPE >> 8) && f[13] == (HELLO_ETHERTYPE & 0xff)) {
		t->hello++;
		return;
	}
	if (t->print)
		printf("HNF-PCAP frame %lu %u %016llx\n", t->frames, len,
		       (unsigned long long)fnv_step(FNV_BASIS, f, len));
	t->digest = fnv_step(fnv_step(t->digest, l4, 4), f, len);
	t->frames++;
	t->bytes += len;
}

static void summary(const char *what, const struct tally *t)
{
	printf("HNF-PCAP %s frames=%lu bytes=%llu digest=%016llx hello=%lu\n",
	       what, t->frames, t->bytes, (unsigned long long)t->digest, t->hello);
	fflush(stdout);
}

/* Frames per second between the first and the last frame counted. */
static void rate_line(const char *what, const struct tally *t)
{
	double s = t->frames > 1 ? t->last - t->first : 0;

	printf("HNF-PCAP %s frames=%lu bytes=%llu hello=%lu seconds=%.3f pps=%.0f\n",
	       what, t->frames, t->bytes, t->hello, s, s > 0 ? (t->frames - 1) / s : 0.0);
	fflush(stdout);
}

/* Classic pcap, either byte order, microsecond or nanosecond stamps. */
struct pcap_in {
	FILE *f;
	int swap;
};

static uint32_t fix(const struct pcap_in *in, uint32_t v)
{
	return in->swap ? __builtin_bswap32(v) : v;
}

static void pcap_open(struct pcap_in *in, const char *path)
{
	uint8_t gh[24];
	uint32_t magic;

	in->f = fopen(path, "rb");
	if (!in->f)
		die("cannot open %s", path, errno);
	if (fread(gh, 1, 24, in->f) != 24)
		die("%s: shorter than a pcap header", path, 0);
	magic = rd32(gh);
	if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d)
		in->swap = 0;
	else if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1)
		in->swap = 1;
	else
		die("%s: not a classic pcap file (pcapng is not read here)", path, 0);
	if (fix(in, rd32(gh + 20)) != 1)
		die("%s: link type is not Ethernet", path, 0);
}

/* Next record into buf; returns its length, 0 at a clean end, dies on a torn record. */
static uint32_t pcap_next(struct pcap_in *in, uint8_t *buf, const char *path)
{
	uint8_t rh[16];
	size_t n = fread(rh, 1, 16, in->f);
	uint32_t caplen;

	if (n == 0)
		return 0;
	if (n != 16)
		die("%s: torn record header at the end", path, 0);
	caplen = fix(in, rd32(rh + 8));
	if (caplen == 0 || caplen > MAX_FRAME)
		die("%s: a record has a bad length", path, 0);
	if (fread(buf, 1, caplen, in->f) != caplen)
		die("%s: torn record at the end", path, 0);
	return caplen;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint32_t next_slot(uint32_t i, uint32_t n) { return i + 1 == n ? 0 : i + 1; }

/* Slots the application owns in TX: [head, tail), minus nothing (tail is exclusive). */
static uint32_t tx_space(struct port *p)
{
	uint32_t head = ring_get(p->tx, RING_HEAD), tail = ring_get(p->tx, RING_TAIL);

	return tail >= head ? tail - head : tail + p->tx_slots - head;
}

static void wait_tx(struct port *p)
{
	struct pollfd pfd = { .fd = p->fd, .events = POLLOUT };

	if (poll(&pfd, 1, 1000) < 0 && errno != EINTR)
		die("poll on %s", "the device", errno);
	ioctl(p->fd, NIOCTXSYNC);
}

static void put_frame(struct port *p, const uint8_t *f, uint32_t len)
{
	uint32_t head;
	uint16_t *slen;
	uint8_t *buf;

	while (tx_space(p) == 0)
		wait_tx(p);
	head = ring_get(p->tx, RING_HEAD);
	if (head >= p->tx_slots)
		die("TX head outside the ring%s", "", 0);
	buf = slot_buf(p, p->tx, head, &slen);
	memcpy(buf, f, len);
	*slen = len;
	head = next_slot(head, p->tx_slots);
	ring_set(p->tx, RING_CUR, head);
	ring_set(p->tx, RING_HEAD, head);
}

/* Until the device has taken every queued slot: tail one behind head. */
static int drain_tx(struct port *p, double deadline)
{
	while (tx_space(p) != p->tx_slots - 1) {
		if (now_s() > deadline)
			return -1;
		wait_tx(p);
	}
	return 0;
}

static int cmd_replay(const char *dev, const char *path, unsigned batch, double seconds)
{
	struct port p;
	struct pcap_in in;
	struct tally t = { 0, 0, 0, 0, FNV_BASIS, 0, 0 };
	static uint8_t frame[MAX_FRAME];
	unsigned queued = 0;
	uint32_t len;
	double end = 0;

	pcap_open(&in, path);
	port_open(&p, dev);
	t.first = now_s();
	if (seconds > 0)
		end = t.first + seconds;
	for (;;) {
		len = pcap_next(&in, frame, path);
		if (len == 0) {
			/* The end of the file: again from the first record while the time lasts. */
			if (end == 0 || now_s() >= end || t.frames == 0)
				break;
			if (fseek(in.f, 24, SEEK_SET))
				die("cannot rewind %s", path, errno);
			continue;
		}
		if (len > p.buf_size) {
			fprintf(stderr, "hnf-pcap: frame %lu of %u bytes exceeds the %u-byte buffers; skipped\n",
				t.frames, len, p.buf_size);
			continue;
		}
		put_frame(&p, frame, len);
		account(&t, frame, len);
		if (++queued == batch) {
			if (ioctl(p.fd, NIOCTXSYNC))
				die("NIOCTXSYNC on %s", dev, errno);
			queued = 0;
		}
	}
	if (ioctl(p.fd, NIOCTXSYNC))
		die("NIOCTXSYNC on %s", dev, errno);
	if (drain_tx(&p, now_s() + 60)) {
		fprintf(stderr, "hnf-pcap: %s did not take every frame within 60 s\n", dev);
		return 1;
	}
	t.last = now_s();
	summary("sent", &t);
	if (seconds > 0)
		rate_line("sent-rate", &t);
	return 0;
}

static int parse_mac(const char *s, uint8_t mac[6])
{
	unsigned v[6];

	if (sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]) != 6)
		return -1;
	for (int i = 0; i < 6; i++)
		mac[i] = v[i];
	return 0;
}

static int cmd_hello(const char *dev, const char *mac)
{
	struct port p;
	uint8_t f[60] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	if (parse_mac(mac, f + 6))
		die("'%s' is not a MAC address aa:bb:cc:dd:ee:ff", mac, 0);
	f[12] = HELLO_ETHERTYPE >> 8;
	f[13] = HELLO_ETHERTYPE & 0xff;
	memcpy(f + 14, "hypernf hello", 13);
	port_open(&p, dev);
	put_frame(&p, f, sizeof(f));
	if (ioctl(p.fd, NIOCTXSYNC))
		die("NIOCTXSYNC on %s", dev, errno);
	if (drain_tx(&p, now_s() + 30)) {
		fprintf(stderr, "hnf-pcap: %s did not take the hello frame\n", dev);
		return 1;
	}
	printf("HNF-PCAP hello sent from %s on %s\n", mac, dev);
	return 0;
}

static int cmd_record(const char *dev, long expect, double quiet, double timeout, int rate)
{
	struct port p;
	struct tally t = { !rate, 0, 0, 0, FNV_BASIS, 0, 0 };
	struct pollfd pfd;
	double start = now_s(), last = 0, enough = 0;
	uint32_t head, tail;

	port_open(&p, dev);
	pfd.fd = p.fd;
	pfd.events = POLLIN;
	printf("HNF-PCAP recording on %s\n", dev);
	fflush(stdout);
	for (;;) {
		double now = now_s();

		if (now - start > timeout)
			break;
		if (expect >= 0 && enough > 0 && now - enough > quiet)
			break;
		if (expect < 0 && last > 0 && now - last > quiet)
			break;
		if (poll(&pfd, 1, 200) < 0 && errno != EINTR)
			die("poll on %s", dev, errno);
		if (ioctl(p.fd, NIOCRXSYNC))
			die("NIOCRXSYNC on %s", dev, errno);
		head = ring_get(p.rx, RING_HEAD);
		tail = ring_get(p.rx, RING_TAIL);
		if (head >= p.rx_slots || tail >= p.rx_slots)
			die("RX indices outside the ring on %s", dev, 0);
		while (head != tail) {
			uint16_t *slen;
			uint8_t *buf = slot_buf(&p, p.rx, head, &slen);
			uint16_t len = *slen;

			account(&t, buf, len > p.buf_size ? p.buf_size : len);
			head = next_slot(head, p.rx_slots);
			last = now_s();
			if (t.frames == 1 && t.first == 0)
				t.first = last;
			t.last = last;
		}
		ring_set(p.rx, RING_CUR, head);
		ring_set(p.rx, RING_HEAD, head);
		if (expect >= 0 && enough == 0 && (long)t.frames >= expect)
			enough = now_s();
	}
	if (rate)
		rate_line("rate", &t);
	else
		summary("summary", &t);
	if (expect >= 0 && (long)t.frames != expect) {
		printf("HNF-PCAP record expected %ld frames, got %lu\n", expect, t.frames);
		return 1;
	}
	return 0;
}

static int cmd_digest(const char *path)
{
	struct pcap_in in;
	struct tally t = { 1, 0, 0, 0, FNV_BASIS, 0, 0 };
	static uint8_t frame[MAX_FRAME];
	uint32_t len;

	pcap_open(&in, path);
	while ((len = pcap_next(&in, frame, path)) != 0)
		account(&t, frame, len);
	summary("summary", &t);
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: hnf-pcap replay DEV FILE [--batch N] [--for S]\n"
		"       hnf-pcap hello DEV MAC\n"
		"       hnf-pcap record DEV [--expect N] [--quiet S] [--timeout S] [--rate]\n"
		"       hnf-pcap digest FILE\n");
	exit(2);
}

static double number(const char *s, double min, double max)
{
	char *end;
	double v = strtod(s, &end);

	if (*s == 0 || *end != 0 || v < min || v > max)
		die("'%s' is not a number in range", s, 0);
	return v;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 3)
		usage();
	if (!strcmp(argv[1], "replay") && argc >= 4) {
		unsigned batch = 32;
		double seconds = 0;

		for (int i = 4; i < argc; i += 2) {
			if (i + 1 >= argc)
				usage();
			if (!strcmp(argv[i], "--batch"))
				batch = (unsigned)number(argv[i + 1], 1, 4096);
			else if (!strcmp(argv[i], "--for"))
				seconds = number(argv[i + 1], 0.1, 3600);
			else
				usage();
		}
		return cmd_replay(argv[2], argv[3], batch, seconds);
	}
	if (!strcmp(argv[1], "hello") && argc == 4)
		return cmd_hello(argv[2], argv[3]);
	if (!strcmp(argv[1], "digest") && argc == 3)
		return cmd_digest(argv[2]);
	if (!strcmp(argv[1], "record")) {
		long expect = -1;
		double quiet = 5, timeout = 300;
		int rate = 0;

		for (int i = 3; i < argc; i += 2) {
			if (!strcmp(argv[i], "--rate")) {
				rate = 1;
				i--;
				continue;
			}
			if (i + 1 >= argc)
				usage();
			if (!strcmp(argv[i], "--expect"))
				expect = (long)number(argv[i + 1], 0, 1e9);
			else if (!strcmp(argv[i], "--quiet"))
				quiet = number(argv[i + 1], 0, 3600);
			else if (!strcmp(argv[i], "--timeout"))
				timeout = number(argv[i + 1], 1, 86400);
			else
				usage();
		}
		return cmd_record(argv[2], expect, quiet, timeout, rate);
	}
	usage();
	return 2;
}
