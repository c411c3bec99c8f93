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
#include "hnf_ctl_abi.h"

/* A port name: SWITCH:PORT as in VALE, NUL included (NETMAP-ABI.md). */
#define HNFB_NAME_LEN 64

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
	struct list_head ports_node;    /* on the registry (dport.c) while have_port */
	char port_name[HNFB_NAME_LEN];  /* xenstore switch-port, "" if none given */
	/* split.c: the guest's kicks and the thread that syncs for it */
	int split_irq;                  /* evtchn bound here; 0 = not bound */
	struct task_struct *split_task; /* NULL without HyperNF in Xen */
	wait_queue_head_t split_wq;
	atomic_t split_kicked;
	struct list_head split_node;    /* on split.c's list while split_task runs */
	u64 split_syncs;
	u64 split_errors;
};

/*
 * A port dom0 owns itself (dport.c): a dom0-local port opened by a netmap
 * program (localport.c) or a NIC's port (nic.c). Its region is never
 * granted; Xen signals `evtchn`, an unbound channel of dom0's own, when it
 * has put packets in the RX ring.
 */
enum hnfb_dport_kind { HNFB_DPORT_LOCAL, HNFB_DPORT_NIC };

struct hnfb_dport {
	enum hnfb_dport_kind kind;
	char name[HNFB_NAME_LEN];       /* SWITCH:PORT */
	struct hnfb_region region;
	bool registered;
	u32 hnf_port;
	evtchn_port_t evtchn;
	int irq;
	wait_queue_head_t wq;           /* woken by every event */
	atomic_t events;
	void (*kick)(struct hnfb_dport *dp);  /* extra work on an event, or NULL */
	void *owner;                    /* the localport file or the NIC */
	struct list_head ports_node;
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
long hnfb_hc_bind_evtchn(u32 port, evtchn_port_t evtchn);
long hnfb_hc_control(struct hypernf_control *ctl);

/* dport.c: dom0-owned ports and the registry of every port (for hnfctl) */
extern struct mutex hnfb_ports_lock;
int hnfb_name_check(const char *name);
struct hnfb_dport *hnfb_dport_create(enum hnfb_dport_kind kind, const char *name,
				     u32 tx_slots, u32 rx_slots, u32 buf_size,
				     void *owner);
void hnfb_dport_destroy(struct hnfb_dport *dp);
void hnfb_ports_add_guest(struct hnfb_backend *be);
void hnfb_ports_del_guest(struct hnfb_backend *be);
/* Describes the index-th port (guest ports first); -ENOENT past the end. */
int hnfb_ports_get(u32 index, struct hnf_ctl_port *out);
/* A u32 field of a ring of a dom0 port's region. */
static inline u32 *hnfb_ring_u32(struct hnfb_dport *dp, bool rx, u32 field)
{
	const struct hnfb_layout *l = &dp->region.layout;

	return (u32 *)((u8 *)dp->region.va + (rx ? l->rx_ring_ofs : l->tx_ring_ofs) + field);
}

/* localport.c: /dev/hypernf-dom0, netmap-ABI access to dom0-local ports */
int hnfb_localport_init(void);
void hnfb_localport_exit(void);

/* nic.c: a Linux netdev on a switch port */
int hnfb_nic_attach(const char *ifname, const char *name, u32 slots, u32 buf_size);
int hnfb_nic_detach(const char *ifname);
void hnfb_nic_fill(struct hnfb_dport *dp, struct hnf_ctl_port *out);
int hnfb_nic_init(void);
void hnfb_nic_exit(void);

/* ctl.c: /dev/hypernf-ctl, the control tool's device (hnf_ctl_abi.h) */
int hnfb_ctl_init(void);
void hnfb_ctl_exit(void);
long hnfb_hc_set_mode(u32 mode);

#endif
