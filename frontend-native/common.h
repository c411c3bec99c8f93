/* SPDX-License-Identifier: GPL-2.0 */
/*
 * common.h — shared declarations of hnf_front, the guest half of HyperNF
 * (shared/DESIGN.md). Every function of the module is prefixed hnff_.
 */
#ifndef HNFF_COMMON_H
#define HNFF_COMMON_H

#include <linux/types.h>
#include <linux/kref.h>
#include <linux/miscdevice.h>
#include <linux/mutex.h>
#include <linux/wait.h>
#include <xen/xenbus.h>
#include <xen/grant_table.h>
#include <xen/interface/event_channel.h>

#include "public/hypernf.h"

struct hnff_split_req;

/* What the backend published (backend-native/interface.c), validated. */
struct hnff_geometry {
	u32 nr_pages;
	u32 nr_list_pages;
	u32 tx_slots;
	u32 rx_slots;
	u32 buf_size;
	u32 num_bufs;
	u64 nr_offset;
	u64 tx_ring_ofs;        /* read from the netmap_if, bounds-checked */
	u64 rx_ring_ofs;
	evtchn_port_t remote_evtchn;
	bool have_hnf_port;     /* false: the hypervisor lacks HyperNF */
	u32 hnf_port;
};

/* The region granted by dom0, mapped page by page into the kernel. */
struct hnff_kmap {
	u32 nr_pages;
	struct page **pages;
	grant_ref_t *grefs;
	grant_handle_t *handles;
	bool *mapped;
};

/* One device/hypernf/<id>: its connection, region and character device. */
struct hnff_port {
	struct kref kref;
	struct xenbus_device *dev;      /* NULL once removed */
	struct mutex lock;              /* everything below */
	enum xenbus_state state;        /* what we last published */
	bool connected;                 /* region mapped, evtchn bound */
	bool dying;                     /* backend went away: refuse, then tear down */
	bool registered;                /* one fd has done REGISTER/NIOCREGIF */
	struct hnff_geometry geo;
	struct hnff_kmap kmap;
	evtchn_port_t local_evtchn;
	int irq;
	wait_queue_head_t wq;
	atomic_t events;                /* event channel upcalls seen */
	/* split.c: the sync path (hypercall, or ask dom0 in split mode) */
	bool split;                     /* READ_ONCE: set by the mode watch only */
	struct hnff_split_req *split_req; /* in the region; NULL: no split mode */
	struct mutex split_lock;        /* one split request in flight */
	u32 split_seq;                  /* number of our latest request */
	u32 split_last_head[2];         /* TX, RX head at the last request */
	struct xenbus_watch mode_watch;
	bool mode_watch_registered;
	atomic64_t split_syncs;
	atomic64_t split_refused;       /* of those, after Xen said -EPERM */
	unsigned int id;
	char name[16];
	struct miscdevice misc;
	bool misc_registered;
};

/* xenbus.c: the frontend driver and its one state machine */
int hnff_xenbus_init(void);
void hnff_xenbus_exit(void);
/* Called by dev.c when the last registered fd goes away. */
void hnff_port_released(struct hnff_port *port);
void hnff_port_put(struct hnff_port *port);

/* interface.c: connecting a port (map the region, bind the event channel) */
int hnff_read_geometry(struct xenbus_device *dev, struct hnff_geometry *geo);
int hnff_port_connect(struct hnff_port *port);
void hnff_port_disconnect(struct hnff_port *port);
/* A u32 of the region at byte offset ofs (4-aligned), or NULL. */
u32 *hnff_region_u32(struct hnff_port *port, u64 ofs);

/* map.c: grant mappings (kernel: pages; user: PTEs of a vma) */
int hnff_kmap_map(struct hnff_kmap *km, domid_t domid, const grant_ref_t *grefs,
		  u32 nr_pages, bool readonly);
void hnff_kmap_unmap(struct hnff_kmap *km);
int hnff_read_ref_list(struct xenbus_device *dev, struct hnff_geometry *geo,
		       grant_ref_t *grefs);
int hnff_umap_mmap(struct hnff_port *port, struct vm_area_struct *vma);

/* dev.c: /dev/hypernfN (netmap ABI) */
int hnff_dev_register(struct hnff_port *port);
void hnff_dev_unregister(struct hnff_port *port);

/* split.c: the mode watch and the sync that follows the mode */
int hnff_split_connect(struct hnff_port *port);
void hnff_split_disconnect(struct hnff_port *port);
long hnff_port_sync(struct hnff_port *port, u32 flags);
long hnff_port_poll_sync(struct hnff_port *port, u32 flag);

/* hypercall.c */
long hnff_hc_sync(u32 hnf_port, u32 flags);
long hnff_hc_bind_evtchn(u32 hnf_port, evtchn_port_t evtchn);

#endif
