/*
 * hnf_switch.c — HyperNF's in-hypervisor switch: a VALE-style learning
 * bridge between netmap-ABI ports whose rings live in guest-writable memory.
 *
 * Roadmap of the packet path (details in README.md):
 *   hnf_port_register   snapshot and validate a region's layout     layout_*
 *   hnf_port_sync       ownership and mode check, then per direction:
 *     rx_sync             read head/cur once, release slots, republish tail
 *     tx_sync             read head/cur once, bounded by the batch limit
 *       tx_ring_forward     per chunk of slots:
 *         tx_read_chunk       read buf_idx/len/flags once, validate, prefetch
 *         switch_frame        learn source MAC, choose unicast or flood
 *           deliver             copy into a destination RX slot or count a drop
 *       publish_rx          write destination tails, notify destinations
 *   hnf_port_stats / hnf_switch_control / hnf_port_unregister
 *
 * Trust (DESIGN.md, "Memory and trust"): every value a guest can write is
 * loaded once with HNF_READ_ONCE into a local, validated against the
 * geometry snapshotted at registration, and only the local is used. A
 * violation marks the port broken (port_break) and it is served no more.
 * Offsets from the region (ring_ofs, buf_ofs) are read only at registration
 * and checked against the region's size, so every pointer the core forms
 * lies inside the port's region. Every loop is bounded by a ring size, the
 * batch limit, HYPERNF_MAX_PORTS or the MAC table size.
 */
#include "hnf_switch.h"
#include "hnf_netmap.h"

#define HNF_MAC_TABLE_SIZE 1024U /* VALE's learning table (NETMAP-ABI.md) */
#define HNF_MAC_HASH_SHIFT 54U   /* 64 - log2(HNF_MAC_TABLE_SIZE) */
#define HNF_LOG_INTERVAL_NS 1000000000ULL

/*
 * A learned address. `mac` holds the six address bytes in memory order
 * (copied, not assembled byte by byte), so equality and hashing need no
 * byte swapping on any CPU.
 */
struct hnf_mac_entry {
    uint64_t mac;
    uint32_t port;
    uint32_t valid;
};

/* Kernel-side state of one ring: the guest cannot see or write any of it. */
struct hnf_ring {
    uint64_t hdr_off;    /* struct netmap_ring, within the region */
    uint64_t bufs_off;   /* buffer 0 for this ring (ring + buf_ofs) */
    uint32_t num_slots;
    uint32_t hwcur;      /* netmap's nr_hwcur: head as of the last sync */
    uint32_t hwtail;     /* netmap's nr_hwtail: the tail we publish */
    bool in_frag;        /* TX: dropping the rest of a multi-slot frame */
};

struct hnf_port {
    bool active;
    bool broken;
    uint16_t owner;
    uint32_t evtchn;
    uint32_t next_tx_ring;   /* where the next TX sync starts (fairness) */
    uint32_t rx_dirty;       /* RX rings whose tail must be published */
    uint8_t *base;
    uint64_t size;
    void *env;
    uint64_t last_log_ns;
    struct hypernf_port_geometry geo;
    struct hnf_ring tx[HYPERNF_MAX_RINGS];
    struct hnf_ring rx[HYPERNF_MAX_RINGS];
    struct hypernf_port_stats st;
};

struct hnf_switch {
    hnf_lock_t lock;
    uint32_t batch;
    uint32_t mode;
    uint64_t forwarding_mask;  /* registered and not broken: flood targets */
    struct hnf_mac_entry table[HNF_MAC_TABLE_SIZE];
    struct hnf_port ports[HYPERNF_MAX_PORTS];
};

_Static_assert(HYPERNF_MAX_PORTS <= 64, "forwarding_mask is one 64-bit word");
_Static_assert(HYPERNF_MAX_RINGS <= 32, "rx_dirty is one 32-bit word");

size_t hnf_switch_size(void)
{
    return sizeof(struct hnf_switch);
}

/* An unused port; copied over a port slot to clear it (HNF_MEMCPY is all we have). */
static const struct hnf_port hnf_port_unused;

