// SPDX-License-Identifier: GPL-2.0
/*
 * region.c — a port's memory in the netmap layout, granted to its guest.
 *
 * The region is built from single pages (never a high-order allocation:
 * gnttab_end_foreign_access() may keep a page alive after we let go, see
 * include/xen/grant_table.h), mapped contiguously in dom0 with vmap() to
 * write the netmap structures. The guest learns the grant references from a
 * list that is itself in granted pages (read-only for the guest), one
 * grant_ref_t per region page, as blkif's multi-page rings list their refs.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <xen/page.h>

#include "common.h"
#include "netmap/hnf_netmap.h"

#define HNFB_REFS_PER_PAGE (PAGE_SIZE / sizeof(grant_ref_t))

int hnfb_layout_compute(struct hnfb_layout *l, u32 tx_slots, u32 rx_slots,
			u32 buf_size)
{
	u64 tx_bytes, rx_bytes, end;

	if (tx_slots < HYPERNF_MIN_SLOTS || tx_slots > HYPERNF_MAX_SLOTS ||
	    rx_slots < HYPERNF_MIN_SLOTS || rx_slots > HYPERNF_MAX_SLOTS)
		return -EINVAL;
	if (buf_size < HYPERNF_MIN_BUF_SIZE || buf_size > HYPERNF_MAX_BUF_SIZE)
		return -EINVAL;

	memset(l, 0, sizeof(*l));
	l->tx_slots = tx_slots;
	l->rx_slots = rx_slots;
	l->buf_size = buf_size;
	l->num_bufs = tx_slots + rx_slots;
	tx_bytes = NMR_SLOTS + (u64)NMS_SIZE * tx_slots;
	rx_bytes = NMR_SLOTS + (u64)NMS_SIZE * rx_slots;
	l->tx_ring_ofs = PAGE_SIZE;
	l->rx_ring_ofs = PAGE_ALIGN(l->tx_ring_ofs + tx_bytes);
	l->bufs_ofs = PAGE_ALIGN(l->rx_ring_ofs + rx_bytes);
	end = PAGE_ALIGN(l->bufs_ofs + (u64)l->num_bufs * buf_size);
	if (end / PAGE_SIZE > HYPERNF_MAX_FRAMES)
		return -E2BIG;
	l->nr_pages = end / PAGE_SIZE;
	return 0;
}

void hnfb_layout_geometry(const struct hnfb_layout *l,
			  struct hypernf_port_geometry *g)
{
	memset(g, 0, sizeof(*g));
	g->num_tx_rings = 1;
	g->num_rx_rings = 1;
	g->num_tx_slots = l->tx_slots;
	g->num_rx_slots = l->rx_slots;
	g->buf_size = l->buf_size;
	g->num_bufs = l->num_bufs;
	g->nr_offset = 0;
}

static void hnfb_write_ring(u8 *ring, s64 ring_ofs, const struct hnfb_layout *l,
			    bool rx)
{
	u32 slots = rx ? l->rx_slots : l->tx_slots;
	u32 first_buf = rx ? l->tx_slots : 0;
	u32 i;

	*(s64 *)(ring + NMR_BUF_OFS) = (s64)l->bufs_ofs - ring_ofs;
	*(u32 *)(ring + NMR_NUM_SLOTS) = slots;
	*(u32 *)(ring + NMR_BUF_SIZE) = l->buf_size;
	*(u16 *)(ring + NMR_DIR) = rx ? 1 : 0;
	/*
	 * An empty TX ring gives the application every slot but one (tail =
	 * num_slots - 1); an empty RX ring gives it none (tail = head). Xen
	 * rewrites these at registration (public/hypernf.h), the values here
	 * serve a port that runs without the hypercall.
	 */
	*(u32 *)(ring + NMR_TAIL) = rx ? 0 : slots - 1;
	for (i = 0; i < slots; i++) {
		u8 *slot = ring + NMR_SLOTS + NMS_SIZE * i;

		*(u32 *)(slot + NMS_BUF_IDX) = first_buf + i;
		*(u16 *)(slot + NMS_LEN) = 0;
	}
}

