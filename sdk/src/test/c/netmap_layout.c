/*
 * Prints offsetof/sizeof of the netmap user ABI structures and the ioctl numbers, one
 * "KEY VALUE" per line, for NetmapLayoutTest to compare with NetmapLayout. The structures are
 * declared here from the tables of shared/NETMAP-ABI.md (x86-64), not taken from netmap's headers,
 * so the test checks the Java constants against what a C compiler makes of that table.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/time.h>

struct netmap_slot {
	uint32_t buf_idx;
	uint16_t len;
	uint16_t flags;
	uint64_t ptr;
};

struct netmap_ring {
	int64_t buf_ofs;
	uint32_t num_slots;
	uint32_t nr_buf_size;
	uint16_t ringid;
	uint16_t dir;
	uint32_t head;
	uint32_t cur;
	uint32_t tail;
	uint32_t flags;
	struct timeval ts;
	uint64_t offset_mask;
	uint64_t buf_align;
	/* kernel private, on its own 128-byte line so that the slots start at 256 */
	char sem[128] __attribute__((__aligned__(128)));
	struct netmap_slot slot[0];
};

struct netmap_if {
	char ni_name[16];
	uint32_t ni_version;
	uint32_t ni_flags;
	uint32_t ni_tx_rings;
	uint32_t ni_rx_rings;
	uint32_t ni_bufs_head;
	uint32_t ni_host_tx_rings;
	uint32_t ni_host_rx_rings;
	uint32_t ni_spare1[3];
	int64_t ring_ofs[0];
};

struct nmreq_header {
	uint16_t nr_version;
	uint16_t nr_reqtype;
	uint32_t nr_reserved;
	char nr_name[64];
	uint64_t nr_options;
	uint64_t nr_body;
};

struct nmreq_register {
	uint64_t nr_offset;
	uint64_t nr_memsize;
	uint32_t nr_tx_slots;
	uint32_t nr_rx_slots;
	uint16_t nr_tx_rings;
	uint16_t nr_rx_rings;
	uint16_t nr_host_tx_rings;
	uint16_t nr_host_rx_rings;
	uint16_t nr_mem_id;
	uint16_t nr_ringid;
	uint32_t nr_mode;
	uint32_t nr_extra_bufs;
	uint64_t nr_flags;
};

struct nmreq_option {
	uint64_t nro_next;
	uint32_t nro_reqtype;
	uint32_t nro_status;
	uint64_t nro_size;
};

/* API 11 */
struct nmreq {
	char nr_name[16];
	uint32_t nr_version;
	uint32_t nr_offset;
	uint32_t nr_memsize;
	uint32_t nr_tx_slots;
	uint32_t nr_rx_slots;
	uint16_t nr_tx_rings;
	uint16_t nr_rx_rings;
	uint16_t nr_ringid;
	uint16_t nr_cmd;
	uint16_t nr_arg1;
	uint16_t nr_arg2;
	uint32_t nr_arg3;
	uint32_t nr_flags;
	uint32_t spare2[1];
};

#define OFF(key, type, field) printf("%s %zu\n", key, offsetof(struct type, field))
#define SIZE(key, type) printf("%s %zu\n", key, sizeof(struct type))
#define IOCTL(key, value) printf("%s %lu\n", key, (unsigned long)(value))