static void port_clear(struct hnf_port *p)
{
    HNF_MEMCPY(p, &hnf_port_unused, sizeof(*p));
}

void hnf_switch_init(struct hnf_switch *sw)
{
    uint32_t i;

    HNF_LOCK_INIT(&sw->lock);
    sw->batch = HYPERNF_DEFAULT_BATCH;
    sw->mode = HYPERNF_MODE_HYPERCALL;
    sw->forwarding_mask = 0;
    for (i = 0; i < HNF_MAC_TABLE_SIZE; i++) {
        sw->table[i].mac = 0;
        sw->table[i].port = 0;
        sw->table[i].valid = 0;
    }
    for (i = 0; i < HYPERNF_MAX_PORTS; i++)
        port_clear(&sw->ports[i]);
}

static uint8_t *port_at(const struct hnf_port *p, uint64_t off)
{
    return HNF_REGION_AT(p->base, p->env, off);
}

static struct hnf_nm_ring *ring_hdr(const struct hnf_port *p, const struct hnf_ring *r)
{
    return (struct hnf_nm_ring *)port_at(p, r->hdr_off);
}

static struct hnf_nm_slot *ring_slot(const struct hnf_port *p, const struct hnf_ring *r,
                                     uint32_t i)
{
    return (struct hnf_nm_slot *)port_at(p, r->hdr_off + HNF_NM_RING_HDR_SIZE +
                                               (uint64_t)i * sizeof(struct hnf_nm_slot));
}

static uint8_t *ring_buf(const struct hnf_port *p, const struct hnf_ring *r, uint32_t buf_idx)
{
    return port_at(p, r->bufs_off + (uint64_t)buf_idx * p->geo.buf_size);
}

/* Slots from `from` forward to `to` on a ring of n slots (both < n). */
static uint32_t ring_dist(uint32_t from, uint32_t to, uint32_t n)
{
    return to >= from ? to - from : to + n - from;
}

static uint32_t ring_next(uint32_t i, uint32_t n)
{
    return i + 1 == n ? 0 : i + 1;
}

static uint32_t port_id(const struct hnf_switch *sw, const struct hnf_port *p)
{
    return (uint32_t)(p - sw->ports);
}

static bool caller_may_use(const struct hnf_port *p, uint32_t caller)
{
    return caller == HNF_CALLER_CONTROL || caller == p->owner;
}

static const char *broken_reason_name(uint32_t reason)
{
    switch (reason) {
    case HYPERNF_BROKEN_BAD_HEAD:
        return "head/cur out of range";
    case HYPERNF_BROKEN_BAD_BUF_IDX:
        return "buf_idx out of range";
    case HYPERNF_BROKEN_BAD_LEN:
        return "len larger than the buffer";
    default:
        return "unknown";
    }
}

/*
 * The guest violated the ring protocol: stop serving the port for good, as
 * xen-netback's xenvif_fatal_tx_err does. Logged once per port.
 */
static void port_break(struct hnf_switch *sw, struct hnf_port *p, uint32_t reason)
{
    uint32_t id = port_id(sw, p);

    if (p->broken)
        return;
    p->broken = true;
    p->st.broken = 1;
    p->st.broken_reason = reason;
    sw->forwarding_mask &= ~(1ULL << id);
    hnf_env_log(HNF_LOG_WARN, "hypernf: port %u of dom%u broken: %s", id,
                (unsigned int)p->owner, broken_reason_name(reason));
}

static void port_note_malformed(struct hnf_switch *sw, struct hnf_port *p, uint32_t len,
                                uint16_t flags)
{
    uint64_t now = hnf_env_now_ns();

    p->st.malformed++;
    if (p->last_log_ns != 0 && now - p->last_log_ns < HNF_LOG_INTERVAL_NS)
        return;
    p->last_log_ns = now ? now : 1;
    hnf_env_log(HNF_LOG_INFO, "hypernf: port %u dropped a malformed frame (len %u flags %#x)",
                port_id(sw, p), len, (unsigned int)flags);
}

/*
 * The application owns [hwcur, hwtail) (NETMAP-ABI.md, "Ownership"); a sync
 * may move head forward inside that window and cur between head and tail,
 * exactly what netmap's nm_txsync_prologue/nm_rxsync_prologue accept.
 */
