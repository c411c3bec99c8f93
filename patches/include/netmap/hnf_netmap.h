/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * hnf_netmap.h — the parts of netmap's user ABI that both kernel modules
 * speak (hnf_front's /dev/hypernfN, hnf_back's /dev/hypernf-dom0 and the
 * regions hnf_back lays out), written from the facts in
 * shared/NETMAP-ABI.md (x86-64, API 14 and the legacy API 11 ioctls). The
 * structs are declared with explicit sizes and checked, because unmodified
 * netmap applications pass them in. The same file serves the user-space
 * tools (frontend-native/tools/hnf_nmport.c and the programs built on it):
 * the field types are the __uNN of <linux/types.h>, which both sides have,
 * and the size checks are BUILD_BUG_ON in the kernel, _Static_assert
 * outside it.
 */
#ifndef HNF_NETMAP_H
#define HNF_NETMAP_H

#include <linux/types.h>
#include <linux/ioctl.h>
#ifdef __KERNEL__
#include <linux/build_bug.h>
#endif

#define NETMAP_API             14
#define NETMAP_MIN_LEGACY_API  11   /* NIOCGINFO/NIOCREGIF callers */
#define NETMAP_REQ_MAXNAMELEN  64
#define NETMAP_LEGACY_NAMELEN  16
#define NETMAP_MEM_ID          1    /* every port has its own region */

#define NETMAP_REQ_REGISTER       1
#define NETMAP_REQ_PORT_INFO_GET  2

#define NR_REG_ALL_NIC  1
#define NR_REG_ONE_NIC  4

struct nmreq_header {
	__u16 nr_version;
	__u16 nr_reqtype;
	__u32 nr_reserved;
	char nr_name[NETMAP_REQ_MAXNAMELEN];
	__u64 nr_options;
	__u64 nr_body;
};

struct nmreq_register {
	__u64 nr_offset;
	__u64 nr_memsize;
	__u32 nr_tx_slots;
	__u32 nr_rx_slots;
	__u16 nr_tx_rings;
	__u16 nr_rx_rings;
	__u16 nr_host_tx_rings;
	__u16 nr_host_rx_rings;
	__u16 nr_mem_id;
	__u16 nr_ringid;
	__u32 nr_mode;
	__u32 nr_extra_bufs;
	__u32 nr_pad;
	__u64 nr_flags;
};

struct nmreq_port_info_get {
	__u64 nr_memsize;
	__u32 nr_tx_slots;
	__u32 nr_rx_slots;
	__u16 nr_tx_rings;
	__u16 nr_rx_rings;
	__u16 nr_host_tx_rings;
	__u16 nr_host_rx_rings;
	__u16 nr_mem_id;
	__u16 pad[3];
};

/* Legacy struct nmreq (API 11): packed to its 60 bytes. */
struct nmreq_legacy {
	char nr_name[NETMAP_LEGACY_NAMELEN];
	__u32 nr_version;
	__u32 nr_offset;
	__u32 nr_memsize;
	__u32 nr_tx_slots;
	__u32 nr_rx_slots;
	__u16 nr_tx_rings;
	__u16 nr_rx_rings;
	__u16 nr_ringid;
	__u16 nr_cmd;
	__u16 nr_arg1;
	__u16 nr_arg2;
	__u32 nr_arg3;
	__u32 nr_flags;
	__u32 spare2;
};

#define NIOCCTRL    _IOWR('i', 151, struct nmreq_header)
#define NIOCGINFO   _IOWR('i', 145, struct nmreq_legacy)
#define NIOCREGIF   _IOWR('i', 146, struct nmreq_legacy)
#define NIOCTXSYNC  _IO('i', 148)
#define NIOCRXSYNC  _IO('i', 149)

#ifdef __KERNEL__
static inline void hnf_netmap_abi_checks(void)
{
	BUILD_BUG_ON(sizeof(struct nmreq_header) != 88);
	BUILD_BUG_ON(sizeof(struct nmreq_register) != 56);
	BUILD_BUG_ON(sizeof(struct nmreq_port_info_get) != 32);
	BUILD_BUG_ON(sizeof(struct nmreq_legacy) != 60);
	BUILD_BUG_ON(NIOCCTRL != 0xc0586997);
	BUILD_BUG_ON(NIOCGINFO != 0xc03c6991);
	BUILD_BUG_ON(NIOCREGIF != 0xc03c6992);
	BUILD_BUG_ON(NIOCTXSYNC != 0x6994);
	BUILD_BUG_ON(NIOCRXSYNC != 0x6995);
}
#else
_Static_assert(sizeof(struct nmreq_header) == 88, "NETMAP-ABI.md: nmreq_header");
_Static_assert(sizeof(struct nmreq_register) == 56, "NETMAP-ABI.md: nmreq_register");
_Static_assert(sizeof(struct nmreq_port_info_get) == 32, "NETMAP-ABI.md: nmreq_port_info_get");
_Static_assert(sizeof(struct nmreq_legacy) == 60, "NETMAP-ABI.md: legacy nmreq");
_Static_assert(NIOCCTRL == 0xc0586997, "NETMAP-ABI.md: NIOCCTRL");
_Static_assert(NIOCGINFO == 0xc03c6991, "NETMAP-ABI.md: NIOCGINFO");
_Static_assert(NIOCREGIF == 0xc03c6992, "NETMAP-ABI.md: NIOCREGIF");
_Static_assert(NIOCTXSYNC == 0x6994, "NETMAP-ABI.md: NIOCTXSYNC");
_Static_assert(NIOCRXSYNC == 0x6995, "NETMAP-ABI.md: NIOCRXSYNC");
#endif

/* Byte offsets in struct netmap_if, struct netmap_ring, struct netmap_slot. */
#define NMI_NAME         0
#define NMI_NAME_LEN     16
#define NMI_VERSION      16
#define NMI_TX_RINGS     24
#define NMI_RX_RINGS     28
#define NMI_HOST_TX      36
#define NMI_RING_OFS     56

#define NMR_BUF_OFS      0
#define NMR_NUM_SLOTS    8
#define NMR_BUF_SIZE     12
#define NMR_DIR          18
#define NMR_HEAD         20
#define NMR_CUR          24
#define NMR_TAIL         28
#define NMR_SEM          128   /* kernel-private area; split mode's request bytes */
#define NMR_SLOTS        256

#define NMS_SIZE         16
#define NMS_BUF_IDX      0
#define NMS_LEN          4
#define NMS_FLAGS        6

#define NS_BUF_CHANGED   0x0001   /* the slot's buf_idx was replaced */

#endif
