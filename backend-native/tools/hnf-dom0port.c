/*
 * hnf-dom0port — checks /dev/hypernf-dom0 (backend-native/localport.c) from
 * a dom0 program using only the netmap ABI (shared/NETMAP-ABI.md), with a
 * VALE port name as a netmap application passes it:
 *   1. malformed requests are refused: a name that is not SWITCH:PORT or not
 *      NUL-terminated (EINVAL), API 13 (EINVAL), options (EOPNOTSUPP), host
 *      rings (EINVAL), sync and mmap before REGISTER (EINVAL);
 *   2. PORT_INFO_GET, then NIOCCTRL REGISTER of --name; a second REGISTER on
 *      the same fd and the same name on another fd are refused (EBUSY);
 *   3. mmap: MAP_PRIVATE and a size beyond nr_memsize are refused; the
 *      netmap_if and rings read back the geometry;
 *   4. --rx N: poll() + NIOCRXSYNC until N frames of --rx-size bytes carrying
 *      hnf-probe's payload pattern (frontend-native/tools/hnf-probe.c) arrived;
 *   5. --tx N: N broadcast frames of --tx-size bytes in that pattern,
 *      NIOCTXSYNC, and Xen must have taken them (tail moved);
 *   6. --then CMD runs CMD while the port is still open (e.g. hnfctl list).
 * Prints "HNF_DOM0PORT ok|FAIL NAME ..." per check, then "HNF_DOM0PORT PASS
 * n/n" or "HNF_DOM0PORT FAILED f/n"; exit status 0 only on PASS.
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

static void check(const char *name, int ok, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void check(const char *name, int ok, const char *fmt, ...)
{
	va_list ap;

	checks++;
	failures += !ok;
	printf("HNF_DOM0PORT %s %s (", ok ? "ok" : "FAIL", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(")\n");
	fflush(stdout);
}

static uint32_t rd32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static int64_t rd64(const uint8_t *p) { int64_t v; memcpy(&v, p, 8); return v; }
static volatile uint32_t *f32(uint8_t *p) { return (volatile uint32_t *)p; }

static int ctrl(int fd, uint16_t version, uint16_t type, const char *name, size_t name_len,
		uint64_t options, void *body)
{
	struct nmreq_header h;

	memset(&h, 0, sizeof(h));
	h.nr_version = version;
	h.nr_reqtype = type;
	memcpy(h.nr_name, name, name_len);
	h.nr_options = options;
	h.nr_body = (uintptr_t)body;
	return ioctl(fd, NIOCCTRL, &h);
}

static int reg_name(int fd, const char *name, struct nmreq_register *reg)
{
	memset(reg, 0, sizeof(*reg));
	reg->nr_mode = 1;
	return ctrl(fd, 14, 1, name, strlen(name), 0, reg);
}

/* The refusal check: rc -1 with the expected errno. */
static void refused(const char *what, int rc, int want)
{
	check(what, rc == -1 && errno == want, "rc=%d errno=%d (%s), want %d", rc,
	      rc ? errno : 0, rc ? strerror(errno) : "-", want);
	errno = 0;
}