static bool head_cur_valid(const struct hnf_ring *r, uint32_t head, uint32_t cur)
{
    uint32_t n = r->num_slots;

    if (head >= n || cur >= n)
        return false;
    if (ring_dist(r->hwcur, head, n) > ring_dist(r->hwcur, r->hwtail, n))
        return false;
    return ring_dist(head, cur, n) <= ring_dist(head, r->hwtail, n);
}

static uint32_t mac_hash(uint64_t mac)
{
    return (uint32_t)((mac * 0x9E3779B97F4A7C15ULL) >> HNF_MAC_HASH_SHIFT);
}

static uint64_t mac_key(const uint8_t *addr)
{
    uint64_t key = 0;

    HNF_MEMCPY(&key, addr, 6);
    return key;
}

/* The group bit: the least significant bit of the first octet (IEEE 802). */
static bool mac_is_multicast(const uint8_t *addr)
{
    return addr[0] & 1;
}

/*
 * Copy one frame into the next free slot of the chosen RX ring of dst.
 * Returns true if delivered; otherwise the reason is counted.
 */
static bool deliver(struct hnf_switch *sw, struct hnf_port *src, struct hnf_port *dst,
                    uint32_t src_ring, const uint8_t *frame, uint32_t len,
                    uint64_t *touched)
{
    uint32_t ring_idx = src_ring < dst->geo.num_rx_rings ? src_ring
                                                         : src_ring % dst->geo.num_rx_rings;
    struct hnf_ring *r = &dst->rx[ring_idx];
    uint32_t n = r->num_slots;
    struct hnf_nm_slot *slot;
    uint32_t buf_idx;

    if (len > dst->geo.buf_size) {
        src->st.drop_oversize++;
        return false;
    }
    if (ring_dist(r->hwcur, r->hwtail, n) >= n - 1) {
        src->st.drop_dest_full++;
        dst->st.rx_drop_full++;
        return false;
    }
    slot = ring_slot(dst, r, r->hwtail);
    buf_idx = HNF_READ_ONCE(slot->buf_idx);
    if (buf_idx >= dst->geo.num_bufs) {
        dst->st.drop_bad_buf_idx++;
        port_break(sw, dst, HYPERNF_BROKEN_BAD_BUF_IDX);
        src->st.drop_broken++;
        return false;
    }
    HNF_MEMCPY(ring_buf(dst, r, buf_idx), frame, len);
    HNF_WRITE_ONCE(slot->len, (uint16_t)len);
    HNF_WRITE_ONCE(slot->flags, (uint16_t)0);
    r->hwtail = ring_next(r->hwtail, n);
    dst->rx_dirty |= 1U << ring_idx;
    *touched |= 1ULL << port_id(sw, dst);
    dst->st.rx_packets++;
    dst->st.rx_bytes += len;
    return true;
}

/*
 * VALE's forwarding decision for one validated frame: learn the source,
 * unicast to a known destination, flood anything else, never back to the
 * source. The 12 address bytes are copied once so the decision cannot
 * change under us; the guest changing the payload during the copy only
 * corrupts its own frame.
 */
