/*
 * hnf-probe — checks /dev/hypernfN from user space with the netmap ABI only
 * (shared/NETMAP-ABI.md), as an unmodified netmap application would use it:
 *   1. NIOCCTRL PORT_INFO_GET and legacy NIOCGINFO agree on the geometry;
 *   2. NIOCCTRL REGISTER (API 14) answers it too; a second REGISTER on
 *      another fd is refused (EBUSY); bad requests get EINVAL / ENOTTY;
 *   3. mmap of nr_memsize bytes: the netmap_if and both rings read back the
 *      geometry, every slot's buf_idx is in range;
 *   4. with --tx N: N broadcast frames (size --size) put in the TX ring and
 *      NIOCTXSYNC; --expect-sync ok requires rc 0 and the ring's tail to
 *      move past them (Xen took them), --expect-sync unsupported requires
 *      EOPNOTSUPP (the hypervisor lacks HyperNF).
 *   5. with --rx N: poll() for POLLIN (up to --timeout s) and NIOCRXSYNC
 *      until N frames arrived; each payload must carry the sender's pattern.
 * Prints "HNF_PROBE ok NAME" / "HNF_PROBE FAIL NAME: ..." per check, then
 * "HNF_PROBE PASS n/n" or "HNF_PROBE FAILED f/n"; exit status 0 only on PASS.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
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

#include "netmap/hnf_netmap.h"

static unsigned int checks, failures;

static void check(const char *name, int ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void check(const char *name, int ok, const char *fmt, ...)
{
	va_list ap;

	checks++;
	printf("HNF_PROBE %s %s", ok ? "ok" : "FAIL", name);
	if (fmt && *fmt) {
		printf(ok ? " (" : ": ");
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		if (ok)
			printf(")");
	}
	printf("\n");
	fflush(stdout);
	if (!ok)
		failures++;
}

static uint32_t rd32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint16_t rd16(const uint8_t *p) { uint16_t v; memcpy(&v, p, 2); return v; }
static int64_t rd64(const uint8_t *p) { int64_t v; memcpy(&v, p, 8); return v; }
static volatile uint32_t *f32(uint8_t *p) { return (volatile uint32_t *)p; }

static int ctrl(int fd, uint16_t version, uint16_t type, void *body)
{
	struct nmreq_header h;

	memset(&h, 0, sizeof(h));
	h.nr_version = version;
	h.nr_reqtype = type;
	strcpy(h.nr_name, "netmap:eth1");
	h.nr_body = (uintptr_t)body;
	return ioctl(fd, NIOCCTRL, &h);
}

static void fill_frame(uint8_t *buf, unsigned int len, unsigned int seq)
{
	static const uint8_t src[6] = { 0x02, 0x00, 0x00, 0x00, 0x4e, 0x46 };
	unsigned int i;

	memset(buf, 0xff, 6);            /* broadcast: flooded to every port */
	memcpy(buf + 6, src, 6);
	buf[12] = 0x88;                  /* EtherType 0x88b5: local experimental */
	buf[13] = 0xb5;
	for (i = 14; i < len; i++)
		buf[i] = (uint8_t)(seq * 7 + i);
	buf[14] = (uint8_t)seq;
}

static int payload_ok(const uint8_t *buf, unsigned int len)
{
	unsigned int seq = buf[14], i;

	if (len < 16 || buf[12] != 0x88 || buf[13] != 0xb5)
		return 0;
	for (i = 15; i < len; i++)
		if (buf[i] != (uint8_t)(seq * 7 + i))
			return 0;
	return 1;
}

