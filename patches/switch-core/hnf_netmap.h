/*
 * hnf_netmap.h — the parts of the netmap user ABI the switch core touches,
 * as C views over a port's region (shared/NETMAP-ABI.md; x86-64, offsets in
 * bytes). Only field positions matter: the core never trusts a value read
 * through these views without validating it first.
 */
#ifndef HNF_NETMAP_H
#define HNF_NETMAP_H

#include "hnf_env.h"

/* netmap_slot.flags bits the switch interprets. */
#define HNF_NS_NO_LEARN 0x0008U /* do not learn this frame's source MAC */
#define HNF_NS_MOREFRAG 0x0020U /* the frame continues in the next slot */

struct hnf_nm_slot {
    uint32_t buf_idx;
    uint16_t len;
    uint16_t flags;
    uint64_t ptr;
};

#define HNF_NM_RING_HDR_SIZE 256U /* slot[0] starts here */

struct hnf_nm_ring {
    int64_t buf_ofs;
    uint32_t num_slots;
    uint32_t nr_buf_size;
    uint16_t ringid;
    uint16_t dir;
    uint32_t head;
    uint32_t cur;
    uint32_t tail;
    uint32_t flags;
    uint32_t pad0;
    uint64_t ts_sec;
    uint64_t ts_usec;
    uint64_t offset_mask;
    uint64_t buf_align;
    uint8_t pad1[56];
    uint8_t sem[128];
};

#define HNF_NM_IF_HDR_SIZE 56U /* ring_ofs[0] starts here */

struct hnf_nm_if {
    char ni_name[16];
    uint32_t ni_version;
    uint32_t ni_flags;
    uint32_t ni_tx_rings;
    uint32_t ni_rx_rings;
    uint32_t ni_bufs_head;
    uint32_t ni_host_tx_rings;
    uint32_t ni_host_rx_rings;
    uint32_t pad0[3];
};

#define HNF_ETH_HLEN 14U

_Static_assert(sizeof(struct hnf_nm_slot) == 16, "netmap_slot is 16 bytes");
_Static_assert(sizeof(struct hnf_nm_ring) == HNF_NM_RING_HDR_SIZE, "netmap_ring header");
_Static_assert(__builtin_offsetof(struct hnf_nm_ring, head) == 20, "netmap_ring.head @20");
_Static_assert(__builtin_offsetof(struct hnf_nm_ring, tail) == 28, "netmap_ring.tail @28");
_Static_assert(__builtin_offsetof(struct hnf_nm_ring, ts_sec) == 40, "netmap_ring.ts @40");
_Static_assert(__builtin_offsetof(struct hnf_nm_ring, offset_mask) == 56, "offset_mask @56");
_Static_assert(__builtin_offsetof(struct hnf_nm_ring, sem) == 128, "netmap_ring.sem @128");
_Static_assert(sizeof(struct hnf_nm_if) == HNF_NM_IF_HDR_SIZE, "netmap_if header");
_Static_assert(__builtin_offsetof(struct hnf_nm_if, ni_host_rx_rings) == 40, "ni_host_rx_rings @40");

#endif /* HNF_NETMAP_H */