static bool switch_frame(struct hnf_switch *sw, struct hnf_port *src, uint32_t src_ring,
                         const uint8_t *frame, uint32_t len, uint16_t flags,
                         uint64_t *touched)
{
    uint32_t self = port_id(sw, src);
    uint8_t addrs[12];
    uint64_t dst_mac, src_mac, targets;
    struct hnf_mac_entry *e;
    bool delivered = false;
    uint32_t d;

    HNF_MEMCPY(addrs, frame, sizeof(addrs));
    dst_mac = mac_key(addrs);
    src_mac = mac_key(addrs + 6);

    if (!mac_is_multicast(addrs + 6) && !(flags & HNF_NS_NO_LEARN)) {
        e = &sw->table[mac_hash(src_mac)];
        /* Written only on change, so a steady flow keeps the line shared. */
        if (!e->valid || e->mac != src_mac || e->port != self) {
            e->mac = src_mac;
            e->port = self;
            e->valid = 1;
        }
    }

    if (!mac_is_multicast(addrs)) {
        e = &sw->table[mac_hash(dst_mac)];
        if (e->valid && e->mac == dst_mac) {
            if (e->port == self) {
                src->st.drop_no_dest++;
                return false;
            }
            if (sw->ports[e->port].broken) {
                src->st.drop_broken++;
                return false;
            }
            return deliver(sw, src, &sw->ports[e->port], src_ring, frame, len, touched);
        }
    }

    targets = sw->forwarding_mask & ~(1ULL << self);
    if (targets == 0) {
        src->st.drop_no_dest++;
        return false;
    }
    for (d = 0; d < HYPERNF_MAX_PORTS; d++) {
        if (!(targets & (1ULL << d)) || sw->ports[d].broken)
            continue;
        if (deliver(sw, src, &sw->ports[d], src_ring, frame, len, touched))
            delivered = true;
    }
    return delivered;
}

/* One TX slot as read (once) and validated; only this copy is used. */
struct hnf_tx_desc {
    uint32_t buf_idx;
    uint16_t len;
    uint16_t flags;
};

/*
 * Slots are read and validated in chunks before any is switched, so that the
 * frames' first cache lines can be fetched in parallel (VALE's
 * nm_bdg_preflush does the same); the chunk bounds the stack use.
 */
#define HNF_TX_CHUNK 32U

/*
 * Read and validate up to `count` slots from index i into desc[]. Returns
 * how many are valid; stops at the first violation, which is counted and
 * reported in *violation (HYPERNF_BROKEN_*), so that the valid slots before
 * it are still switched, as they would have been one slot at a time.
 */
static uint32_t tx_read_chunk(struct hnf_port *p, struct hnf_ring *r, uint32_t i,
                              uint32_t count, struct hnf_tx_desc *desc, uint32_t *violation)
{
    uint32_t n = r->num_slots, k;

    for (k = 0; k < count; k++, i = ring_next(i, n)) {
        struct hnf_nm_slot *slot = ring_slot(p, r, i);
        uint32_t buf_idx = HNF_READ_ONCE(slot->buf_idx);
        uint32_t len = HNF_READ_ONCE(slot->len);
        uint16_t flags = HNF_READ_ONCE(slot->flags);

        if (buf_idx >= p->geo.num_bufs) {
            p->st.drop_bad_buf_idx++;
            *violation = HYPERNF_BROKEN_BAD_BUF_IDX;
            break;
        }
        if (len > p->geo.buf_size) {
            p->st.drop_bad_len++;
            *violation = HYPERNF_BROKEN_BAD_LEN;
            break;
        }
        desc[k].buf_idx = buf_idx;
        desc[k].len = (uint16_t)len;
        desc[k].flags = flags;
        HNF_PREFETCH(ring_buf(p, r, buf_idx));
    }
    return k;
}

/*
 * Switch up to `budget` new slots of one TX ring. Returns the number of
 * slots consumed, or -EIO if the port broke on this ring.
 */