int main(int argc, char **argv)
{
	const char *path = "/dev/hypernf0", *expect_sync = "none";
	unsigned int tx = 0, rx = 0, size = 60, timeout = 60;
	struct nmreq_port_info_get info;
	struct nmreq_register reg;
	struct nmreq_legacy leg;
	uint8_t *mem, *nifp, *ring[2];
	int fd, fd2, rc, opt, i;

	static const struct option opts[] = {
		{ "dev", 1, 0, 'd' }, { "tx", 1, 0, 't' }, { "rx", 1, 0, 'r' },
		{ "size", 1, 0, 's' }, { "expect-sync", 1, 0, 'e' },
		{ "timeout", 1, 0, 'T' }, { 0, 0, 0, 0 }
	};
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'd': path = optarg; break;
		case 't': tx = strtoul(optarg, NULL, 0); break;
		case 'r': rx = strtoul(optarg, NULL, 0); break;
		case 's': size = strtoul(optarg, NULL, 0); break;
		case 'e': expect_sync = optarg; break;
		case 'T': timeout = strtoul(optarg, NULL, 0); break;
		default:
			fprintf(stderr, "usage: hnf-probe [--dev PATH] [--tx N --size B --expect-sync ok|unsupported] [--rx N --timeout S]\n");
			return 2;
		}
	}
	if (size < 16 || size > 1514) {
		fprintf(stderr, "hnf-probe: --size %u outside 16..1514\n", size);
		return 2;
	}

	fd = open(path, O_RDWR);
	check("open", fd >= 0, "%s: %s", path, fd >= 0 ? "opened" : strerror(errno));
	if (fd < 0)
		goto out;

	memset(&info, 0, sizeof(info));
	rc = ctrl(fd, 14, 2, &info);
	check("port-info-get", rc == 0 && info.nr_memsize && info.nr_tx_rings == 1,
	      "rc=%d memsize=%llu slots=%u/%u rings=%u/%u mem_id=%u", rc,
	      (unsigned long long)info.nr_memsize, info.nr_tx_slots, info.nr_rx_slots,
	      info.nr_tx_rings, info.nr_rx_rings, info.nr_mem_id);
	memset(&leg, 0, sizeof(leg));
	leg.nr_version = 11;
	strcpy(leg.nr_name, "eth1");
	rc = ioctl(fd, NIOCGINFO, &leg);
	check("legacy-ginfo", rc == 0 && leg.nr_memsize == info.nr_memsize &&
	      leg.nr_tx_slots == info.nr_tx_slots && leg.nr_rx_slots == info.nr_rx_slots,
	      "rc=%d memsize=%u slots=%u/%u", rc, leg.nr_memsize, leg.nr_tx_slots, leg.nr_rx_slots);
	errno = 0;
	rc = ctrl(fd, 13, 2, &info);
	check("bad-version-einval", rc == -1 && errno == EINVAL, "rc=%d errno=%d", rc, errno);
	errno = 0;
	rc = ioctl(fd, _IO('i', 200));
	check("unknown-ioctl-enotty", rc == -1 && errno == ENOTTY, "rc=%d errno=%d", rc, errno);
	errno = 0;
	rc = ioctl(fd, NIOCTXSYNC);
	check("sync-before-register-einval", rc == -1 && errno == EINVAL, "rc=%d errno=%d", rc, errno);

	memset(&reg, 0, sizeof(reg));
	reg.nr_mode = 1;
	rc = ctrl(fd, 14, 1, &reg);
	check("register", rc == 0 && reg.nr_memsize == info.nr_memsize &&
	      reg.nr_tx_slots == info.nr_tx_slots && reg.nr_rx_rings == 1,
	      "rc=%d offset=%llu memsize=%llu slots=%u/%u rings=%u/%u", rc,
	      (unsigned long long)reg.nr_offset, (unsigned long long)reg.nr_memsize,
	      reg.nr_tx_slots, reg.nr_rx_slots, reg.nr_tx_rings, reg.nr_rx_rings);
	if (rc)
		goto out;
	fd2 = open(path, O_RDWR);
	errno = 0;
	rc = fd2 >= 0 ? ctrl(fd2, 14, 1, &(struct nmreq_register){ .nr_mode = 1 }) : -1;
	check("second-register-ebusy", rc == -1 && errno == EBUSY, "rc=%d errno=%d", rc, errno);
	if (fd2 >= 0)
		close(fd2);

	mem = mmap(NULL, reg.nr_memsize, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check("mmap", mem != MAP_FAILED, "%s", mem == MAP_FAILED ? strerror(errno) : "");
	if (mem == MAP_FAILED)
		goto out;
	nifp = mem + reg.nr_offset;
	check("netmap-if", rd32(nifp + NMI_VERSION) == 14 && rd32(nifp + NMI_TX_RINGS) == 1 &&
	      rd32(nifp + NMI_RX_RINGS) == 1,
	      "name=%.16s version=%u rings=%u/%u ring_ofs=%lld/%lld", (char *)nifp + NMI_NAME,
	      rd32(nifp + NMI_VERSION), rd32(nifp + NMI_TX_RINGS), rd32(nifp + NMI_RX_RINGS),
	      (long long)rd64(nifp + NMI_RING_OFS), (long long)rd64(nifp + NMI_RING_OFS + 8));
	for (i = 0; i < 2; i++) {
		int64_t ofs = rd64(nifp + NMI_RING_OFS + 8 * i);
		uint32_t slots = i ? reg.nr_rx_slots : reg.nr_tx_slots, s, bad = 0;
		char name[32];

		ring[i] = nifp + ofs;
		if (ofs <= 0 || reg.nr_offset + ofs + NMR_SLOTS + 16ull * slots > reg.nr_memsize) {
			check(i ? "rx-ring" : "tx-ring", 0, "ring_ofs %lld outside the region", (long long)ofs);
			goto out;
		}
		for (s = 0; s < slots; s++) {
			uint8_t *slot = ring[i] + NMR_SLOTS + 16 * s;
			int64_t b = rd64(ring[i] + NMR_BUF_OFS) + (int64_t)rd32(slot) * rd32(ring[i] + NMR_BUF_SIZE);

			bad += ofs + b < 0 || (uint64_t)(reg.nr_offset + ofs + b) +
				rd32(ring[i] + NMR_BUF_SIZE) > reg.nr_memsize;
		}
		snprintf(name, sizeof(name), "%s-ring", i ? "rx" : "tx");
		check(name, rd32(ring[i] + NMR_NUM_SLOTS) == slots && rd16(ring[i] + NMR_DIR) == i && !bad,
		      "num_slots=%u buf_size=%u dir=%u head=%u cur=%u tail=%u buffers-out-of-region=%u",
		      rd32(ring[i] + NMR_NUM_SLOTS), rd32(ring[i] + NMR_BUF_SIZE), rd16(ring[i] + NMR_DIR),
		      rd32(ring[i] + NMR_HEAD), rd32(ring[i] + NMR_CUR), rd32(ring[i] + NMR_TAIL), bad);
	}

	if (tx) {
		uint8_t *r = ring[0];
		uint32_t n = rd32(r + NMR_NUM_SLOTS), head = *f32(r + NMR_HEAD), sent = 0;
		uint32_t tail = *f32(r + NMR_TAIL), avail = (tail + n - head) % n;

		while (sent < tx && sent < avail) {
			uint8_t *slot = r + NMR_SLOTS + 16 * head;
			uint8_t *buf = r + rd64(r + NMR_BUF_OFS) + (uint64_t)rd32(slot) * rd32(r + NMR_BUF_SIZE);

			fill_frame(buf, size, sent);
			memcpy(slot + 4, &(uint16_t){ size }, 2);
			head = (head + 1) % n;
			sent++;
		}
		__atomic_thread_fence(__ATOMIC_RELEASE);
		*f32(r + NMR_HEAD) = head;
		*f32(r + NMR_CUR) = head;
		errno = 0;
		rc = ioctl(fd, NIOCTXSYNC);
		if (!strcmp(expect_sync, "unsupported"))
			check("txsync-unsupported", rc == -1 && errno == EOPNOTSUPP, "rc=%d errno=%d", rc, errno);
		else
			check("txsync", rc == 0 && sent == tx && *f32(r + NMR_TAIL) != tail,
			      "rc=%d errno=%d queued=%u head=%u tail %u -> %u", rc, errno, sent,
			      head, tail, *f32(r + NMR_TAIL));
	}

	if (rx) {
		uint8_t *r = ring[1];
		uint32_t n = rd32(r + NMR_NUM_SLOTS), got = 0, good = 0;
		time_t until = time(NULL) + timeout;
		struct pollfd p = { .fd = fd, .events = POLLIN };

		while (got < rx && time(NULL) < until) {
			uint32_t head, tail;

			rc = poll(&p, 1, 1000);
			if (rc < 0 || (p.revents & (POLLERR | POLLHUP)))
				break;
			head = *f32(r + NMR_HEAD);
			tail = *f32(r + NMR_TAIL);
			__atomic_thread_fence(__ATOMIC_ACQUIRE);
			while (head != tail) {
				uint8_t *slot = r + NMR_SLOTS + 16 * head;
				uint32_t len = rd16(slot + 4);
				uint8_t *buf = r + rd64(r + NMR_BUF_OFS) + (uint64_t)rd32(slot) * rd32(r + NMR_BUF_SIZE);

				good += len == size && payload_ok(buf, len);
				got++;
				head = (head + 1) % n;
			}
			*f32(r + NMR_HEAD) = head;
			*f32(r + NMR_CUR) = head;
			ioctl(fd, NIOCRXSYNC);
		}
		check("rx", got == rx && good == rx, "received %u of %u, %u intact, poll rc=%d revents=0x%x",
		      got, rx, good, rc, p.revents);
	}
	check("munmap", munmap(mem, reg.nr_memsize) == 0, "%s", "");
out:
	if (fd >= 0)
		close(fd);
	if (failures)
		printf("HNF_PROBE FAILED %u/%u\n", failures, checks);
	else
		printf("HNF_PROBE PASS %u/%u\n", checks, checks);
	return failures ? 1 : 0;
}
