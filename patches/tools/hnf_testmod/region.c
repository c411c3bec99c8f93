/*
 * region.c — builds a port region the way the dom0 backend will: pages
 * allocated one by one (so Xen's vmap of the frame list is really tested on
 * non-contiguous frames), the frame numbers Xen expects (MFNs for a PV dom0,
 * GFNs otherwise: xen_page_to_gfn), and the netmap layout written through a
 * contiguous kernel mapping.
 */
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <xen/page.h>

#include "region.h"

int tregion_alloc(struct tregion *r)
{
	unsigned int i;
	u8 *nifp, *ring;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < TREGION_PAGES; i++) {
		r->pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!r->pages[i])
			goto fail;
		r->frames[i] = xen_page_to_gfn(r->pages[i]);
	}
	r->va = vmap(r->pages, TREGION_PAGES, VM_MAP, PAGE_KERNEL);
	if (!r->va)
		goto fail;

	/* netmap_if: name, version 14, 1 TX + 1 RX ring, no host rings. */
	nifp = r->va;
	memcpy(nifp, "hnftest", 8);
	*(u32 *)(nifp + 16) = 14;
	*(u32 *)(nifp + 24) = 1;
	*(u32 *)(nifp + 28) = 1;
	*(s64 *)(nifp + 56) = TREGION_TX_RING;
	*(s64 *)(nifp + 64) = TREGION_RX_RING;

	for (i = 0; i < 2; i++) {
		bool rx = i == 1;
		unsigned int s, ring_ofs = rx ? TREGION_RX_RING : TREGION_TX_RING;

		ring = r->va + ring_ofs;
		*(s64 *)(ring + NMR_BUF_OFS) = (s64)TREGION_BUFS - ring_ofs;
		*(u32 *)(ring + NMR_NUM_SLOTS) = TREGION_SLOTS;
		*(u32 *)(ring + NMR_BUF_SIZE) = TREGION_BUF_SIZE;
		*(u16 *)(ring + NMR_DIR) = rx;
		for (s = 0; s < TREGION_SLOTS; s++)
			*(u32 *)tregion_slot(r, rx, s) = rx ? TREGION_SLOTS + s : s;
	}
	return 0;

fail:
	tregion_free(r);
	return -ENOMEM;
}

void tregion_free(struct tregion *r)
{
	unsigned int i;

	if (r->va)
		vunmap(r->va);
	for (i = 0; i < TREGION_PAGES; i++)
		if (r->pages[i])
			__free_page(r->pages[i]);
	memset(r, 0, sizeof(*r));
}

void tregion_geometry(struct hypernf_port_geometry *g)
{
	memset(g, 0, sizeof(*g));
	g->num_tx_rings = 1;
	g->num_rx_rings = 1;
	g->num_tx_slots = TREGION_SLOTS;
	g->num_rx_slots = TREGION_SLOTS;
	g->buf_size = TREGION_BUF_SIZE;
	g->num_bufs = TREGION_NUM_BUFS;
	g->nr_offset = 0;
}

static u8 *ring_at(struct tregion *r, bool rx)
{
	return r->va + (rx ? TREGION_RX_RING : TREGION_TX_RING);
}

u32 tregion_ring_u32(struct tregion *r, bool rx, unsigned int field)
{
	return READ_ONCE(*(u32 *)(ring_at(r, rx) + field));
}

void tregion_ring_set_u32(struct tregion *r, bool rx, unsigned int field, u32 v)
{
	WRITE_ONCE(*(u32 *)(ring_at(r, rx) + field), v);
}

u8 *tregion_slot(struct tregion *r, bool rx, unsigned int i)
{
	return ring_at(r, rx) + NMR_SLOTS + 16 * i;
}

u8 *tregion_buf(struct tregion *r, u32 buf_idx)
{
	return r->va + TREGION_BUFS + (size_t)buf_idx * TREGION_BUF_SIZE;
}