static int tx_ring_forward(struct hnf_switch *sw, struct hnf_port *p, uint32_t ring_idx,
                           uint32_t budget, uint64_t *touched)
{
    struct hnf_ring *r = &p->tx[ring_idx];
    struct hnf_nm_ring *hdr = ring_hdr(p, r);
    struct hnf_tx_desc desc[HNF_TX_CHUNK];
    uint32_t n = r->num_slots;
    uint32_t head, cur, pending, done, i, violation = HYPERNF_BROKEN_NONE;

    head = HNF_READ_ONCE(hdr->head);
    cur = HNF_READ_ONCE(hdr->cur);
    /* Slots up to head were filled before head was written. */
    HNF_RMB();
    if (!head_cur_valid(r, head, cur)) {
        p->st.drop_bad_head_cur++;
        port_break(sw, p, HYPERNF_BROKEN_BAD_HEAD);
        return -EIO;
    }
    pending = ring_dist(r->hwcur, head, n);
    if (pending > budget)
        pending = budget;

    i = r->hwcur;
    done = 0;
    while (done < pending && violation == HYPERNF_BROKEN_NONE) {
        uint32_t want = pending - done < HNF_TX_CHUNK ? pending - done : HNF_TX_CHUNK;
        uint32_t valid = tx_read_chunk(p, r, i, want, desc, &violation);
        uint32_t k;

        for (k = 0; k < valid; k++, i = ring_next(i, n)) {
            uint32_t len = desc[k].len;
            uint16_t flags = desc[k].flags;
            bool frag = r->in_frag || (flags & HNF_NS_MOREFRAG);

            /* Multi-slot frames are not switched: drop the whole chain. */
            r->in_frag = (flags & HNF_NS_MOREFRAG) != 0;
            if (frag || len < HNF_ETH_HLEN) {
                port_note_malformed(sw, p, len, flags);
                continue;
            }
            if (switch_frame(sw, p, ring_idx, ring_buf(p, r, desc[k].buf_idx), len, flags,
                             touched)) {
                p->st.tx_packets++;
                p->st.tx_bytes += len;
            }
        }
        done += valid;
    }
    if (violation != HYPERNF_BROKEN_NONE) {
        port_break(sw, p, violation);
        return -EIO;
    }

    r->hwcur = i;
    r->hwtail = i == 0 ? n - 1 : i - 1;
    /* Every slot read above happens before the guest may reuse it. */
    HNF_WMB();
    HNF_WRITE_ONCE(hdr->tail, r->hwtail);
    return (int)pending;
}

/* Make delivered packets visible (tail after the slots) and wake receivers. */
static void publish_rx(struct hnf_switch *sw, uint64_t touched)
{
    uint32_t d, ring_idx;

    if (touched == 0)
        return;
    HNF_WMB();
    for (d = 0; d < HYPERNF_MAX_PORTS; d++) {
        struct hnf_port *p = &sw->ports[d];

        if (!(touched & (1ULL << d)))
            continue;
        for (ring_idx = 0; ring_idx < p->geo.num_rx_rings; ring_idx++) {
            struct hnf_ring *r = &p->rx[ring_idx];

            if (p->rx_dirty & (1U << ring_idx))
                HNF_WRITE_ONCE(ring_hdr(p, r)->tail, r->hwtail);
        }
        p->rx_dirty = 0;
        if (!p->broken && p->evtchn != HYPERNF_EVTCHN_NONE)
            hnf_env_notify(p->env, d, p->evtchn);
    }
}

static int tx_sync(struct hnf_switch *sw, struct hnf_port *p)
{
    uint32_t budget = sw->batch;
    uint32_t k, nrings = p->geo.num_tx_rings;
    uint32_t first = p->next_tx_ring;
    uint64_t touched = 0;
    int rc = 0;

    for (k = 0; k < nrings; k++) {
        uint32_t ring_idx = (first + k) % nrings;
        int used;

        if (budget == 0) {
            /* Out of budget: republish the tail the guest may have overwritten. */
            struct hnf_ring *r = &p->tx[ring_idx];

            HNF_WRITE_ONCE(ring_hdr(p, r)->tail, r->hwtail);
            continue;
        }
        used = tx_ring_forward(sw, p, ring_idx, budget, &touched);
        if (used < 0) {
            rc = used;
            break;
        }
        budget -= (uint32_t)used;
    }
    p->next_tx_ring = (first + 1) % nrings;
    publish_rx(sw, touched);
    return rc;
}

static int rx_sync(struct hnf_switch *sw, struct hnf_port *p)
{
    uint32_t ring_idx;

    for (ring_idx = 0; ring_idx < p->geo.num_rx_rings; ring_idx++) {
        struct hnf_ring *r = &p->rx[ring_idx];
        struct hnf_nm_ring *hdr = ring_hdr(p, r);
        uint32_t head = HNF_READ_ONCE(hdr->head);
        uint32_t cur = HNF_READ_ONCE(hdr->cur);

        if (!head_cur_valid(r, head, cur)) {
            p->st.drop_bad_head_cur++;
            port_break(sw, p, HYPERNF_BROKEN_BAD_HEAD);
            return -EIO;
        }
        /* Slots before head are released: the switch may refill them. */
        r->hwcur = head;
        HNF_WRITE_ONCE(hdr->tail, r->hwtail);
    }
    return 0;
}

