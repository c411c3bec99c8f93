/* Builds netmap-layout regions in user memory; see hnf_region.h. */
#include <stdlib.h>

#include "hnf_region.h"

static uint64_t round_up(uint64_t v, uint64_t a)
{
    return (v + a - 1) / a * a;
}

/* Where ring_ofs[k] of a region with this spec points, and how big it is. */
static uint64_t *ring_slot_of(struct hnf_test_region *tr, const struct hnf_region_spec *s,
                              uint32_t k, uint32_t *nslots, bool *is_tx, uint32_t *id)
{
    uint32_t h = s->host_rings;

    if (k < s->tx_rings) {
        *nslots = s->tx_slots, *is_tx = true, *id = k;
        return &tr->tx_off[k];
    }
    k -= s->tx_rings;
    if (k < h) {
        *nslots = s->tx_slots, *is_tx = true, *id = s->tx_rings + k;
        return &tr->host_tx_off[k];
    }
    k -= h;
    if (k < s->rx_rings) {
        *nslots = s->rx_slots, *is_tx = false, *id = k;
        return &tr->rx_off[k];
    }
    k -= s->rx_rings;
    *nslots = s->tx_slots, *is_tx = false, *id = s->rx_rings + k;
    return &tr->host_rx_off[k];
}

int hnf_region_build(struct hnf_test_region *tr, const struct hnf_region_spec *s)
{
    uint32_t nrings = s->tx_rings + s->rx_rings + 2 * s->host_rings;
    uint32_t k, j, nslots, id, next_buf = 2;
    uint64_t off, slots_total = 0;
    struct hnf_nm_if *nifp;
    int64_t *ring_ofs;
    bool is_tx;

    if (s->tx_rings > HYPERNF_MAX_RINGS || s->rx_rings > HYPERNF_MAX_RINGS ||
        s->host_rings > HYPERNF_MAX_RINGS)
        return -1;
    memset(tr, 0, sizeof(*tr));
    tr->geo.num_tx_rings = s->tx_rings;
    tr->geo.num_rx_rings = s->rx_rings;
    tr->geo.num_tx_slots = s->tx_slots;
    tr->geo.num_rx_slots = s->rx_slots;
    tr->geo.buf_size = s->buf_size;
    tr->geo.num_bufs = s->num_bufs;
    tr->geo.nr_offset = s->nr_offset;

    off = round_up(s->nr_offset + HNF_NM_IF_HDR_SIZE + 8ULL * nrings, 64);
    for (k = 0; k < nrings; k++) {
        *ring_slot_of(tr, s, k, &nslots, &is_tx, &id) = off;
        off = round_up(off + HNF_NM_RING_HDR_SIZE + 16ULL * nslots, 64);
        slots_total += nslots;
    }
    tr->bufs_off = off;
    tr->size = off + (uint64_t)s->num_bufs * s->buf_size;
    if (2 + slots_total > s->num_bufs)
        return -1;
    tr->mem = calloc(1, tr->size);
    if (tr->mem == NULL)
        return -1;

    nifp = (struct hnf_nm_if *)(tr->mem + s->nr_offset);
    memcpy(nifp->ni_name, "hnf-test", 9);
    nifp->ni_version = 14;
    nifp->ni_tx_rings = s->tx_rings;
    nifp->ni_rx_rings = s->rx_rings;
    nifp->ni_host_tx_rings = s->host_rings;
    nifp->ni_host_rx_rings = s->host_rings;
    ring_ofs = (int64_t *)(tr->mem + s->nr_offset + HNF_NM_IF_HDR_SIZE);
    for (k = 0; k < nrings; k++) {
        uint64_t roff = *ring_slot_of(tr, s, k, &nslots, &is_tx, &id);
        struct hnf_nm_ring *ring = (struct hnf_nm_ring *)(tr->mem + roff);
        struct hnf_nm_slot *slots = hnf_ring_slots(ring);

        ring_ofs[k] = (int64_t)roff - (int64_t)s->nr_offset;
        ring->buf_ofs = (int64_t)tr->bufs_off - (int64_t)roff;
        ring->num_slots = nslots;
        ring->nr_buf_size = s->buf_size;
        ring->ringid = (uint16_t)id;
        ring->dir = is_tx ? 0 : 1;
        for (j = 0; j < nslots; j++)
            slots[j].buf_idx = next_buf++;
    }
    return 0;
}

void hnf_region_free(struct hnf_test_region *tr)
{
    free(tr->mem);
    tr->mem = NULL;
}

void hnf_region_params(const struct hnf_test_region *tr, uint16_t owner, void *env,
                       struct hnf_port_params *params)
{
    memset(params, 0, sizeof(*params));
    params->owner_domid = owner;
    params->geometry = tr->geo;
    params->region_base = tr->mem;
    params->region_size = tr->size;
    params->env = env;
}

struct hnf_nm_ring *hnf_region_tx(const struct hnf_test_region *tr, uint32_t ring)
{
    return (struct hnf_nm_ring *)(tr->mem + tr->tx_off[ring]);
}

struct hnf_nm_ring *hnf_region_rx(const struct hnf_test_region *tr, uint32_t ring)
{
    return (struct hnf_nm_ring *)(tr->mem + tr->rx_off[ring]);
}

struct hnf_nm_slot *hnf_ring_slots(struct hnf_nm_ring *ring)
{
    return (struct hnf_nm_slot *)((uint8_t *)ring + HNF_NM_RING_HDR_SIZE);
}

uint8_t *hnf_region_buf(const struct hnf_test_region *tr, uint32_t buf_idx)
{
    return tr->mem + tr->bufs_off + (uint64_t)buf_idx * tr->geo.buf_size;
}

uint32_t hnf_app_space(const struct hnf_nm_ring *ring)
{
    return ring->tail >= ring->head ? ring->tail - ring->head
                                    : ring->tail + ring->num_slots - ring->head;
}

static uint32_t next_slot(const struct hnf_nm_ring *ring, uint32_t i)
{
    return i + 1 == ring->num_slots ? 0 : i + 1;
}

int hnf_app_send(const struct hnf_test_region *tr, struct hnf_nm_ring *ring,
                 const uint8_t dst[6], const uint8_t src[6], uint32_t len,
                 uint16_t flags, uint32_t tag)
{
    struct hnf_nm_slot *slot;
    uint8_t *buf;

    if (hnf_app_space(ring) == 0)
        return -1;
    slot = &hnf_ring_slots(ring)[ring->head];
    buf = hnf_region_buf(tr, slot->buf_idx);
    if (len >= 6)
        memcpy(buf, dst, 6);
    if (len >= 12)
        memcpy(buf + 6, src, 6);
    if (len >= 14) {
        buf[12] = 0x88;
        buf[13] = 0xb5; /* IEEE local experimental EtherType */
    }
    if (len >= 18)
        memcpy(buf + 14, &tag, 4);
    slot->len = (uint16_t)len;
    slot->flags = flags;
    ring->head = next_slot(ring, ring->head);
    ring->cur = ring->head;
    return 0;
}

int hnf_app_recv(const struct hnf_test_region *tr, struct hnf_nm_ring *ring,
                 uint8_t *out, uint32_t cap)
{
    struct hnf_nm_slot *slot;
    uint32_t len;

    if (hnf_app_space(ring) == 0)
        return -1;
    slot = &hnf_ring_slots(ring)[ring->head];
    len = slot->len;
    memcpy(out, hnf_region_buf(tr, slot->buf_idx), len < cap ? len : cap);
    ring->head = next_slot(ring, ring->head);
    ring->cur = ring->head;
    return (int)len;
}