int hnfb_region_alloc(struct hnfb_region *r, const struct hnfb_layout *l,
		      const char *name)
{
	u32 i;
	u8 *nifp;
	int err = -ENOMEM;

	memset(r, 0, sizeof(*r));
	r->layout = *l;
	r->pages = kvcalloc(l->nr_pages, sizeof(*r->pages), GFP_KERNEL);
	r->frames = kvcalloc(l->nr_pages, sizeof(*r->frames), GFP_KERNEL);
	r->grefs = kvcalloc(l->nr_pages, sizeof(*r->grefs), GFP_KERNEL);
	r->nr_list_pages = DIV_ROUND_UP(l->nr_pages, HNFB_REFS_PER_PAGE);
	r->list_pages = kcalloc(r->nr_list_pages, sizeof(*r->list_pages), GFP_KERNEL);
	r->list_grefs = kcalloc(r->nr_list_pages, sizeof(*r->list_grefs), GFP_KERNEL);
	if (!r->pages || !r->frames || !r->grefs || !r->list_pages || !r->list_grefs)
		goto cleanup;

	for (i = 0; i < l->nr_pages; i++) {
		r->pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!r->pages[i])
			goto cleanup;
		/* MFN for a PV dom0, GFN otherwise: what Xen's memory ops expect. */
		r->frames[i] = xen_page_to_gfn(r->pages[i]);
	}
	for (i = 0; i < r->nr_list_pages; i++) {
		r->list_pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!r->list_pages[i])
			goto cleanup;
	}
	r->va = vmap(r->pages, l->nr_pages, VM_MAP, PAGE_KERNEL);
	if (!r->va)
		goto cleanup;

	nifp = r->va;
	strscpy(nifp + NMI_NAME, name, NMI_NAME_LEN);
	*(u32 *)(nifp + NMI_VERSION) = NETMAP_API;
	*(u32 *)(nifp + NMI_TX_RINGS) = 1;
	*(u32 *)(nifp + NMI_RX_RINGS) = 1;
	*(s64 *)(nifp + NMI_RING_OFS) = l->tx_ring_ofs;
	*(s64 *)(nifp + NMI_RING_OFS + 8) = l->rx_ring_ofs;
	hnfb_write_ring(r->va + l->tx_ring_ofs, l->tx_ring_ofs, l, false);
	hnfb_write_ring(r->va + l->rx_ring_ofs, l->rx_ring_ofs, l, true);
	return 0;

cleanup:
	hnfb_region_free(r);
	return err;
}

/*
 * Grant every region page read-write and the ref list read-only to domid.
 * On failure the grants made so far stay recorded and hnfb_region_free()
 * ends them.
 */
int hnfb_region_grant(struct hnfb_region *r, domid_t domid)
{
	u32 i;
	int ref;

	for (i = 0; i < r->layout.nr_pages; i++) {
		ref = gnttab_grant_foreign_access(domid, r->frames[i], 0);
		if (ref < 0)
			return ref;
		r->grefs[i] = ref;
		((grant_ref_t *)page_address(r->list_pages[i / HNFB_REFS_PER_PAGE]))
			[i % HNFB_REFS_PER_PAGE] = ref;
	}
	for (i = 0; i < r->nr_list_pages; i++) {
		ref = gnttab_grant_foreign_access(domid,
						  xen_page_to_gfn(r->list_pages[i]), 1);
		if (ref < 0)
			return ref;
		r->list_grefs[i] = ref;
	}
	return 0;
}

/* A granted page belongs to the grant code from here on: it frees it once
 * the guest has unmapped it (include/xen/grant_table.h). */
static void hnfb_release_page(struct page *page, grant_ref_t ref)
{
	if (ref)
		gnttab_end_foreign_access(ref, page);
	else
		__free_page(page);
}

/* Only when Xen holds no reference (unregistered or never registered). */
void hnfb_region_free(struct hnfb_region *r)
{
	u32 i;

	if (r->va)
		vunmap(r->va);
	if (r->pages)
		for (i = 0; i < r->layout.nr_pages; i++)
			if (r->pages[i])
				hnfb_release_page(r->pages[i], r->grefs ? r->grefs[i] : 0);
	if (r->list_pages)
		for (i = 0; i < r->nr_list_pages; i++)
			if (r->list_pages[i])
				hnfb_release_page(r->list_pages[i],
						  r->list_grefs ? r->list_grefs[i] : 0);
	kvfree(r->pages);
	kvfree(r->frames);
	kvfree(r->grefs);
	kfree(r->list_pages);
	kfree(r->list_grefs);
	memset(r, 0, sizeof(*r));
}