int hnf_port_sync(struct hnf_switch *sw, uint32_t port, uint32_t caller, uint32_t flags)
{
    struct hnf_port *p;
    int rc = 0;

    if (flags == 0 || (flags & ~(HYPERNF_SYNC_TX | HYPERNF_SYNC_RX)))
        return -EINVAL;
    if (port >= HYPERNF_MAX_PORTS)
        return -ENOENT;
    HNF_LOCK(&sw->lock);
    p = &sw->ports[port];
    if (!p->active) {
        rc = -ENOENT;
    } else if (!caller_may_use(p, caller)) {
        rc = -EPERM;
    } else if (sw->mode == HYPERNF_MODE_SPLIT && caller != HNF_CALLER_CONTROL &&
               caller != HNF_CONTROL_DOMID) {
        /* Split mode: the owner kicks dom0, which syncs for it (hnf_switch.h). */
        rc = -EPERM;
    } else if (p->broken) {
        p->st.refused_syncs++;
        rc = -EIO;
    } else {
        p->st.syncs++;
        if (flags & HYPERNF_SYNC_RX)
            rc = rx_sync(sw, p);
        if (rc == 0 && (flags & HYPERNF_SYNC_TX))
            rc = tx_sync(sw, p);
    }
    HNF_UNLOCK(&sw->lock);
    return rc;
}

static int geometry_check(const struct hnf_port_params *params)
{
    const struct hypernf_port_geometry *g = &params->geometry;

    if (g->num_tx_rings == 0 || g->num_rx_rings == 0 || g->num_tx_slots < HYPERNF_MIN_SLOTS ||
        g->num_rx_slots < HYPERNF_MIN_SLOTS || g->buf_size < HYPERNF_MIN_BUF_SIZE ||
        g->num_bufs == 0 || params->region_size == 0 || params->region_base == NULL)
        return -EINVAL;
    if (g->num_tx_rings > HYPERNF_MAX_RINGS || g->num_rx_rings > HYPERNF_MAX_RINGS ||
        g->num_tx_slots > HYPERNF_MAX_SLOTS || g->num_rx_slots > HYPERNF_MAX_SLOTS ||
        g->buf_size > HYPERNF_MAX_BUF_SIZE ||
        params->region_size > (uint64_t)HYPERNF_MAX_FRAMES * HYPERNF_PAGE_SIZE)
        return -E2BIG;
    if (g->nr_offset % 8 != 0 || g->nr_offset > params->region_size ||
        params->region_size - g->nr_offset < HNF_NM_IF_HDR_SIZE)
        return -EINVAL;
    return 0;
}

/*
 * Locate ring ring_ofs[index] of the netmap_if and its buffer pool, and
 * check that the header, the slots and all num_bufs buffers lie inside the
 * region. Sizes are bounded by geometry_check, so no sum below overflows.
 */
static int layout_ring(struct hnf_port *p, uint32_t index, uint32_t num_slots,
                       struct hnf_ring *r)
{
    uint64_t size = p->size;
    uint64_t nifp = p->geo.nr_offset;
    uint64_t ofs_pos = nifp + HNF_NM_IF_HDR_SIZE + (uint64_t)index * 8;
    uint64_t slots_end, pool_bytes;
    int64_t ring_ofs, buf_ofs, hdr, bufs;
    struct hnf_nm_ring *ring;

    if (ofs_pos > size || size - ofs_pos < 8)
        return -EINVAL;
    ring_ofs = HNF_READ_ONCE(*(int64_t *)port_at(p, ofs_pos));
    if (ring_ofs <= -(int64_t)size || ring_ofs >= (int64_t)size)
        return -EINVAL;
    hdr = (int64_t)nifp + ring_ofs;
    if (hdr < 0 || hdr % 8 != 0)
        return -EINVAL;
    slots_end = (uint64_t)hdr + HNF_NM_RING_HDR_SIZE +
                (uint64_t)num_slots * sizeof(struct hnf_nm_slot);
    if (slots_end > size)
        return -EINVAL;

