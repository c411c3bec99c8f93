/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netmap_req.h — the control requests of netmap's user ABI that
 * /dev/hypernf-dom0 answers (shared/NETMAP-ABI.md, "Control" and "Legacy
 * control"; x86-64). Sizes and ioctl numbers are checked at build time
 * because unmodified netmap applications pass these structs in.
 */
#ifndef HNFB_NETMAP_REQ_H
#define HNFB_NETMAP_REQ_H

#include <linux/types.h>
#include <linux/ioctl.h>
#include <linux/build_bug.h>

#define NETMAP_MIN_LEGACY_API  11
#define NETMAP_REQ_MAXNAMELEN  64
#define NETMAP_LEGACY_NAMELEN  16
#define NETMAP_MEM_ID          1    /* every port has its own region */

#define NETMAP_REQ_REGISTER       1
#define NETMAP_REQ_PORT_INFO_GET  2

#define NR_REG_ALL_NIC  1
#define NR_REG_ONE_NIC  4

struct nmreq_header {
	u16 nr_version;
	u16 nr_reqtype;
	u32 nr_reserved;
	char nr_name[NETMAP_REQ_MAXNAMELEN];
	u64 nr_options;
	u64 nr_body;
};

struct nmreq_register {
	u64 nr_offset;
	u64 nr_memsize;
	u32 nr_tx_slots;
	u32 nr_rx_slots;
	u16 nr_tx_rings;
	u16 nr_rx_rings;
	u16 nr_host_tx_rings;
	u16 nr_host_rx_rings;
	u16 nr_mem_id;
	u16 nr_ringid;
	u32 nr_mode;
	u32 nr_extra_bufs;
	u32 nr_pad;
	u64 nr_flags;
};

struct nmreq_port_info_get {
	u64 nr_memsize;
	u32 nr_tx_slots;
	u32 nr_rx_slots;
	u16 nr_tx_rings;
	u16 nr_rx_rings;
	u16 nr_host_tx_rings;
	u16 nr_host_rx_rings;
	u16 nr_mem_id;
	u16 pad[3];
};

struct nmreq_legacy {
	char nr_name[NETMAP_LEGACY_NAMELEN];
	u32 nr_version;
	u32 nr_offset;
	u32 nr_memsize;
	u32 nr_tx_slots;
	u32 nr_rx_slots;
	u16 nr_tx_rings;
	u16 nr_rx_rings;
	u16 nr_ringid;
	u16 nr_cmd;
	u16 nr_arg1;
	u16 nr_arg2;
	u32 nr_arg3;
	u32 nr_flags;
	u32 spare2;
};

#define NIOCCTRL    _IOWR('i', 151, struct nmreq_header)
#define NIOCGINFO   _IOWR('i', 145, struct nmreq_legacy)
#define NIOCREGIF   _IOWR('i', 146, struct nmreq_legacy)
#define NIOCTXSYNC  _IO('i', 148)
#define NIOCRXSYNC  _IO('i', 149)

static inline void hnfb_netmap_abi_checks(void)
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

#endif
