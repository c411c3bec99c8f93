/*
 * A port region in the exact netmap layout (shared/NETMAP-ABI.md), built in
 * user memory for the tests, the fuzzer and the bench, plus the application
 * side of the ring protocol (what a netmap program does between syncs).
 *
 * Layout: [nr_offset bytes][netmap_if + ring_ofs[]][rings][buffers], the rings
 * in ring_ofs order: TX, host TX, RX, host RX (NETMAP-ABI.md, API 14).
 * Buffers 0 and 1 are reserved as in netmap; each slot of every ring gets
 * its own buffer, the rest of the pool stays spare.
 */
#ifndef HNF_REGION_H
#define HNF_REGION_H

#include "hnf_netmap.h"
#include "hnf_switch.h"

struct hnf_test_region {
    uint8_t *mem;
    uint64_t size;
    struct hypernf_port_geometry geo;
    uint64_t tx_off[HYPERNF_MAX_RINGS];
    uint64_t rx_off[HYPERNF_MAX_RINGS];
    uint64_t host_tx_off[HYPERNF_MAX_RINGS];
    uint64_t host_rx_off[HYPERNF_MAX_RINGS];
    uint64_t bufs_off;
};

struct hnf_region_spec {
    uint32_t tx_rings, rx_rings, tx_slots, rx_slots, buf_size, num_bufs;
    uint64_t nr_offset;
    uint32_t host_rings;  /* host TX and host RX rings (API 14), each tx_slots */
};

/* Allocates exactly the region's size (so ASan sees any overrun); 0 or -1. */
int hnf_region_build(struct hnf_test_region *tr, const struct hnf_region_spec *spec);
void hnf_region_free(struct hnf_test_region *tr);

/* Fill in the core's registration parameters for this region. */
void hnf_region_params(const struct hnf_test_region *tr, uint16_t owner, void *env,
                       struct hnf_port_params *params);

struct hnf_nm_ring *hnf_region_tx(const struct hnf_test_region *tr, uint32_t ring);
struct hnf_nm_ring *hnf_region_rx(const struct hnf_test_region *tr, uint32_t ring);
struct hnf_nm_slot *hnf_ring_slots(struct hnf_nm_ring *ring);
uint8_t *hnf_region_buf(const struct hnf_test_region *tr, uint32_t buf_idx);

/* Free TX slots / received RX slots the application owns: tail - head. */
uint32_t hnf_app_space(const struct hnf_nm_ring *ring);

/*
 * Application TX: write an Ethernet frame of len bytes (dst, src, then the
 * 32-bit tag at byte 14 if len allows) into the slot at head; advance
 * head and cur. Returns 0, or -1 if the ring is full.
 */
int hnf_app_send(const struct hnf_test_region *tr, struct hnf_nm_ring *ring,
                 const uint8_t dst[6], const uint8_t src[6], uint32_t len,
                 uint16_t flags, uint32_t tag);

/*
 * Application RX: take the frame at head (copying up to cap bytes into out),
 * advance head and cur. Returns its length, or -1 if none is pending.
 */
int hnf_app_recv(const struct hnf_test_region *tr, struct hnf_nm_ring *ring,
                 uint8_t *out, uint32_t cap);

#endif /* HNF_REGION_H */