    ring = (struct hnf_nm_ring *)port_at(p, (uint64_t)hdr);
    if (HNF_READ_ONCE(ring->num_slots) != num_slots ||
        HNF_READ_ONCE(ring->nr_buf_size) != p->geo.buf_size)
        return -EINVAL;
    buf_ofs = HNF_READ_ONCE(ring->buf_ofs);
    if (buf_ofs <= -(int64_t)size || buf_ofs >= (int64_t)size)
        return -EINVAL;
    bufs = hdr + buf_ofs;
    pool_bytes = (uint64_t)p->geo.num_bufs * p->geo.buf_size;
    if (bufs < 0 || (uint64_t)bufs > size || size - (uint64_t)bufs < pool_bytes)
        return -EINVAL;

    r->hdr_off = (uint64_t)hdr;
    r->bufs_off = (uint64_t)bufs;
    r->num_slots = num_slots;
    r->in_frag = false;
    return 0;
}

/* Snapshot every ring's position; the region's own copies are not reread. */
static int layout_snapshot(struct hnf_port *p)
{
    struct hnf_nm_if *nifp = (struct hnf_nm_if *)port_at(p, p->geo.nr_offset);
    uint32_t tx = HNF_READ_ONCE(nifp->ni_tx_rings);
    uint32_t rx = HNF_READ_ONCE(nifp->ni_rx_rings);
    uint32_t host_tx = HNF_READ_ONCE(nifp->ni_host_tx_rings);
    uint32_t i;
    int rc;

    if (tx != p->geo.num_tx_rings || rx != p->geo.num_rx_rings ||
        host_tx > HYPERNF_MAX_RINGS)
        return -EINVAL;
    for (i = 0; i < tx; i++) {
        rc = layout_ring(p, i, p->geo.num_tx_slots, &p->tx[i]);
        if (rc)
            return rc;
    }
    /* API 14: RX ring i is ring_ofs[i + ni_tx_rings + ni_host_tx_rings]. */
    for (i = 0; i < rx; i++) {
        rc = layout_ring(p, i + tx + host_tx, p->geo.num_rx_slots, &p->rx[i]);
        if (rc)
            return rc;
    }
    return 0;
}

/* Empty RX rings, all-free TX rings (netmap's state after NIOCREGIF). */
static void rings_reset(struct hnf_port *p)
{
    uint32_t i;

    for (i = 0; i < p->geo.num_tx_rings; i++) {
        struct hnf_ring *r = &p->tx[i];
        struct hnf_nm_ring *hdr = ring_hdr(p, r);

        r->hwcur = 0;
        r->hwtail = r->num_slots - 1;
        HNF_WRITE_ONCE(hdr->head, 0U);
        HNF_WRITE_ONCE(hdr->cur, 0U);
        HNF_WRITE_ONCE(hdr->tail, r->hwtail);
    }
    for (i = 0; i < p->geo.num_rx_rings; i++) {
        struct hnf_ring *r = &p->rx[i];
        struct hnf_nm_ring *hdr = ring_hdr(p, r);

        r->hwcur = 0;
        r->hwtail = 0;
        HNF_WRITE_ONCE(hdr->head, 0U);
        HNF_WRITE_ONCE(hdr->cur, 0U);
        HNF_WRITE_ONCE(hdr->tail, 0U);
    }
    HNF_WMB();
}

int hnf_port_register(struct hnf_switch *sw, const struct hnf_port_params *params,
                      uint32_t *port_out)
{
    struct hnf_port *p = NULL;
    uint32_t id;
    int rc = geometry_check(params);

    if (rc)
        return rc;
    HNF_LOCK(&sw->lock);
    for (id = 0; id < HYPERNF_MAX_PORTS; id++) {
        if (!sw->ports[id].active) {
            p = &sw->ports[id];
            break;
        }
    }
    if (p == NULL) {
        rc = -ENOSPC;
        goto out;
    }
    port_clear(p);
    p->owner = params->owner_domid;
    p->evtchn = HYPERNF_EVTCHN_NONE;
    p->base = params->region_base;
    p->size = params->region_size;
    p->env = params->env;
    p->geo = params->geometry;
    rc = layout_snapshot(p);
    if (rc) {
        port_clear(p);
        goto out;
    }
    rings_reset(p);
    p->active = true;
    sw->forwarding_mask |= 1ULL << id;
    *port_out = id;
out:
    HNF_UNLOCK(&sw->lock);
    return rc;
}

