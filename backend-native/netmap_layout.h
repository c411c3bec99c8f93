/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netmap_layout.h — byte offsets of the netmap structures that hnf_back
 * writes (shared/NETMAP-ABI.md, x86-64; API 14).
 */
#ifndef HNFB_NETMAP_LAYOUT_H
#define HNFB_NETMAP_LAYOUT_H

#define NETMAP_API       14

/* struct netmap_if */
#define NMI_NAME         0
#define NMI_NAME_LEN     16
#define NMI_VERSION      16
#define NMI_TX_RINGS     24
#define NMI_RX_RINGS     28
#define NMI_RING_OFS     56

/* struct netmap_ring */
#define NMR_BUF_OFS      0
#define NMR_NUM_SLOTS    8
#define NMR_BUF_SIZE     12
#define NMR_DIR          18
#define NMR_HEAD         20
#define NMR_CUR          24
#define NMR_TAIL         28
#define NMR_SEM          128   /* kernel-private area; split.c's request bytes */
#define NMR_SLOTS        256

/* struct netmap_slot */
#define NMS_SIZE         16
#define NMS_BUF_IDX      0
#define NMS_LEN          4

#endif
