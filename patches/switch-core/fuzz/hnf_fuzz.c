/*
 * libFuzzer harness for the switch core (built with ASan and UBSan).
 *
 * The input is a program for three hostile guests. Each op either writes
 * guest-writable memory of a port's region (any bytes at any offset: the
 * netmap_if, ring headers, slots, buffers), acts like a well-behaved netmap
 * application (so that deep paths are reached quickly), or calls the core
 * (sync with any caller and flags, control, bind, stats, unregister and
 * register again). Each region is one malloc of exactly its size, so any
 * access past a port's region lands in an ASan red zone, and every address
 * the core forms is checked to be inside the region of its own port
 * (fuzz/hnf_env_impl.h). After each call
 * the harness checks what the core promises: after a sync every tail of the
 * synced direction lies inside its ring, broken ports say why, and broken ports refuse service.
 */
#include <stdlib.h>

#include "hnf_env_user.h"
#include "hnf_region.h"

#define NPORTS 3
#define MAX_OPS 512

static const struct hnf_region_spec specs[NPORTS] = {
    {.tx_rings = 1, .rx_rings = 1, .tx_slots = 8, .rx_slots = 8,
     .buf_size = 64, .num_bufs = 20, .nr_offset = 0},
    {.tx_rings = 2, .rx_rings = 2, .tx_slots = 4, .rx_slots = 16,
     .buf_size = 128, .num_bufs = 48, .nr_offset = 64},
    {.tx_rings = 1, .rx_rings = 3, .tx_slots = 16, .rx_slots = 4,
     .buf_size = 96, .num_bufs = 72, .nr_offset = 8, .host_rings = 1},
};

struct input {
    const uint8_t *data;
    size_t size;
    size_t pos;
};

static uint8_t in_u8(struct input *in)
{
    return in->pos < in->size ? in->data[in->pos++] : 0;
}

static uint16_t in_u16(struct input *in)
{
    return (uint16_t)(in_u8(in) | in_u8(in) << 8);
}

static uint32_t in_u32(struct input *in)
{
    return (uint32_t)in_u16(in) | (uint32_t)in_u16(in) << 16;
}

/* Mostly small values near the valid range, sometimes anything. */
static uint32_t in_index(struct input *in, uint32_t limit)
{
    uint8_t b = in_u8(in);

    if (b < 0xf0)
        return b % (limit + 2);
    return in_u32(in);
}

struct world {
    struct hnf_switch *sw;
    struct hnf_test_region reg[NPORTS];
    uint32_t id[NPORTS];
    bool registered[NPORTS];
};

static uint16_t owner_of(int p)
{
    return (uint16_t)(1 + p);
}

static void port_register(struct world *w, int p)
{
    struct hnf_port_params params;

    hnf_region_params(&w->reg[p], owner_of(p), &w->reg[p], &params);
    w->registered[p] = hnf_port_register(w->sw, &params, &w->id[p]) == 0;
}

static struct hnf_nm_ring *ring_of(struct world *w, int p, bool is_tx, uint32_t r)
{
    const struct hypernf_port_geometry *g = &w->reg[p].geo;

    return is_tx ? hnf_region_tx(&w->reg[p], r % g->num_tx_rings)
                 : hnf_region_rx(&w->reg[p], r % g->num_rx_rings);
}

static void check_port(struct world *w, int p, int rc, uint32_t synced)
{
    const struct hypernf_port_geometry *g = &w->reg[p].geo;
    struct hypernf_port_stats st;
    uint32_t r;

    if (hnf_port_stats(w->sw, w->id[p], HNF_CALLER_CONTROL, &st) != 0)
        abort();
    if (st.broken != (st.broken_reason != HYPERNF_BROKEN_NONE))
        abort();
    if (st.broken && rc == 0 && synced)
        abort();
    if (rc != 0 || !synced)
        return;
    for (r = 0; r < g->num_tx_rings && (synced & HYPERNF_SYNC_TX); r++)
        if (hnf_region_tx(&w->reg[p], r)->tail >= g->num_tx_slots)
            abort();
    for (r = 0; r < g->num_rx_rings && (synced & HYPERNF_SYNC_RX); r++)
        if (hnf_region_rx(&w->reg[p], r)->tail >= g->num_rx_slots)
            abort();
}

static void op_write_bytes(struct world *w, struct input *in, int p)
{
    uint32_t off = in_u16(in) % (uint32_t)w->reg[p].size;
    uint32_t len = in_u8(in) % 32, i;

    for (i = 0; i < len && off + i < w->reg[p].size; i++)
        w->reg[p].mem[off + i] = in_u8(in);
}

static void op_ring_indices(struct world *w, struct input *in, int p)
{
    bool is_tx = in_u8(in) & 1;
    struct hnf_nm_ring *ring = ring_of(w, p, is_tx, in_u8(in));
    uint32_t n = is_tx ? w->reg[p].geo.num_tx_slots : w->reg[p].geo.num_rx_slots;

    ring->head = in_index(in, n);
    ring->cur = in_index(in, n);
    if (in_u8(in) & 1)
        ring->tail = in_index(in, n);
}

static void op_slot(struct world *w, struct input *in, int p)
{
    bool is_tx = in_u8(in) & 1;
    struct hnf_nm_ring *ring = ring_of(w, p, is_tx, in_u8(in));
    uint32_t n = is_tx ? w->reg[p].geo.num_tx_slots : w->reg[p].geo.num_rx_slots;
    struct hnf_nm_slot *slot = &hnf_ring_slots(ring)[in_u8(in) % n];

    slot->buf_idx = in_index(in, w->reg[p].geo.num_bufs);
    slot->len = (uint16_t)in_index(in, w->reg[p].geo.buf_size);
    slot->flags = in_u16(in);
}