/* hnf-probe's frame: broadcast, EtherType 0x88b5, seq at 14, pattern after. */
static void fill_frame(uint8_t *buf, unsigned int len, unsigned int seq)
{
	static const uint8_t src[6] = { 0x02, 0x00, 0x00, 0x00, 0x4e, 0x44 };
	unsigned int i;

	memset(buf, 0xff, 6);
	memcpy(buf + 6, src, 6);
	buf[12] = 0x88;
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

static uint8_t *slot_buf(uint8_t *ring, uint32_t slot)
{
	uint8_t *s = ring + NMR_SLOTS + 16 * slot;

	return ring + rd64(ring + NMR_BUF_OFS) + (uint64_t)rd32(s) * rd32(ring + NMR_BUF_SIZE);
}

int main(int argc, char **argv)
{
	const char *path = "/dev/hypernf-dom0", *name = "valex:vtx", *then = NULL;
	unsigned int tx = 0, rx = 0, tx_size = 60, rx_size = 60, timeout = 60;
	struct nmreq_port_info_get info;
	struct nmreq_register reg;
	char long_name[64];
	uint8_t *mem, *nifp, *ring[2];
	int fd, fd2, rc, opt, i;
	void *m;

	static const struct option opts[] = {
		{ "dev", 1, 0, 'd' }, { "name", 1, 0, 'n' }, { "tx", 1, 0, 't' },
		{ "rx", 1, 0, 'r' }, { "tx-size", 1, 0, 's' }, { "rx-size", 1, 0, 'S' },
		{ "timeout", 1, 0, 'T' }, { "then", 1, 0, 'x' }, { 0, 0, 0, 0 }
	};
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'd': path = optarg; break;
		case 'n': name = optarg; break;
		case 't': tx = strtoul(optarg, NULL, 0); break;
		case 'r': rx = strtoul(optarg, NULL, 0); break;
		case 's': tx_size = strtoul(optarg, NULL, 0); break;
		case 'S': rx_size = strtoul(optarg, NULL, 0); break;
		case 'T': timeout = strtoul(optarg, NULL, 0); break;
		case 'x': then = optarg; break;
		default:
			fprintf(stderr, "usage: hnf-dom0port [--dev PATH] [--name SWITCH:PORT] [--rx N --rx-size B --timeout S] [--tx N --tx-size B] [--then CMD]\n");
			return 2;
		}
	}
	if (tx_size < 16 || tx_size > 1514 || rx_size < 16 || rx_size > 1514) {
		fprintf(stderr, "hnf-dom0port: frame sizes must be 16..1514\n");
		return 2;
	}

	fd = open(path, O_RDWR);
	check("open", fd >= 0, "%s: %s", path, fd >= 0 ? "opened" : strerror(errno));
	if (fd < 0)
		goto out;

	refused("name-without-switch-einval", reg_name(fd, "valex", &reg), EINVAL);
	refused("name-bad-char-einval", reg_name(fd, "valex:a-b", &reg), EINVAL);
	memset(long_name, 'a', sizeof(long_name));
	long_name[5] = ':';
	refused("name-unterminated-einval", ctrl(fd, 14, 1, long_name, 64, 0, &reg), EINVAL);
	refused("api13-einval", ctrl(fd, 13, 1, name, strlen(name), 0, &reg), EINVAL);
	refused("options-eopnotsupp", ctrl(fd, 14, 1, name, strlen(name), (uintptr_t)&info, &reg),
		EOPNOTSUPP);
	memset(&reg, 0, sizeof(reg));
	reg.nr_host_tx_rings = 1;
	refused("host-rings-einval", ctrl(fd, 14, 1, name, strlen(name), 0, &reg), EINVAL);
	refused("sync-before-register-einval", ioctl(fd, NIOCTXSYNC), EINVAL);
	m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	refused("mmap-before-register-einval", m == MAP_FAILED ? -1 : 0, EINVAL);

	memset(&info, 0, sizeof(info));
	rc = ctrl(fd, 14, 2, name, strlen(name), 0, &info);
	check("port-info-get", rc == 0 && info.nr_memsize && info.nr_tx_rings == 1,
	      "rc=%d memsize=%llu slots=%u/%u", rc, (unsigned long long)info.nr_memsize,
	      info.nr_tx_slots, info.nr_rx_slots);
	rc = reg_name(fd, name, &reg);
	check("register", rc == 0 && reg.nr_memsize == info.nr_memsize && reg.nr_tx_rings == 1 &&
	      reg.nr_rx_rings == 1, "%s: rc=%d %s offset=%llu memsize=%llu slots=%u/%u", name, rc,
	      rc ? strerror(errno) : "", (unsigned long long)reg.nr_offset,
	      (unsigned long long)reg.nr_memsize, reg.nr_tx_slots, reg.nr_rx_slots);
	if (rc)
		goto out;
	{
		struct nmreq_register again;

		refused("second-register-same-fd-ebusy", reg_name(fd, name, &again), EBUSY);
		fd2 = open(path, O_RDWR);
		refused("same-name-other-fd-ebusy", fd2 >= 0 ? reg_name(fd2, name, &again) : 0, EBUSY);
		if (fd2 >= 0)
			close(fd2);
	}

	m = mmap(NULL, reg.nr_memsize, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	refused("mmap-private-einval", m == MAP_FAILED ? -1 : 0, EINVAL);
	m = mmap(NULL, reg.nr_memsize + 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	refused("mmap-too-large-einval", m == MAP_FAILED ? -1 : 0, EINVAL);
	mem = mmap(NULL, reg.nr_memsize, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check("mmap", mem != MAP_FAILED, "%s", mem == MAP_FAILED ? strerror(errno) : "shared");
	if (mem == MAP_FAILED)
		goto out;
	nifp = mem + reg.nr_offset;
	check("netmap-if", rd32(nifp + NMI_VERSION) == 14 && rd32(nifp + NMI_TX_RINGS) == 1 &&
	      rd32(nifp + NMI_RX_RINGS) == 1 && !strncmp((char *)nifp, strchr(name, ':') + 1, 16),
	      "name=%.16s version=%u rings=%u/%u", (char *)nifp + NMI_NAME, rd32(nifp + NMI_VERSION),
	      rd32(nifp + NMI_TX_RINGS), rd32(nifp + NMI_RX_RINGS));
	for (i = 0; i < 2; i++) {
		int64_t ofs = rd64(nifp + NMI_RING_OFS + 8 * i);
		uint32_t slots = i ? reg.nr_rx_slots : reg.nr_tx_slots;

		if (ofs <= 0 || reg.nr_offset + ofs + NMR_SLOTS + 16ull * slots > reg.nr_memsize) {
			check(i ? "rx-ring" : "tx-ring", 0, "ring_ofs %lld outside the region", (long long)ofs);
			goto out;
		}
		ring[i] = nifp + ofs;
		check(i ? "rx-ring" : "tx-ring", rd32(ring[i] + NMR_NUM_SLOTS) == slots,
		      "num_slots=%u head=%u cur=%u tail=%u", rd32(ring[i] + NMR_NUM_SLOTS),
		      rd32(ring[i] + NMR_HEAD), rd32(ring[i] + NMR_CUR), rd32(ring[i] + NMR_TAIL));
	}

	if (rx) {
		uint8_t *r = ring[1];
		uint32_t n = rd32(r + NMR_NUM_SLOTS), got = 0, good = 0;
		time_t until = time(NULL) + timeout;
		struct pollfd p = { .fd = fd, .events = POLLIN };

		rc = 0;
		while (got < rx && time(NULL) < until) {
			uint32_t head, tail;

			rc = poll(&p, 1, 1000);
			if (rc < 0 || (p.revents & (POLLERR | POLLHUP)))
				break;
			head = *f32(r + NMR_HEAD);
			tail = *f32(r + NMR_TAIL);
			__atomic_thread_fence(__ATOMIC_ACQUIRE);
			while (head != tail && head < n) {
				uint32_t len = rd32(r + NMR_SLOTS + 16 * head + 4) & 0xffff;

				good += len == rx_size && payload_ok(slot_buf(r, head), len);
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

	if (tx) {
		uint8_t *r = ring[0];
		uint32_t n = rd32(r + NMR_NUM_SLOTS), head = *f32(r + NMR_HEAD), sent = 0;
		uint32_t tail = *f32(r + NMR_TAIL);

		while (sent < tx && head != tail) {
			fill_frame(slot_buf(r, head), tx_size, sent);
			memcpy(r + NMR_SLOTS + 16 * head + 4, &(uint16_t){ tx_size }, 2);
			head = (head + 1) % n;
			sent++;
		}
		__atomic_thread_fence(__ATOMIC_RELEASE);
		*f32(r + NMR_HEAD) = head;
		*f32(r + NMR_CUR) = head;
		rc = ioctl(fd, NIOCTXSYNC);
		check("txsync", rc == 0 && sent == tx && *f32(r + NMR_TAIL) != tail,
		      "rc=%d %s queued=%u head=%u tail %u -> %u", rc, rc ? strerror(errno) : "",
		      sent, head, tail, *f32(r + NMR_TAIL));
	}
	if (then) {
		fflush(stdout);
		rc = system(then);
		check("then", rc == 0, "%s: status %d", then, rc);
	}
	check("munmap", munmap(mem, reg.nr_memsize) == 0, "%s", "");
out:
	if (fd >= 0)
		close(fd);
	if (failures)
		printf("HNF_DOM0PORT FAILED %u/%u\n", failures, checks);
	else
		printf("HNF_DOM0PORT PASS %u/%u\n", checks, checks);
	return failures ? 1 : 0;
}
