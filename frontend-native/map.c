// SPDX-License-Identifier: GPL-2.0
/*
 * map.c — mapping the pages dom0 granted us.
 *
 * Kernel side: each region page is grant-mapped onto a page from
 * gnttab_alloc_pages() (as xen-blkback maps its requests), which gives the
 * module a struct page per region page; the kernel reads the netmap_if and
 * ring indices through them.
 *
 * User side (mmap of /dev/hypernfN): a PV guest may not write a foreign
 * frame into an ordinary page-table entry (Xen refuses any PTE naming a
 * frame the guest does not own unless the grant code installs it), so the
 * region is grant-mapped straight into the PTEs of the vma
 * (GNTMAP_contains_pte, xen/include/public/grant_table.h), as Linux's
 * gntdev does. Xen also refuses an ordinary clear of such a PTE, so an
 * interval notifier unmaps the grants before the kernel zaps the range
 * (munmap, exit). Auto-translated guests (PVH/HVM) map the kernel's pages
 * with vm_map_pages() instead.
 */
#include <linux/mm.h>
#include <linux/mmu_notifier.h>
#include <linux/slab.h>
#include <xen/xen.h>
#include <xen/features.h>
#include <xen/page.h>
#include <xen/interface/grant_table.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/page.h>

#include "common.h"

#define HNFF_REFS_PER_PAGE (PAGE_SIZE / sizeof(grant_ref_t))

static void hnff_kmap_free_arrays(struct hnff_kmap *km)
{
	kvfree(km->pages);
	kvfree(km->grefs);
	kvfree(km->handles);
	kvfree(km->mapped);
	memset(km, 0, sizeof(*km));
}

void hnff_kmap_unmap(struct hnff_kmap *km)
{
	struct gnttab_unmap_grant_ref *ops;
	struct page **pages;
	u32 i, n = 0;

	if (!km->pages)
		return;
	ops = kvcalloc(km->nr_pages, sizeof(*ops), GFP_KERNEL);
	pages = kvcalloc(km->nr_pages, sizeof(*pages), GFP_KERNEL);
	if (!ops || !pages) {
		/* Cannot unmap without memory for the ops: keep the pages. */
		pr_err("hnf_front: no memory to unmap %u grant pages; leaking them\n",
		       km->nr_pages);
		kvfree(ops);
		kvfree(pages);
		hnff_kmap_free_arrays(km);
		return;
	}
	for (i = 0; i < km->nr_pages; i++) {
		if (!km->mapped[i])
			continue;
		gnttab_set_unmap_op(&ops[n],
				    (unsigned long)pfn_to_kaddr(page_to_pfn(km->pages[i])),
				    GNTMAP_host_map, km->handles[i]);
		pages[n++] = km->pages[i];
	}
	if (n && gnttab_unmap_refs(ops, NULL, pages, n))
		pr_err("hnf_front: unmapping %u grant pages failed\n", n);
	gnttab_free_pages(km->nr_pages, km->pages);
	kvfree(ops);
	kvfree(pages);
	hnff_kmap_free_arrays(km);
}

int hnff_kmap_map(struct hnff_kmap *km, domid_t domid, const grant_ref_t *grefs,
		  u32 nr_pages, bool readonly)
{
	struct gnttab_map_grant_ref *ops;
	u32 flags = GNTMAP_host_map | (readonly ? GNTMAP_readonly : 0);
	u32 i, failed = 0;
	int err = -ENOMEM;

	memset(km, 0, sizeof(*km));
	km->nr_pages = nr_pages;
	km->pages = kvcalloc(nr_pages, sizeof(*km->pages), GFP_KERNEL);
	km->grefs = kvcalloc(nr_pages, sizeof(*km->grefs), GFP_KERNEL);
	km->handles = kvcalloc(nr_pages, sizeof(*km->handles), GFP_KERNEL);
	km->mapped = kvcalloc(nr_pages, sizeof(*km->mapped), GFP_KERNEL);
	ops = kvcalloc(nr_pages, sizeof(*ops), GFP_KERNEL);
	if (!km->pages || !km->grefs || !km->handles || !km->mapped || !ops)
		goto cleanup_arrays;
	err = gnttab_alloc_pages(nr_pages, km->pages);
	if (err)
		goto cleanup_arrays;

	for (i = 0; i < nr_pages; i++) {
		km->grefs[i] = grefs[i];
		gnttab_set_map_op(&ops[i],
				  (unsigned long)pfn_to_kaddr(page_to_pfn(km->pages[i])),
				  flags, grefs[i], domid);
	}
	err = gnttab_map_refs(ops, NULL, km->pages, nr_pages);
	for (i = 0; i < nr_pages; i++) {
		if (ops[i].status == GNTST_okay) {
			km->mapped[i] = true;
			km->handles[i] = ops[i].handle;
		} else {
			failed++;
		}
	}
	kvfree(ops);
	if (err || failed) {
		pr_err("hnf_front: mapping %u grant pages of d%u: rc %d, %u refused\n",
		       nr_pages, domid, err, failed);
		hnff_kmap_unmap(km);
		return err ?: -EFAULT;
	}
	return 0;

cleanup_arrays:
	kvfree(ops);
	hnff_kmap_free_arrays(km);
	return err;
}