/*
 * The application helpers trust the ring (they are the guest's own code), so
 * they run only when the fuzzer left it in a state they can index.
 */
static bool app_ring_sane(struct world *w, int p, bool is_tx, struct hnf_nm_ring *ring)
{
    const struct hypernf_port_geometry *g = &w->reg[p].geo;
    uint32_t n = is_tx ? g->num_tx_slots : g->num_rx_slots;

    if (ring->num_slots != n || ring->head >= n || ring->tail >= n)
        return false;
    return hnf_ring_slots(ring)[ring->head].buf_idx < g->num_bufs &&
           hnf_ring_slots(ring)[ring->head].len <= g->buf_size;
}

/* A well-behaved application: one frame between two fuzzer-chosen MACs. */
static void op_app_send(struct world *w, struct input *in, int p)
{
    struct hnf_nm_ring *ring = ring_of(w, p, true, in_u8(in));
    uint8_t dst[6] = {0x02, 0, 0, 0, 0, 0}, src[6] = {0x02, 0, 0, 0, 0, 0};
    uint8_t sel = in_u8(in);
    uint32_t len = 14 + in_u8(in) % (w->reg[p].geo.buf_size - 13);

    dst[5] = sel & 7;
    src[5] = (sel >> 3) & 7;
    if (sel & 0x40)
        dst[0] = 0xff;
    if (sel & 0x80)
        src[0] = 0x01;
    if (!app_ring_sane(w, p, true, ring))
        return;
    hnf_app_send(&w->reg[p], ring, dst, src, len, (uint16_t)(in_u8(in) & 0x28), sel);
}

static void op_app_recv(struct world *w, struct input *in, int p)
{
    struct hnf_nm_ring *ring = ring_of(w, p, false, in_u8(in));
    uint8_t frame[256];
    uint32_t k, count = in_u8(in) % 8;

    for (k = 0; k < count; k++) {
        if (!app_ring_sane(w, p, false, ring))
            return;
        if (hnf_app_recv(&w->reg[p], ring, frame, sizeof(frame)) < 0)
            return;
    }
}

static void op_sync(struct world *w, struct input *in, int p)
{
    uint8_t who = in_u8(in);
    uint32_t flags = in_u8(in);
    uint32_t caller;
    int rc;

    if (!w->registered[p])
        return;
    caller = who < 200 ? owner_of(p) : who < 230 ? HNF_CALLER_CONTROL : owner_of((p + 1) % NPORTS);
    if (who < 200)
        flags = 1 + flags % 3;
    rc = hnf_port_sync(w->sw, w->id[p], caller, flags);
    if (caller == owner_of((p + 1) % NPORTS) && rc != -EPERM && rc != -EINVAL)
        abort();
    check_port(w, p, rc, flags);
}

static void op_control(struct world *w, struct input *in)
{
    struct hypernf_control ctl;

    ctl.set = in_u8(in) & 7;
    ctl.batch = in_index(in, 64);
    ctl.mode = in_u8(in) % 3;
    ctl.pad0 = 0;
    if (hnf_switch_control(w->sw, &ctl) == 0 &&
        (ctl.batch == 0 || ctl.batch > HYPERNF_MAX_BATCH || ctl.mode > HYPERNF_MODE_SPLIT))
        abort();
}

static void op_reregister(struct world *w, int p)
{
    if (w->registered[p] && hnf_port_unregister(w->sw, w->id[p], NULL) != 0)
        abort();
    w->registered[p] = false;
    port_register(w, p);
}

/*
 * Every port's env is its struct hnf_test_region, so the harness can tell
 * whether an address the core asks for lies in that port's own region.
 */
uint8_t *hnf_fuzz_region_at(void *base, void *env, uint64_t off)
{
    const struct hnf_test_region *tr = env;

    if (tr == NULL || base != tr->mem || off >= tr->size)
        abort();
    return (uint8_t *)base + off;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct input in = {data, size, 0};
    struct world w;
    int p, ops;

    memset(&w, 0, sizeof(w));
    hnf_user_env.quiet = 1;
    hnf_user_env_reset();
    w.sw = malloc(hnf_switch_size());
    if (w.sw == NULL)
        abort();
    hnf_switch_init(w.sw);
    for (p = 0; p < NPORTS; p++) {
        if (hnf_region_build(&w.reg[p], &specs[p]) != 0)
            abort();
        port_register(&w, p);
        if (!w.registered[p])
            abort();
    }

    for (ops = 0; ops < MAX_OPS && in.pos < in.size; ops++) {
        uint8_t op = in_u8(&in);

        p = (op >> 4) % NPORTS;
        switch (op & 0xf) {
        case 0:
        case 1:
            op_write_bytes(&w, &in, p);
            break;
        case 2:
            op_ring_indices(&w, &in, p);
            break;
        case 3:
            op_slot(&w, &in, p);
            break;
        case 4:
        case 5:
        case 6:
            op_app_send(&w, &in, p);
            break;
        case 7:
            op_app_recv(&w, &in, p);
            break;
        case 8:
        case 9:
        case 10:
            op_sync(&w, &in, p);
            break;
        case 11:
            op_control(&w, &in);
            break;
        case 12:
            op_reregister(&w, p);
            break;
        case 13:
            if (w.registered[p])
                hnf_port_bind_evtchn(w.sw, w.id[p], owner_of(p), in_u8(&in));
            break;
        default:
            if (w.registered[p])
                check_port(&w, p, 0, 0);
            break;
        }
    }

    for (p = 0; p < NPORTS; p++)
        hnf_region_free(&w.reg[p]);
    free(w.sw);
    return 0;
}
