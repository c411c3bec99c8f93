/*
 * hnf_nmport.h — a netmap-ABI port as a user-space program sees it
 * (shared/NETMAP-ABI.md): open a device, register it (NIOCCTRL API 14, or
 * the legacy NIOCREGIF when the device refuses it), mmap the region, find
 * ring 0 of each direction. Used by hnf-pktgen and hnf-hostile; nothing
 * here is specific to HyperNF except the default device path. The ABI
 * itself (request structs, ioctls, offsets) is patches/include/netmap/
 * hnf_netmap.h, the header the kernel modules use.
 */
#ifndef HNF_NMPORT_H
#define HNF_NMPORT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/ioctl.h>

#include "netmap/hnf_netmap.h"

#define HNF_DEFAULT_DEV "/dev/hypernf0"

struct hnf_ring {
	uint8_t *hdr;          /* struct netmap_ring */
	uint32_t num_slots;
	uint32_t buf_size;
	int64_t buf_ofs;
	uint32_t nbufs;        /* buffers of this ring's pool that lie in the region */
};

struct hnf_nmport {
	int fd;
	const char *path;
	int legacy;            /* registered through NIOCREGIF */
	uint8_t *mem;
	uint64_t memsize;
	uint64_t nr_offset;
	struct hnf_ring tx, rx;
};

/* Returns 0, or -1 with a message on stderr naming the path and the step. */
int hnf_nmport_open(struct hnf_nmport *p, const char *path);
void hnf_nmport_close(struct hnf_nmport *p);

static inline volatile uint32_t *hnf_ring_u32(const struct hnf_ring *r, unsigned int ofs)
{
	return (volatile uint32_t *)(r->hdr + ofs);
}

static inline uint8_t *hnf_slot(const struct hnf_ring *r, uint32_t i)
{
	return r->hdr + NMR_SLOTS + (size_t)NMS_SIZE * i;
}

static inline uint32_t hnf_slot_buf_idx(const struct hnf_ring *r, uint32_t i)
{
	return *(volatile uint32_t *)hnf_slot(r, i);
}

static inline uint16_t hnf_slot_len(const struct hnf_ring *r, uint32_t i)
{
	return *(volatile uint16_t *)(hnf_slot(r, i) + NMS_LEN);
}

static inline void hnf_slot_set(const struct hnf_ring *r, uint32_t i, uint32_t buf_idx,
				uint16_t len, uint16_t flags)
{
	uint8_t *s = hnf_slot(r, i);

	*(volatile uint32_t *)s = buf_idx;
	*(volatile uint16_t *)(s + NMS_LEN) = len;
	*(volatile uint16_t *)(s + NMS_FLAGS) = flags;
}

/* A buf_idx read from a slot is checked before its buffer is touched. */
static inline int hnf_buf_ok(const struct hnf_ring *r, uint32_t buf_idx)
{
	return buf_idx < r->nbufs;
}

static inline uint8_t *hnf_buf(const struct hnf_ring *r, uint32_t buf_idx)
{
	return r->hdr + r->buf_ofs + (int64_t)buf_idx * r->buf_size;
}

static inline uint32_t hnf_ring_next(const struct hnf_ring *r, uint32_t i)
{
	return i + 1 == r->num_slots ? 0 : i + 1;
}

/* Slots the application owns: [cur, tail) (one slot is always kept empty). */
static inline uint32_t hnf_ring_space(const struct hnf_ring *r)
{
	uint32_t cur = *hnf_ring_u32(r, NMR_CUR), tail = *hnf_ring_u32(r, NMR_TAIL);

	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return tail >= cur ? tail - cur : tail + r->num_slots - cur;
}

/* Hand [old head, head) to the kernel side; the caller then syncs. */
static inline void hnf_ring_advance(const struct hnf_ring *r, uint32_t head)
{
	__atomic_thread_fence(__ATOMIC_RELEASE);
	*hnf_ring_u32(r, NMR_HEAD) = head;
	*hnf_ring_u32(r, NMR_CUR) = head;
}

#endif