/*
 * The backend lists one grant ref per region page in read-only granted
 * pages named ref-list-<i> (backend-native/region.c). Fills grefs[nr_pages].
 */
int hnff_read_ref_list(struct xenbus_device *dev, struct hnff_geometry *geo,
		       grant_ref_t *grefs)
{
	struct hnff_kmap list;
	grant_ref_t *list_refs;
	char node[32];
	u32 i;
	int err;

	list_refs = kcalloc(geo->nr_list_pages, sizeof(*list_refs), GFP_KERNEL);
	if (!list_refs)
		return -ENOMEM;
	for (i = 0; i < geo->nr_list_pages; i++) {
		snprintf(node, sizeof(node), "ref-list-%u", i);
		if (xenbus_scanf(XBT_NIL, dev->otherend, node, "%u", &list_refs[i]) != 1) {
			err = -EINVAL;
			xenbus_dev_fatal(dev, err, "reading %s/%s", dev->otherend, node);
			goto cleanup;
		}
	}
	err = hnff_kmap_map(&list, dev->otherend_id, list_refs, geo->nr_list_pages, true);
	if (err) {
		xenbus_dev_fatal(dev, err, "mapping the grant ref list");
		goto cleanup;
	}
	for (i = 0; i < geo->nr_pages; i++)
		grefs[i] = READ_ONCE(((grant_ref_t *)page_address(
			list.pages[i / HNFF_REFS_PER_PAGE]))[i % HNFF_REFS_PER_PAGE]);
	hnff_kmap_unmap(&list);
cleanup:
	kfree(list_refs);
	return err;
}

/* One user mapping of a PV guest: the vma's PTEs hold the grants. */
struct hnff_umap {
	struct hnff_port *port;
	struct mmu_interval_notifier notifier;
	struct mutex lock;              /* invalidate against close */
	unsigned long start;
	u32 nr_pages;
	u32 first_page;                 /* region page of the vma's first page */
	u64 *pte_maddr;
	grant_handle_t *handles;
	bool *mapped;
};

static int hnff_umap_find_pte(pte_t *pte, unsigned long addr, void *data)
{
	struct hnff_umap *um = data;

	um->pte_maddr[(addr - um->start) >> PAGE_SHIFT] =
		arbitrary_virt_to_machine(pte).maddr;
	return 0;
}

static const u32 hnff_umap_flags =
	GNTMAP_host_map | GNTMAP_application_map | GNTMAP_contains_pte;

/* Unmap the grants of vma pages [first, last); with um->lock held. */
static void hnff_umap_unmap_range(struct hnff_umap *um, u32 first, u32 last)
{
	struct gnttab_unmap_grant_ref op;
	u32 i;

	for (i = first; i < last; i++) {
		if (!um->mapped[i])
			continue;
		gnttab_set_unmap_op(&op, um->pte_maddr[i], hnff_umap_flags, um->handles[i]);
		if (HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &op, 1) ||
		    op.status != GNTST_okay)
			pr_err("hnf_front: unmapping user page %u: status %d\n", i, op.status);
		um->mapped[i] = false;
	}
}

static bool hnff_umap_invalidate(struct mmu_interval_notifier *mni,
				 const struct mmu_notifier_range *range,
				 unsigned long cur_seq)
{
	struct hnff_umap *um = container_of(mni, struct hnff_umap, notifier);
	unsigned long end = um->start + ((unsigned long)um->nr_pages << PAGE_SHIFT);
	unsigned long from = max(range->start, um->start);
	unsigned long to = min(range->end, end);

	if (!mmu_notifier_range_blockable(range))
		return false;
	mutex_lock(&um->lock);
	mmu_interval_set_seq(mni, cur_seq);
	if (from < to)
		hnff_umap_unmap_range(um, (from - um->start) >> PAGE_SHIFT,
				      (to - um->start + PAGE_SIZE - 1) >> PAGE_SHIFT);
	mutex_unlock(&um->lock);
	return true;
}

static const struct mmu_interval_notifier_ops hnff_umap_notifier_ops = {
	.invalidate = hnff_umap_invalidate,
};

static void hnff_umap_free(struct hnff_umap *um)
{
	kvfree(um->pte_maddr);
	kvfree(um->handles);
	kvfree(um->mapped);
	hnff_port_put(um->port);
	kfree(um);
}