int hnf_port_unregister(struct hnf_switch *sw, uint32_t port, void **env_out)
{
    struct hnf_port *p;
    uint32_t i;
    int rc = 0;

    if (port >= HYPERNF_MAX_PORTS)
        return -ENOENT;
    HNF_LOCK(&sw->lock);
    p = &sw->ports[port];
    if (!p->active) {
        rc = -ENOENT;
        goto out;
    }
    /* A learned entry must never lead to a port id that is reused later. */
    for (i = 0; i < HNF_MAC_TABLE_SIZE; i++) {
        if (sw->table[i].port == port)
            sw->table[i].valid = 0;
    }
    sw->forwarding_mask &= ~(1ULL << port);
    if (env_out)
        *env_out = p->env;
    port_clear(p);
out:
    HNF_UNLOCK(&sw->lock);
    return rc;
}

int hnf_port_bind_evtchn(struct hnf_switch *sw, uint32_t port, uint32_t caller,
                         uint32_t evtchn)
{
    struct hnf_port *p;
    int rc = 0;

    if (port >= HYPERNF_MAX_PORTS)
        return -ENOENT;
    HNF_LOCK(&sw->lock);
    p = &sw->ports[port];
    if (!p->active)
        rc = -ENOENT;
    else if (!caller_may_use(p, caller))
        rc = -EPERM;
    else
        p->evtchn = evtchn;
    HNF_UNLOCK(&sw->lock);
    return rc;
}

int hnf_port_stats(struct hnf_switch *sw, uint32_t port, uint32_t caller,
                   struct hypernf_port_stats *out)
{
    struct hnf_port *p;
    int rc = 0;

    if (port >= HYPERNF_MAX_PORTS)
        return -ENOENT;
    HNF_LOCK(&sw->lock);
    p = &sw->ports[port];
    if (!p->active)
        rc = -ENOENT;
    else if (!caller_may_use(p, caller))
        rc = -EPERM;
    else
        *out = p->st;
    HNF_UNLOCK(&sw->lock);
    return rc;
}

int hnf_switch_control(struct hnf_switch *sw, struct hypernf_control *ctl)
{
    int rc = 0;

    if ((ctl->set & ~(HYPERNF_CTL_SET_BATCH | HYPERNF_CTL_SET_MODE)) || ctl->pad0 != 0)
        return -EINVAL;
    if ((ctl->set & HYPERNF_CTL_SET_BATCH) &&
        (ctl->batch == 0 || ctl->batch > HYPERNF_MAX_BATCH))
        return -EINVAL;
    if ((ctl->set & HYPERNF_CTL_SET_MODE) && ctl->mode != HYPERNF_MODE_HYPERCALL &&
        ctl->mode != HYPERNF_MODE_SPLIT)
        return -EINVAL;
    HNF_LOCK(&sw->lock);
    if (ctl->set & HYPERNF_CTL_SET_BATCH)
        sw->batch = ctl->batch;
    if (ctl->set & HYPERNF_CTL_SET_MODE)
        sw->mode = ctl->mode;
    ctl->batch = sw->batch;
    ctl->mode = sw->mode;
    HNF_UNLOCK(&sw->lock);
    return rc;
}

int hnf_port_next_owned_by(struct hnf_switch *sw, uint16_t domid, uint32_t from)
{
    uint32_t id;
    int rc = -ENOENT;

    HNF_LOCK(&sw->lock);
    for (id = from; id < HYPERNF_MAX_PORTS; id++) {
        if (sw->ports[id].active && sw->ports[id].owner == domid) {
            rc = (int)id;
            break;
        }
    }
    HNF_UNLOCK(&sw->lock);
    return rc;
}
