/* SPDX-License-Identifier: GPL-2.0 */
/*
 * common.h — shared declarations of hnf_back, the dom0 half of HyperNF
 * (shared/DESIGN.md, "Memory and trust" and "Control path").
 * Every function of the module is prefixed hnfb_.
 */
#ifndef HNFB_COMMON_H
#define HNFB_COMMON_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/wait.h>
#include <xen/xenbus.h>
#include <xen/grant_table.h>
#include <xen/interface/event_channel.h>

#include "public/hypernf.h"

/* Module parameters (main.c), read when a port is created. */
extern unsigned int hnfb_slots;
extern unsigned int hnfb_buf_size;

/*
 * Geometry of one port's region in the netmap layout (NETMAP-ABI.md,
 * "Shared memory"): netmap_if on page 0, the TX ring from page 1 on, the RX
 * ring on the next page boundary, then the buffer pool. Rings start on page
 * boundaries so that a ring header never straddles two grant mappings.
 */
struct hnfb_layout {
	u32 tx_slots;
	u32 rx_slots;
	u32 buf_size;
	u32 num_bufs;           /* TX slots own 0..tx_slots-1, RX the rest */
	u64 tx_ring_ofs;
	u64 rx_ring_ofs;
	u64 bufs_ofs;
	u32 nr_pages;           /* whole region, in 4 KiB pages */
};

/* One port's memory: pages, their grants and the list of grant refs. */
struct hnfb_region {
	struct hnfb_layout layout;
	struct page **pages;
	u64 *frames;            /* frame numbers for HYPERNF_OP_PORT_REGISTER */
	grant_ref_t *grefs;     /* one per region page, 0 = not granted */
	void *va;               /* the region, contiguous in dom0 */
	u32 nr_list_pages;      /* pages holding the grant_ref_t list */
	struct page **list_pages;
	grant_ref_t *list_grefs;
};

/* One frontend (one xenbus device backend/hypernf/<domid>/<id>). */
struct hnfb_backend {
	struct xenbus_device *dev;
	struct mutex lock;              /* serialises the state machine */
	enum xenbus_state state;        /* the state we last published */
	enum xenbus_state frontend_state;
	bool have_port;                 /* region allocated, granted, published */
	struct hnfb_region region;
	evtchn_port_t evtchn;           /* dom0's end, unbound for the guest */
	bool registered;                /* Xen holds the region (hnf_port valid) */
	u32 hnf_port;
	/* split.c: the guest's kicks and the thread that syncs for it */
	int split_irq;                  /* evtchn bound here; 0 = not bound */
	struct task_struct *split_task; /* NULL without HyperNF in Xen */
	wait_queue_head_t split_wq;
	atomic_t split_kicked;
	struct list_head split_node;    /* on split.c's list while split_task runs */
	u64 split_syncs;
	u64 split_errors;
};

/* xenbus.c: the driver and its one state machine */
int hnfb_xenbus_init(void);
void hnfb_xenbus_exit(void);

/* interface.c: a port's lifecycle (create = region+Xen+grants+xenstore) */
int hnfb_port_create(struct hnfb_backend *be);
void hnfb_port_destroy(struct hnfb_backend *be);

/* region.c: the netmap-layout memory and its grants */
int hnfb_layout_compute(struct hnfb_layout *l, u32 tx_slots, u32 rx_slots,
			u32 buf_size);
int hnfb_region_alloc(struct hnfb_region *r, const struct hnfb_layout *l,
		      const char *name);
int hnfb_region_grant(struct hnfb_region *r, domid_t domid);
void hnfb_region_free(struct hnfb_region *r);
void hnfb_layout_geometry(const struct hnfb_layout *l,
			  struct hypernf_port_geometry *g);

/* split.c: split mode (the module parameter `mode`, the per-port thread) */
int hnfb_split_init(void);
int hnfb_set_mode(unsigned int mode);
u64 hnfb_split_request_ofs(const struct hnfb_layout *l);
int hnfb_split_start(struct hnfb_backend *be);
void hnfb_split_stop(struct hnfb_backend *be);
void hnfb_split_close_evtchn(struct hnfb_backend *be);

/* hypercall.c: HYPERNF_OP_* wrappers */
long hnfb_hc_register(const struct hnfb_region *r, domid_t owner, u32 *port);
long hnfb_hc_unregister(u32 port);
long hnfb_hc_stats(u32 port, struct hypernf_port_stats *out);
long hnfb_hc_sync(u32 port, u32 flags);
long hnfb_hc_set_mode(u32 mode);

#endif