int main(void)
{
	SIZE("SLOT_SIZE", netmap_slot);
	OFF("SLOT_BUF_IDX", netmap_slot, buf_idx);
	OFF("SLOT_LEN", netmap_slot, len);
	OFF("SLOT_FLAGS", netmap_slot, flags);
	OFF("SLOT_PTR", netmap_slot, ptr);

	OFF("RING_BUF_OFS", netmap_ring, buf_ofs);
	OFF("RING_NUM_SLOTS", netmap_ring, num_slots);
	OFF("RING_NR_BUF_SIZE", netmap_ring, nr_buf_size);
	OFF("RING_RINGID", netmap_ring, ringid);
	OFF("RING_DIR", netmap_ring, dir);
	OFF("RING_HEAD", netmap_ring, head);
	OFF("RING_CUR", netmap_ring, cur);
	OFF("RING_TAIL", netmap_ring, tail);
	OFF("RING_FLAGS", netmap_ring, flags);
	OFF("RING_TS", netmap_ring, ts);
	OFF("RING_OFFSET_MASK", netmap_ring, offset_mask);
	OFF("RING_BUF_ALIGN", netmap_ring, buf_align);
	OFF("RING_SEM", netmap_ring, sem);
	OFF("RING_SLOTS", netmap_ring, slot);
	SIZE("RING_HEADER_SIZE", netmap_ring);

	OFF("IF_NAME", netmap_if, ni_name);
	OFF("IF_VERSION", netmap_if, ni_version);
	OFF("IF_FLAGS", netmap_if, ni_flags);
	OFF("IF_TX_RINGS", netmap_if, ni_tx_rings);
	OFF("IF_RX_RINGS", netmap_if, ni_rx_rings);
	OFF("IF_BUFS_HEAD", netmap_if, ni_bufs_head);
	OFF("IF_HOST_TX_RINGS", netmap_if, ni_host_tx_rings);
	OFF("IF_HOST_RX_RINGS", netmap_if, ni_host_rx_rings);
	OFF("IF_RING_OFS", netmap_if, ring_ofs);
	SIZE("IF_HEADER_SIZE", netmap_if);

	SIZE("HDR_SIZE", nmreq_header);
	OFF("HDR_VERSION", nmreq_header, nr_version);
	OFF("HDR_REQTYPE", nmreq_header, nr_reqtype);
	OFF("HDR_RESERVED", nmreq_header, nr_reserved);
	OFF("HDR_NAME", nmreq_header, nr_name);
	OFF("HDR_OPTIONS", nmreq_header, nr_options);
	OFF("HDR_BODY", nmreq_header, nr_body);

	SIZE("REG_SIZE", nmreq_register);
	OFF("REG_OFFSET", nmreq_register, nr_offset);
	OFF("REG_MEMSIZE", nmreq_register, nr_memsize);
	OFF("REG_TX_SLOTS", nmreq_register, nr_tx_slots);
	OFF("REG_RX_SLOTS", nmreq_register, nr_rx_slots);
	OFF("REG_TX_RINGS", nmreq_register, nr_tx_rings);
	OFF("REG_RX_RINGS", nmreq_register, nr_rx_rings);
	OFF("REG_HOST_TX_RINGS", nmreq_register, nr_host_tx_rings);
	OFF("REG_HOST_RX_RINGS", nmreq_register, nr_host_rx_rings);
	OFF("REG_MEM_ID", nmreq_register, nr_mem_id);
	OFF("REG_RINGID", nmreq_register, nr_ringid);
	OFF("REG_MODE", nmreq_register, nr_mode);
	OFF("REG_EXTRA_BUFS", nmreq_register, nr_extra_bufs);
	OFF("REG_FLAGS", nmreq_register, nr_flags);

	SIZE("OPT_SIZE", nmreq_option);
	OFF("OPT_NEXT", nmreq_option, nro_next);
	OFF("OPT_REQTYPE", nmreq_option, nro_reqtype);
	OFF("OPT_STATUS", nmreq_option, nro_status);
	OFF("OPT_SIZE_FIELD", nmreq_option, nro_size);

	SIZE("NMREQ_SIZE", nmreq);
	OFF("NMREQ_NAME", nmreq, nr_name);
	OFF("NMREQ_VERSION", nmreq, nr_version);
	OFF("NMREQ_OFFSET", nmreq, nr_offset);
	OFF("NMREQ_MEMSIZE", nmreq, nr_memsize);
	OFF("NMREQ_TX_SLOTS", nmreq, nr_tx_slots);
	OFF("NMREQ_RX_SLOTS", nmreq, nr_rx_slots);
	OFF("NMREQ_TX_RINGS", nmreq, nr_tx_rings);
	OFF("NMREQ_RX_RINGS", nmreq, nr_rx_rings);
	OFF("NMREQ_RINGID", nmreq, nr_ringid);
	OFF("NMREQ_CMD", nmreq, nr_cmd);
	OFF("NMREQ_ARG1", nmreq, nr_arg1);
	OFF("NMREQ_ARG2", nmreq, nr_arg2);
	OFF("NMREQ_ARG3", nmreq, nr_arg3);
	OFF("NMREQ_FLAGS", nmreq, nr_flags);
	OFF("NMREQ_SPARE2", nmreq, spare2);

	/* netmap.h: NIOCCTRL _IOWR('i', 151, struct nmreq_header); NIOCTXSYNC/NIOCRXSYNC _IO('i', 148/149);
	 * netmap_legacy.h: NIOCGINFO/NIOCREGIF _IOWR('i', 145/146, struct nmreq). */
	IOCTL("NIOCCTRL", _IOWR('i', 151, struct nmreq_header));
	IOCTL("NIOCTXSYNC", _IO('i', 148));
	IOCTL("NIOCRXSYNC", _IO('i', 149));
	IOCTL("NIOCGINFO", _IOWR('i', 145, struct nmreq));
	IOCTL("NIOCREGIF", _IOWR('i', 146, struct nmreq));
	return 0;
}