static void hnff_umap_close(struct vm_area_struct *vma)
{
	struct hnff_umap *um = vma->vm_private_data;
	u32 i, left = 0;

	mmu_interval_notifier_remove(&um->notifier);
	/* The notifier ran before the PTEs were zapped; none may be left. */
	for (i = 0; i < um->nr_pages; i++)
		left += um->mapped[i];
	if (left)
		pr_err("hnf_front: %u user grant mappings survived the unmap; leaking them\n", left);
	hnff_umap_free(um);
}

/* Splitting would leave two vmas sharing one hnff_umap. */
static int hnff_umap_may_split(struct vm_area_struct *vma, unsigned long addr)
{
	return -EINVAL;
}

static const struct vm_operations_struct hnff_umap_vm_ops = {
	.close = hnff_umap_close,
	.may_split = hnff_umap_may_split,
};

static int hnff_umap_mmap_pv(struct hnff_port *port, struct vm_area_struct *vma,
			     u32 first_page, u32 nr_pages)
{
	struct gnttab_map_grant_ref *ops;
	struct hnff_umap *um;
	u32 i, failed = 0;
	int err = -ENOMEM;

	um = kzalloc(sizeof(*um), GFP_KERNEL);
	if (!um)
		return -ENOMEM;
	mutex_init(&um->lock);
	um->port = port;
	um->start = vma->vm_start;
	um->nr_pages = nr_pages;
	um->first_page = first_page;
	um->pte_maddr = kvcalloc(nr_pages, sizeof(*um->pte_maddr), GFP_KERNEL);
	um->handles = kvcalloc(nr_pages, sizeof(*um->handles), GFP_KERNEL);
	um->mapped = kvcalloc(nr_pages, sizeof(*um->mapped), GFP_KERNEL);
	ops = kvcalloc(nr_pages, sizeof(*ops), GFP_KERNEL);
	if (!um->pte_maddr || !um->handles || !um->mapped || !ops)
		goto cleanup;

	err = apply_to_page_range(vma->vm_mm, vma->vm_start,
				  vma->vm_end - vma->vm_start, hnff_umap_find_pte, um);
	if (err)
		goto cleanup;
	for (i = 0; i < nr_pages; i++)
		gnttab_set_map_op(&ops[i], um->pte_maddr[i], hnff_umap_flags,
				  port->kmap.grefs[first_page + i], port->dev->otherend_id);
	err = HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, ops, nr_pages);
	for (i = 0; i < nr_pages; i++) {
		if (ops[i].status == GNTST_okay) {
			um->mapped[i] = true;
			um->handles[i] = ops[i].handle;
		} else {
			failed++;
		}
	}
	if (err || failed) {
		pr_err("hnf_front: mapping %u pages into user space: rc %d, %u refused\n",
		       nr_pages, err, failed);
		err = err ?: -EFAULT;
		goto cleanup_unmap;
	}
	/* mmap() holds mmap_lock for writing, hence the _locked variant. */
	err = mmu_interval_notifier_insert_locked(&um->notifier, vma->vm_mm,
						  vma->vm_start,
						  vma->vm_end - vma->vm_start,
						  &hnff_umap_notifier_ops);
	if (err)
		goto cleanup_unmap;
	kvfree(ops);
	kref_get(&port->kref);
	vma->vm_private_data = um;
	vma->vm_ops = &hnff_umap_vm_ops;
	return 0;

cleanup_unmap:
	mutex_lock(&um->lock);
	hnff_umap_unmap_range(um, 0, nr_pages);
	mutex_unlock(&um->lock);
cleanup:
	kvfree(ops);
	kvfree(um->pte_maddr);
	kvfree(um->handles);
	kvfree(um->mapped);
	kfree(um);
	return err;
}

/* Called with port->lock held, the port connected and registered by this fd. */
int hnff_umap_mmap(struct hnff_port *port, struct vm_area_struct *vma)
{
	unsigned long nr_pages = vma_pages(vma);
	unsigned long first_page = vma->vm_pgoff;

	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;       /* a private copy would not see the rings move */
	if (first_page >= port->kmap.nr_pages ||
	    nr_pages > port->kmap.nr_pages - first_page)
		return -EINVAL;
	vma->vm_flags |= VM_DONTEXPAND | VM_DONTDUMP | VM_DONTCOPY;
	if (xen_feature(XENFEAT_auto_translated_physmap))
		return vm_map_pages(vma, port->kmap.pages, port->kmap.nr_pages);
	vma->vm_flags |= VM_IO | VM_PFNMAP;
	return hnff_umap_mmap_pv(port, vma, first_page, nr_pages);
}
