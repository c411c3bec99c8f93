/*
 * region.h — a netmap-ABI port region in dom0 memory, for the test module.
 *
 * Layout (NETMAP-ABI.md, "Shared memory"): netmap_if at offset 0, one TX
 * ring at 256, one RX ring after it, the buffer pool from the second page
 * on. TX slots own buffers 0..NSLOTS-1, RX slots NSLOTS..2*NSLOTS-1.
 */
#ifndef HNF_TESTMOD_REGION_H
#define HNF_TESTMOD_REGION_H

#include <linux/types.h>
#include "public/hypernf.h"

#define TREGION_SLOTS     64
#define TREGION_BUF_SIZE  2048
#define TREGION_NUM_BUFS  (2 * TREGION_SLOTS)
#define TREGION_TX_RING   256
#define TREGION_RX_RING   (TREGION_TX_RING + 256 + 16 * TREGION_SLOTS)
#define TREGION_BUFS      PAGE_SIZE
#define TREGION_BYTES     (TREGION_BUFS + TREGION_NUM_BUFS * TREGION_BUF_SIZE)
#define TREGION_PAGES     (TREGION_BYTES / PAGE_SIZE)

/* netmap_ring fields the test reads or writes (offsets from NETMAP-ABI.md). */
#define NMR_BUF_OFS     0
#define NMR_NUM_SLOTS   8
#define NMR_BUF_SIZE    12
#define NMR_DIR         18
#define NMR_HEAD        20
#define NMR_CUR         24
#define NMR_TAIL        28
#define NMR_SLOTS       256

struct tregion {
	struct page *pages[TREGION_PAGES];
	uint64_t frames[TREGION_PAGES];   /* handed to HYPERNF_OP_PORT_REGISTER */
	u8 *va;                           /* the same pages, contiguous for us */
};

int tregion_alloc(struct tregion *r);
/* Only when Xen holds no reference any more (unregistered, or never registered). */
void tregion_free(struct tregion *r);
void tregion_geometry(struct hypernf_port_geometry *g);

u32 tregion_ring_u32(struct tregion *r, bool rx, unsigned int field);
void tregion_ring_set_u32(struct tregion *r, bool rx, unsigned int field, u32 v);
/* Slot i of a ring: buf_idx at +0, len at +4, flags at +6. */
u8 *tregion_slot(struct tregion *r, bool rx, unsigned int i);
u8 *tregion_buf(struct tregion *r, u32 buf_idx);

#endif
