/*
 * hnf_nmport.c — opening a netmap-ABI port (see hnf_nmport.h), with the
 * request structs of patches/include/netmap/hnf_netmap.h (written from
 * shared/NETMAP-ABI.md and size-checked there); no netmap header is used.
 */
#include "hnf_nmport.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int64_t rd64(const uint8_t *p) { int64_t v; memcpy(&v, p, 8); return v; }
static uint32_t rd32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }

static int do_register(struct hnf_nmport *p)
{
	struct nmreq_header h;
	struct nmreq_register reg;
	struct nmreq_legacy leg;

	memset(&h, 0, sizeof(h));
	memset(&reg, 0, sizeof(reg));
	h.nr_version = 14;
	h.nr_reqtype = NETMAP_REQ_REGISTER;
	snprintf(h.nr_name, sizeof(h.nr_name), "netmap:eth1");
	h.nr_body = (uintptr_t)&reg;
	reg.nr_mode = NR_REG_ALL_NIC;
	if (ioctl(p->fd, NIOCCTRL, &h) == 0) {
		p->nr_offset = reg.nr_offset;
		p->memsize = reg.nr_memsize;
		return 0;
	}
	/* An API 11 device answers NIOCCTRL with ENOTTY (unknown ioctl). */
	if (errno != ENOTTY && errno != EINVAL && errno != EOPNOTSUPP) {
		fprintf(stderr, "%s: NIOCCTRL REGISTER: %s\n", p->path, strerror(errno));
		return -1;
	}
	memset(&leg, 0, sizeof(leg));
	leg.nr_version = 11;
	snprintf(leg.nr_name, sizeof(leg.nr_name), "eth1");
	if (ioctl(p->fd, NIOCREGIF, &leg) != 0) {
		fprintf(stderr, "%s: NIOCCTRL and NIOCREGIF both refused: %s\n", p->path,
			strerror(errno));
		return -1;
	}
	p->legacy = 1;
	p->nr_offset = leg.nr_offset;
	p->memsize = leg.nr_memsize;
	return 0;
}

static int find_ring(struct hnf_nmport *p, uint32_t index, struct hnf_ring *r)
{
	const uint8_t *nifp = p->mem + p->nr_offset;
	int64_t ofs = rd64(nifp + NMI_RING_OFS + 8 * (uint64_t)index);
	uint64_t at = p->nr_offset + (uint64_t)ofs, nbufs;
	int64_t pool;

	if (ofs <= 0 || at + NMR_SLOTS > p->memsize) {
		fprintf(stderr, "%s: ring_ofs[%u]=%lld lies outside the %llu-byte region\n", p->path,
			index, (long long)ofs, (unsigned long long)p->memsize);
		return -1;
	}
	r->hdr = p->mem + at;
	r->num_slots = rd32(r->hdr + NMR_NUM_SLOTS);
	r->buf_size = rd32(r->hdr + NMR_BUF_SIZE);
	r->buf_ofs = rd64(r->hdr + NMR_BUF_OFS);
	if (r->num_slots < 2 || at + NMR_SLOTS + (uint64_t)NMS_SIZE * r->num_slots > p->memsize ||
	    r->buf_size == 0) {
		fprintf(stderr, "%s: ring %u: %u slots of %u bytes do not fit the region\n", p->path,
			index, r->num_slots, r->buf_size);
		return -1;
	}
	/* Buffers from the pool's start up to the region's end (buf_ofs may be negative). */
	pool = (int64_t)at + r->buf_ofs;
	if (pool < 0 || (uint64_t)pool >= p->memsize) {
		fprintf(stderr, "%s: ring %u: buf_ofs %lld points outside the region\n", p->path,
			index, (long long)r->buf_ofs);
		return -1;
	}
	nbufs = (p->memsize - (uint64_t)pool) / r->buf_size;
	r->nbufs = nbufs > UINT32_MAX ? UINT32_MAX : (uint32_t)nbufs;
	return 0;
}

int hnf_nmport_open(struct hnf_nmport *p, const char *path)
{
	const uint8_t *nifp;
	uint32_t tx_rings, host_tx;

	memset(p, 0, sizeof(*p));
	p->path = path;
	p->mem = MAP_FAILED;
	p->fd = open(path, O_RDWR);
	if (p->fd < 0) {
		fprintf(stderr, "%s: open: %s\n", path, strerror(errno));
		return -1;
	}
	if (do_register(p))
		goto fail;
	if (p->memsize == 0 || p->nr_offset + NMI_RING_OFS + 16 > p->memsize) {
		fprintf(stderr, "%s: register gave offset %llu in a %llu-byte region\n", path,
			(unsigned long long)p->nr_offset, (unsigned long long)p->memsize);
		goto fail;
	}
	p->mem = mmap(NULL, p->memsize, PROT_READ | PROT_WRITE, MAP_SHARED, p->fd, 0);
	if (p->mem == MAP_FAILED) {
		fprintf(stderr, "%s: mmap %llu bytes: %s\n", path, (unsigned long long)p->memsize,
			strerror(errno));
		goto fail;
	}
	nifp = p->mem + p->nr_offset;
	tx_rings = rd32(nifp + NMI_TX_RINGS);
	/*
	 * RX ring 0 follows the TX and host TX rings: an API 14 netmap_if counts
	 * its host rings, an older one always had exactly one (NETMAP-ABI.md).
	 */
	host_tx = rd32(nifp + NMI_VERSION) >= 14 ? rd32(nifp + NMI_HOST_TX) : 1;
	if (tx_rings < 1 || rd32(nifp + NMI_RX_RINGS) < 1 || tx_rings > 64 || host_tx > 64) {
		fprintf(stderr, "%s: netmap_if has %u TX / %u RX rings\n", path, tx_rings,
			rd32(nifp + NMI_RX_RINGS));
		goto fail;
	}
	if (find_ring(p, 0, &p->tx) || find_ring(p, tx_rings + host_tx, &p->rx))
		goto fail;
	return 0;
fail:
	hnf_nmport_close(p);
	return -1;
}

void hnf_nmport_close(struct hnf_nmport *p)
{
	if (p->mem != MAP_FAILED && p->mem)
		munmap(p->mem, p->memsize);
	p->mem = MAP_FAILED;
	if (p->fd >= 0)
		close(p->fd);
	p->fd = -1;
}
