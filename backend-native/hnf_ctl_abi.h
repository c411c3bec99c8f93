/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hnf_ctl_abi.h — the ioctls of /dev/hypernf-ctl (ctl.c), shared by hnf_back
 * and tools/hnfctl.c. Fixed-width types and explicit padding, checked sizes,
 * as public/hypernf.h does, so the tool and the module agree byte for byte.
 */
#ifndef HNF_CTL_ABI_H
#define HNF_CTL_ABI_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/ioctl.h>
#else
#include <stdint.h>
#include <sys/ioctl.h>
#endif

#include "public/hypernf.h"

#define HNF_CTL_DEVICE     "/dev/hypernf-ctl"
#define HNF_CTL_NAME_LEN   64   /* SWITCH:PORT, NUL included */
#define HNF_CTL_IFNAME_LEN 16   /* IFNAMSIZ */

/* HNF_CTL_NIC_ATTACH / HNF_CTL_NIC_DETACH (detach reads only ifname). */
struct hnf_ctl_nic {
	char ifname[HNF_CTL_IFNAME_LEN];
	char name[HNF_CTL_NAME_LEN];
	uint32_t slots;          /* 0: the module parameter */
	uint32_t buf_size;       /* 0: the module parameter */
};

#define HNF_CTL_KIND_GUEST 0
#define HNF_CTL_KIND_LOCAL 1
#define HNF_CTL_KIND_NIC   2

/* Counters hnf_back keeps for a NIC port (Xen's are in `xen`). */
struct hnf_ctl_nic_stats {
	uint64_t to_switch;          /* frames from the NIC copied into the TX ring */
	uint64_t to_switch_bytes;
	uint64_t to_wire;            /* frames from the RX ring given to dev_queue_xmit */
	uint64_t to_wire_bytes;
	uint64_t drop_ring_full;     /* NIC frames dropped: our TX ring was full */
	uint64_t drop_oversize;      /* NIC frames longer than a buffer */
	uint64_t drop_offload;       /* GSO/partial-checksum frames that could not be
	                                segmented or checksummed */
	uint64_t drop_xmit;          /* frames dev_queue_xmit refused, or no skb */
	uint64_t drop_bad_slot;      /* RX slots with an impossible buf_idx or len */
	uint64_t syncs;              /* TX+RX sync hypercalls issued */
	uint64_t gso_segmented;      /* GSO (e.g. GRO'd or TSO) frames cut into segments */
	uint64_t csum_completed;     /* CHECKSUM_PARTIAL frames whose checksum we filled in */
};

/* HNF_CTL_PORT_GET: IN index, OUT one port. */
struct hnf_ctl_port {
	uint32_t index;
	uint32_t kind;               /* HNF_CTL_KIND_* */
	uint32_t domid;              /* the owner: a guest, or 0 */
	uint32_t devid;              /* guest ports: device/hypernf/<devid> */
	uint32_t registered;         /* 1: Xen holds it and hnf_port is valid */
	uint32_t hnf_port;
	uint32_t tx_slots, rx_slots, buf_size, pad0;
	char name[HNF_CTL_NAME_LEN]; /* SWITCH:PORT, or "" */
	char ifname[HNF_CTL_IFNAME_LEN];
	int32_t stats_rc;            /* HYPERNF_OP_STATS' answer, 0 = xen valid */
	uint32_t pad1;
	struct hypernf_port_stats xen;
	struct hnf_ctl_nic_stats nic;
};

#define HNF_CTL_NIC_ATTACH _IOW('H', 1, struct hnf_ctl_nic)
#define HNF_CTL_NIC_DETACH _IOW('H', 2, struct hnf_ctl_nic)
#define HNF_CTL_PORT_GET   _IOWR('H', 3, struct hnf_ctl_port)
#define HNF_CTL_CONTROL    _IOWR('H', 4, struct hypernf_control)

#if !defined(__cplusplus)
_Static_assert(sizeof(struct hnf_ctl_nic) == 88, "hnf_ctl ABI");
_Static_assert(sizeof(struct hnf_ctl_nic_stats) == 96, "hnf_ctl ABI");
_Static_assert(sizeof(struct hnf_ctl_port) == 384, "hnf_ctl ABI");
#endif

#endif
