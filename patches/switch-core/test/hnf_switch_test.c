/*
 * Unit tests of the switch core in user space. Every port's region is built
 * in the exact netmap layout (user/hnf_region.c) and driven the way a netmap
 * application drives its rings; the guest-hostile cases write what a
 * malicious guest could write. Prints "N passed, N failed"; exit status 1 on
 * any failure.
 */
#include <stdio.h>
#include <stdlib.h>

#include "hnf_env_user.h"
#include "hnf_region.h"

static int checks_failed_in_test;

#define CHECK(cond)                                                             \
    do {                                                                        \
        if (!(cond)) {                                                          \
            fprintf(stderr, "  %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
            checks_failed_in_test++;                                            \
        }                                                                       \
    } while (0)

#define CHECK_EQ(a, b)                                                          \
    do {                                                                        \
        long long va_ = (long long)(a), vb_ = (long long)(b);                   \
        if (va_ != vb_) {                                                       \
            fprintf(stderr, "  %s:%d: %s == %lld, expected %s == %lld\n", __FILE__, \
                    __LINE__, #a, va_, #b, vb_);                                \
            checks_failed_in_test++;                                            \
        }                                                                       \
    } while (0)

#define MAX_TEST_PORTS 4
#define OWNER_BASE 10

/* A switch with a few ports, each a region owned by domain OWNER_BASE + i. */
struct fixture {
    struct hnf_switch *sw;
    int nports;
    uint32_t id[MAX_TEST_PORTS];
    struct hnf_test_region reg[MAX_TEST_PORTS];
    int env_tag[MAX_TEST_PORTS];
};

static const struct hnf_region_spec small_spec = {
    .tx_rings = 1, .rx_rings = 1, .tx_slots = 8, .rx_slots = 8,
    .buf_size = 256, .num_bufs = 64, .nr_offset = 0,
};

static uint8_t mac_of[MAX_TEST_PORTS + 1][6] = {
    {0x02, 0, 0, 0, 0, 0x0a}, {0x02, 0, 0, 0, 0, 0x0b},
    {0x02, 0, 0, 0, 0, 0x0c}, {0x02, 0, 0, 0, 0, 0x0d},
    {0x02, 0, 0, 0, 0, 0x0e},
};
static const uint8_t broadcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
static const uint8_t multicast_mac[6] = {0x01, 0x00, 0x5e, 0x00, 0x00, 0x01};

static struct hnf_switch *switch_new(void)
{
    struct hnf_switch *sw = malloc(hnf_switch_size());

    if (sw == NULL)
        abort();
    hnf_switch_init(sw);
    return sw;
}

static void fixture_add(struct fixture *f, const struct hnf_region_spec *spec)
{
    struct hnf_port_params params;
    int i = f->nports++;

    if (hnf_region_build(&f->reg[i], spec) != 0)
        abort();
    hnf_region_params(&f->reg[i], (uint16_t)(OWNER_BASE + i), &f->env_tag[i], &params);
    if (hnf_port_register(f->sw, &params, &f->id[i]) != 0)
        abort();
}

static void fixture_init(struct fixture *f, int nports, const struct hnf_region_spec *spec)
{
    int i;

    memset(f, 0, sizeof(*f));
    hnf_user_env_reset();
    f->sw = switch_new();
    for (i = 0; i < nports; i++)
        fixture_add(f, spec);
}

static void fixture_fini(struct fixture *f)
{
    int i;

    for (i = 0; i < f->nports; i++)
        hnf_region_free(&f->reg[i]);
    free(f->sw);
}

static struct hnf_nm_ring *tx(struct fixture *f, int p)
{
    return hnf_region_tx(&f->reg[p], 0);
}

static struct hnf_nm_ring *rx(struct fixture *f, int p)
{
    return hnf_region_rx(&f->reg[p], 0);
}

static int sync_port(struct fixture *f, int p, uint32_t flags)
{
    return hnf_port_sync(f->sw, f->id[p], OWNER_BASE + p, flags);
}

/* Port p's application sends one 64-byte frame to dst and syncs TX. */
static int send_one(struct fixture *f, int p, const uint8_t *dst, uint32_t tag)
{
    if (hnf_app_send(&f->reg[p], tx(f, p), dst, mac_of[p], 64, 0, tag) != 0)
        return -1000;
    return sync_port(f, p, HYPERNF_SYNC_TX);
}

static struct hypernf_port_stats stats_of(struct fixture *f, int p)
{
    struct hypernf_port_stats st;

    memset(&st, 0xa5, sizeof(st));
    if (hnf_port_stats(f->sw, f->id[p], HNF_CALLER_CONTROL, &st) != 0)
        abort();
    return st;
}

/* Receive everything pending on p (after an RX sync); returns the count. */
static int drain(struct fixture *f, int p)
{
    uint8_t frame[256];
    int n = 0;

    sync_port(f, p, HYPERNF_SYNC_RX);
    while (hnf_app_recv(&f->reg[p], rx(f, p), frame, sizeof(frame)) >= 0)
        n++;
    sync_port(f, p, HYPERNF_SYNC_RX);
    return n;
}

static uint32_t frame_tag(const uint8_t *frame)
{
    uint32_t tag;

    memcpy(&tag, frame + 14, 4);
    return tag;
}

static void test_learning(void)
{
    struct fixture f;
    uint8_t frame[256];

    fixture_init(&f, 3, &small_spec);
    /* A to B, unknown: flooded to B and C; A's MAC is learned. */
    CHECK_EQ(send_one(&f, 0, mac_of[1], 1), 0);
    CHECK_EQ(hnf_app_space(rx(&f, 1)), 1);
    CHECK_EQ(hnf_app_space(rx(&f, 2)), 1);
    CHECK_EQ(hnf_app_space(rx(&f, 0)), 0);
    drain(&f, 1);
    drain(&f, 2);
    /* B answers A: only A receives, because A was learned. */
    CHECK_EQ(send_one(&f, 1, mac_of[0], 2), 0);
    CHECK_EQ(hnf_app_space(rx(&f, 0)), 1);
    CHECK_EQ(hnf_app_space(rx(&f, 2)), 0);
    CHECK_EQ(hnf_app_recv(&f.reg[0], rx(&f, 0), frame, sizeof(frame)), 64);
    CHECK_EQ(frame_tag(frame), 2);
    CHECK(memcmp(frame + 6, mac_of[1], 6) == 0);
    fixture_fini(&f);
}

static void test_unicast_after_learning(void)
{
    struct fixture f;
    int i;

    fixture_init(&f, 4, &small_spec);
    for (i = 0; i < 4; i++)
        CHECK_EQ(send_one(&f, i, broadcast, 100 + i), 0);
    for (i = 0; i < 4; i++)
        CHECK_EQ(drain(&f, i), 3);
    /* Everyone is learned: D to B reaches B only. */
    CHECK_EQ(send_one(&f, 3, mac_of[1], 7), 0);
    CHECK_EQ(drain(&f, 0), 0);
    CHECK_EQ(drain(&f, 1), 1);
    CHECK_EQ(drain(&f, 2), 0);
    CHECK_EQ(drain(&f, 3), 0);
    fixture_fini(&f);
}

static void test_flood_unknown_never_to_source(void)
{
    struct fixture f;

    fixture_init(&f, 4, &small_spec);
    CHECK_EQ(send_one(&f, 2, mac_of[4], 9), 0);
    CHECK_EQ(drain(&f, 0), 1);
    CHECK_EQ(drain(&f, 1), 1);
    CHECK_EQ(drain(&f, 2), 0);
    CHECK_EQ(drain(&f, 3), 1);
    CHECK_EQ(stats_of(&f, 2).tx_packets, 1);
    fixture_fini(&f);
}

static void test_broadcast_and_multicast(void)
{
    struct fixture f;

    fixture_init(&f, 3, &small_spec);
    /* Learn B, then a broadcast from A still reaches B and C. */
    CHECK_EQ(send_one(&f, 1, mac_of[0], 1), 0);
    drain(&f, 0);
    drain(&f, 2);
    CHECK_EQ(send_one(&f, 0, broadcast, 2), 0);
    CHECK_EQ(drain(&f, 1), 1);
    CHECK_EQ(drain(&f, 2), 1);
    CHECK_EQ(send_one(&f, 0, multicast_mac, 3), 0);
    CHECK_EQ(drain(&f, 1), 1);
    CHECK_EQ(drain(&f, 2), 1);
    /* A multicast source address is never learned: sending to it floods. */
    CHECK_EQ(hnf_app_send(&f.reg[1], tx(&f, 1), mac_of[0], multicast_mac, 64, 0, 4), 0);
    CHECK_EQ(sync_port(&f, 1, HYPERNF_SYNC_TX), 0);
    drain(&f, 0);
    CHECK_EQ(send_one(&f, 0, multicast_mac, 5), 0);
    CHECK_EQ(drain(&f, 1), 1);
    CHECK_EQ(drain(&f, 2), 1);
    fixture_fini(&f);
}

static void test_no_learn_flag(void)
{
    struct fixture f;

    fixture_init(&f, 3, &small_spec);
    CHECK_EQ(hnf_app_send(&f.reg[1], tx(&f, 1), mac_of[4], mac_of[1], 64,
                          HNF_NS_NO_LEARN, 1), 0);
    CHECK_EQ(sync_port(&f, 1, HYPERNF_SYNC_TX), 0);
    drain(&f, 0);
    drain(&f, 2);
    /* B was not learned, so a frame to B is still flooded to C. */
    CHECK_EQ(send_one(&f, 0, mac_of[1], 2), 0);
    CHECK_EQ(drain(&f, 1), 1);
    CHECK_EQ(drain(&f, 2), 1);
    fixture_fini(&f);
}

static void test_unicast_to_self_dropped(void)
{
    struct fixture f;

    fixture_init(&f, 2, &small_spec);
    CHECK_EQ(send_one(&f, 0, broadcast, 1), 0);
    drain(&f, 1);
    CHECK_EQ(send_one(&f, 0, mac_of[0], 2), 0);
    CHECK_EQ(drain(&f, 0), 0);
    CHECK_EQ(drain(&f, 1), 0);
    CHECK_EQ(stats_of(&f, 0).drop_no_dest, 1);
    CHECK_EQ(stats_of(&f, 0).tx_packets, 1);
    fixture_fini(&f);
}

static void test_full_destination(void)
{
    struct fixture f;
    struct hypernf_port_stats a, b;
    uint8_t frame[256];
    int i, got;

    fixture_init(&f, 2, &small_spec);
    /* 8-slot rings hold 7 frames; B never releases, so 3 of 10 drop. */
    for (i = 0; i < 10; i++) {
        CHECK_EQ(hnf_app_send(&f.reg[0], tx(&f, 0), mac_of[1], mac_of[0], 64, 0, i), 0);
        CHECK_EQ(sync_port(&f, 0, HYPERNF_SYNC_TX), 0);
    }
    CHECK_EQ(hnf_app_space(rx(&f, 1)), 7);
    a = stats_of(&f, 0);
    b = stats_of(&f, 1);
    CHECK_EQ(a.drop_dest_full, 3);
    CHECK_EQ(b.rx_drop_full, 3);
    CHECK_EQ(a.tx_packets, 7);
    CHECK_EQ(b.rx_packets, 7);
    /* The first seven arrived, in order. */
    for (i = 0; i < 7; i++) {
        got = hnf_app_recv(&f.reg[1], rx(&f, 1), frame, sizeof(frame));
        CHECK_EQ(got, 64);
        CHECK_EQ(frame_tag(frame), i);
    }
    /* Consumed but not released: still full for the switch. */
    CHECK_EQ(send_one(&f, 0, mac_of[1], 50), 0);
    CHECK_EQ(stats_of(&f, 0).drop_dest_full, 4);
    CHECK_EQ(sync_port(&f, 1, HYPERNF_SYNC_RX), 0);
    CHECK_EQ(send_one(&f, 0, mac_of[1], 51), 0);
    CHECK_EQ(hnf_app_space(rx(&f, 1)), 1);
    CHECK_EQ(stats_of(&f, 0).drop_dest_full, 4);
    fixture_fini(&f);
}

static void test_batch_limit(void)
{
    struct hnf_region_spec spec = small_spec;
    struct hypernf_control ctl = {HYPERNF_CTL_SET_BATCH, 3, 0, 0};
    struct fixture f;
    int i;

    spec.tx_slots = 16;
    spec.rx_slots = 32;
    fixture_init(&f, 2, &spec);
    CHECK_EQ(hnf_switch_control(f.sw, &ctl), 0);
    CHECK_EQ(ctl.batch, 3);
    for (i = 0; i < 8; i++)
        CHECK_EQ(hnf_app_send(&f.reg[0], tx(&f, 0), mac_of[1], mac_of[0], 64, 0, i), 0);
    /* head is 8; each sync switches at most 3 and moves tail only past them. */
    CHECK_EQ(sync_port(&f, 0, HYPERNF_SYNC_TX), 0);
    CHECK_EQ(hnf_app_space(rx(&f, 1)), 3);
    CHECK_EQ(tx(&f, 0)->tail, 2);
    CHECK_EQ(sync_port(&f, 0, HYPERNF_SYNC_TX), 0);
    CHECK_EQ(hnf_app_space(rx(&f, 1)), 6);
    CHECK_EQ(tx(&f, 0)->tail, 5);
    CHECK_EQ(sync_port(&f, 0, HYPERNF_SYNC_TX), 0);
    CHECK_EQ(hnf_app_space(rx(&f, 1)), 8);
    CHECK_EQ(tx(&f, 0)->tail, 7);
    CHECK_EQ(sync_port(&f, 0, HYPERNF_SYNC_TX), 0);
    CHECK_EQ(hnf_app_space(rx(&f, 1)), 8);
    CHECK_EQ(stats_of(&f, 0).tx_packets, 8);
    fixture_fini(&f);
}

static void test_batch_limit_across_rings(void)
{
    struct hnf_region_spec spec = small_spec;
    struct hypernf_control ctl = {HYPERNF_CTL_SET_BATCH, 4, 0, 0};
    struct fixture f;
    int i, r;

    spec.tx_rings = 2;
    spec.rx_rings = 2;
    spec.rx_slots = 32;
    spec.num_bufs = 128;
    fixture_init(&f, 2, &spec);
    CHECK_EQ(hnf_switch_control(f.sw, &ctl), 0);
    for (r = 0; r < 2; r++)
        for (i = 0; i < 3; i++)
            CHECK_EQ(hnf_app_send(&f.reg[0], hnf_region_tx(&f.reg[0], r), mac_of[1],
                                  mac_of[0], 64, 0, i), 0);
    CHECK_EQ(sync_port(&f, 0, HYPERNF_SYNC_TX), 0);
    CHECK_EQ(stats_of(&f, 0).tx_packets, 4);
    CHECK_EQ(sync_port(&f, 0, HYPERNF_SYNC_TX), 0);
    CHECK_EQ(stats_of(&f, 0).tx_packets, 6);
    /* TX ring r feeds RX ring r of the destination. */
    CHECK_EQ(hnf_app_space(hnf_region_rx(&f.reg[1], 0)), 3);
    CHECK_EQ(hnf_app_space(hnf_region_rx(&f.reg[1], 1)), 3);
    fixture_fini(&f);
}

static void test_wrap_around(void)
{
    struct fixture f;
    uint8_t frame[256];
    uint32_t sent = 0, received = 0;
    int round, k, got;

    fixture_init(&f, 2, &small_spec);
    /* 60 frames through 8-slot rings in uneven rounds: indices wrap often. */
    for (round = 0; round < 20; round++) {
        int burst = 1 + round % 5;

        for (k = 0; k < burst && sent < 60; k++, sent++)
            CHECK_EQ(hnf_app_send(&f.reg[0], tx(&f, 0), mac_of[1], mac_of[0],
                                  40 + sent % 200, 0, sent), 0);
        CHECK_EQ(sync_port(&f, 0, HYPERNF_SYNC_TX), 0);
        CHECK_EQ(hnf_app_space(tx(&f, 0)), 7);
        CHECK_EQ(sync_port(&f, 1, HYPERNF_SYNC_RX), 0);
        while ((got = hnf_app_recv(&f.reg[1], rx(&f, 1), frame, sizeof(frame))) >= 0) {
            CHECK_EQ(got, 40 + received % 200);
            CHECK_EQ(frame_tag(frame), received);
            received++;
        }
        CHECK_EQ(sync_port(&f, 1, HYPERNF_SYNC_RX), 0);
    }
    CHECK_EQ(sent, 60);
    CHECK_EQ(received, 60);
    CHECK_EQ(stats_of(&f, 0).drop_dest_full, 0);
    fixture_fini(&f);
}

static void check_broken(struct fixture *f, int p, uint32_t reason)
{
    struct hypernf_port_stats st = stats_of(f, p);

    CHECK_EQ(st.broken, 1);
    CHECK_EQ(st.broken_reason, reason);
}

static void test_bad_tx_buf_idx(void)
{
    struct fixture f;

    fixture_init(&f, 2, &small_spec);
    hnf_user_env.quiet = 1;
    CHECK_EQ(hnf_app_send(&f.reg[0], tx(&f, 0), mac_of[1], mac_of[0], 64, 0, 1), 0);
    hnf_ring_slots(tx(&f, 0))[0].buf_idx = small_spec.num_bufs;
    CHECK_EQ(sync_port(&f, 0, HYPERNF_SYNC_TX), -EIO);
    check_broken(&f, 0, HYPERNF_BROKEN_BAD_BUF_IDX);
    CHECK_EQ(stats_of(&f, 0).drop_bad_buf_idx, 1);
    CHECK_EQ(hnf_app_space(rx(&f, 1)), 0);
    CHECK_EQ(hnf_user_env.log_count, 1);
    hnf_user_env.quiet = 0;
    fixture_fini(&f);
}

static void test_bad_rx_buf_idx_breaks_destination(void)
{
    struct fixture f;

    fixture_init(&f, 3, &small_spec);
    hnf_user_env.quiet = 1;
    hnf_ring_slots(rx(&f, 1))[0].buf_idx = 0xffffffffU;
    CHECK_EQ(send_one(&f, 0, broadcast, 1), 0);
    check_broken(&f, 1, HYPERNF_BROKEN_BAD_BUF_IDX);
    CHECK_EQ(stats_of(&f, 0).drop_broken, 1);
    CHECK_EQ(stats_of(&f, 0).tx_packets, 1);
    CHECK_EQ(stats_of(&f, 1).rx_packets, 0);
    CHECK_EQ(hnf_app_space(rx(&f, 1)), 0);
    CHECK_EQ(drain(&f, 2), 1);
    /* The sender is unharmed. */
    CHECK_EQ(stats_of(&f, 0).broken, 0);
    hnf_user_env.quiet = 0;
    fixture_fini(&f);
}

static void test_bad_len(void)
{
    struct fixture f;

    fixture_init(&f, 2, &small_spec);
    hnf_user_env.quiet = 1;
    CHECK_EQ(hnf_app_send(&f.reg[0], tx(&f, 0), mac_of[1], mac_of[0], 64, 0, 1), 0);
    CHECK_EQ(hnf_app_send(&f.reg[0], tx(&f, 0), mac_of[1], mac_of[0], 64, 0, 2), 0);
    hnf_ring_slots(tx(&f, 0))[1].len = small_spec.buf_size + 1;
    CHECK_EQ(sync_port(&f, 0, HYPERNF_SYNC_TX), -EIO);
    check_broken(&f, 0, HYPERNF_BROKEN_BAD_LEN);
    CHECK_EQ(stats_of(&f, 0).drop_bad_len, 1);
    /* The valid slot before the bad one had already been switched. */
    CHECK_EQ(stats_of(&f, 1).rx_packets, 1);
    /* len == buf_size exactly is valid. */
    hnf_user_env.quiet = 0;
    fixture_fini(&f);

    fixture_init(&f, 2, &small_spec);
    CHECK_EQ(hnf_app_send(&f.reg[0], tx(&f, 0), mac_of[1], mac_of[0],
                          small_spec.buf_size, 0, 1), 0);
    CHECK_EQ(sync_port(&f, 0, HYPERNF_SYNC_TX), 0);
    CHECK_EQ(stats_of(&f, 1).rx_bytes, small_spec.buf_size);
    fixture_fini(&f);
}

static void test_malformed_frames(void)
{
    struct fixture f;
    struct hypernf_port_stats st;

    fixture_init(&f, 2, &small_spec);
    hnf_user_env.quiet = 1;
    CHECK_EQ(hnf_app_send(&f.reg[0], tx(&f, 0), mac_of[1], mac_of[0], 13, 0, 0), 0);
    CHECK_EQ(hnf_app_send(&f.reg[0], tx(&f, 0), mac_of[1], mac_of[0], 64,
                          HNF_NS_MOREFRAG, 0), 0);
    CHECK_EQ(hnf_app_send(&f.reg[0], tx(&f, 0), mac_of[1], mac_of[0], 64, 0, 0), 0);
    CHECK_EQ(hnf_app_send(&f.reg[0], tx(&f, 0), mac_of[1], mac_of[0], 64, 0, 3), 0);
    CHECK_EQ(sync_port(&f, 0, HYPERNF_SYNC_TX), 0);
    st = stats_of(&f, 0);
    CHECK_EQ(st.malformed, 3);
    CHECK_EQ(st.broken, 0);
    CHECK_EQ(st.tx_packets, 1);
    CHECK_EQ(drain(&f, 1), 1);
    /* Logged once, not once per frame. */
    CHECK_EQ(hnf_user_env.log_count, 1);
    hnf_user_env.quiet = 0;
    fixture_fini(&f);
}

static void test_head_out_of_range(void)
{
    struct fixture f;

    fixture_init(&f, 2, &small_spec);
    hnf_user_env.quiet = 1;
    tx(&f, 0)->head = small_spec.tx_slots;
    CHECK_EQ(sync_port(&f, 0, HYPERNF_SYNC_TX), -EIO);
    check_broken(&f, 0, HYPERNF_BROKEN_BAD_HEAD);
    CHECK_EQ(stats_of(&f, 0).drop_bad_head_cur, 1);
    fixture_fini(&f);

    /*
     * RX head may not move backwards over released slots. (On TX every
     * head < num_slots is inside the window [hwcur, tail], because the
     * switch completes slots at once and keeps tail = hwcur - 1.)
     */
    fixture_init(&f, 2, &small_spec);
    CHECK_EQ(send_one(&f, 0, mac_of[1], 1), 0);
    CHECK_EQ(send_one(&f, 0, mac_of[1], 2), 0);
    CHECK_EQ(drain(&f, 1), 2);
    rx(&f, 1)->head = 1;
    rx(&f, 1)->cur = 1;
    CHECK_EQ(sync_port(&f, 1, HYPERNF_SYNC_RX), -EIO);
    check_broken(&f, 1, HYPERNF_BROKEN_BAD_HEAD);
    fixture_fini(&f);

    /* cur must lie between head and tail. */
    fixture_init(&f, 2, &small_spec);
    CHECK_EQ(hnf_app_send(&f.reg[0], tx(&f, 0), mac_of[1], mac_of[0], 64, 0, 1), 0);
    tx(&f, 0)->cur = 0;
    CHECK_EQ(sync_port(&f, 0, HYPERNF_SYNC_TX), -EIO);
    check_broken(&f, 0, HYPERNF_BROKEN_BAD_HEAD);
    CHECK_EQ(hnf_app_space(rx(&f, 1)), 0);
    fixture_fini(&f);

    /* RX: head beyond tail (releasing slots never delivered). */
    fixture_init(&f, 2, &small_spec);
    CHECK_EQ(send_one(&f, 0, mac_of[1], 1), 0);
    rx(&f, 1)->head = 2;
    rx(&f, 1)->cur = 2;
    CHECK_EQ(sync_port(&f, 1, HYPERNF_SYNC_RX), -EIO);
    check_broken(&f, 1, HYPERNF_BROKEN_BAD_HEAD);
    hnf_user_env.quiet = 0;
    fixture_fini(&f);

    /* The boundaries themselves are valid: head = tail on TX (full ring). */
    fixture_init(&f, 2, &small_spec);
    tx(&f, 0)->head = tx(&f, 0)->tail;
    tx(&f, 0)->cur = tx(&f, 0)->tail;
    CHECK_EQ(sync_port(&f, 0, HYPERNF_SYNC_TX), 0);
    CHECK_EQ(stats_of(&f, 0).broken, 0);
    fixture_fini(&f);
}

static void test_sync_not_owner(void)
{
    struct fixture f;
    struct hypernf_port_stats st;

    fixture_init(&f, 2, &small_spec);
    CHECK_EQ(hnf_app_send(&f.reg[0], tx(&f, 0), mac_of[1], mac_of[0], 64, 0, 1), 0);
    CHECK_EQ(hnf_port_sync(f.sw, f.id[0], OWNER_BASE + 1, HYPERNF_SYNC_TX), -EPERM);
    CHECK_EQ(hnf_port_sync(f.sw, f.id[0], 0, HYPERNF_SYNC_RX), -EPERM);
    CHECK_EQ(hnf_port_stats(f.sw, f.id[0], OWNER_BASE + 1, &st), -EPERM);
    CHECK_EQ(hnf_port_bind_evtchn(f.sw, f.id[0], OWNER_BASE + 1, 5), -EPERM);
    /* Nothing moved for the refused call. */
    CHECK_EQ(hnf_app_space(rx(&f, 1)), 0);
    CHECK_EQ(stats_of(&f, 0).syncs, 0);
    /* The control domain, acting for the owner, may sync. */
    CHECK_EQ(hnf_port_sync(f.sw, f.id[0], HNF_CALLER_CONTROL, HYPERNF_SYNC_TX), 0);
    CHECK_EQ(hnf_app_space(rx(&f, 1)), 1);
    CHECK_EQ(hnf_port_sync(f.sw, 63, OWNER_BASE, HYPERNF_SYNC_TX), -ENOENT);
    CHECK_EQ(hnf_port_sync(f.sw, 64, OWNER_BASE, HYPERNF_SYNC_TX), -ENOENT);
    CHECK_EQ(hnf_port_sync(f.sw, f.id[0], OWNER_BASE, 0), -EINVAL);
    CHECK_EQ(hnf_port_sync(f.sw, f.id[0], OWNER_BASE, 4), -EINVAL);
    fixture_fini(&f);
}

static void test_broken_port_stays_broken(void)
{
    struct fixture f;
    struct hypernf_port_stats st;

    fixture_init(&f, 3, &small_spec);
    hnf_user_env.quiet = 1;
    /* B is learned first, then breaks. */
    CHECK_EQ(send_one(&f, 1, broadcast, 1), 0);
    drain(&f, 0);
    drain(&f, 2);
    tx(&f, 1)->head = 99;
    CHECK_EQ(sync_port(&f, 1, HYPERNF_SYNC_TX), -EIO);
    /* Repairing the ring does not revive it. */
    tx(&f, 1)->head = tx(&f, 1)->tail;
    tx(&f, 1)->cur = tx(&f, 1)->tail;
    CHECK_EQ(sync_port(&f, 1, HYPERNF_SYNC_TX), -EIO);
    CHECK_EQ(sync_port(&f, 1, HYPERNF_SYNC_RX), -EIO);
    st = stats_of(&f, 1);
    CHECK_EQ(st.refused_syncs, 2);
    CHECK_EQ(st.broken, 1);
    /* It is no flood target and unicast to it is a counted drop. */
    CHECK_EQ(send_one(&f, 0, broadcast, 2), 0);
    CHECK_EQ(send_one(&f, 0, mac_of[1], 3), 0);
    CHECK_EQ(stats_of(&f, 1).rx_packets, 0);
    CHECK_EQ(stats_of(&f, 0).drop_broken, 1);
    CHECK_EQ(drain(&f, 2), 1);
    CHECK_EQ(hnf_user_env.log_count, 1);
    hnf_user_env.quiet = 0;
    fixture_fini(&f);
}

static void test_stats(void)
{
    struct fixture f;
    struct hypernf_port_stats a, b, c;

    fixture_init(&f, 3, &small_spec);
    CHECK_EQ(hnf_app_send(&f.reg[0], tx(&f, 0), broadcast, mac_of[0], 100, 0, 1), 0);
    CHECK_EQ(hnf_app_send(&f.reg[0], tx(&f, 0), broadcast, mac_of[0], 60, 0, 2), 0);
    CHECK_EQ(sync_port(&f, 0, HYPERNF_SYNC_TX), 0);
    CHECK_EQ(send_one(&f, 1, mac_of[0], 3), 0);
    a = stats_of(&f, 0);
    b = stats_of(&f, 1);
    c = stats_of(&f, 2);
    CHECK_EQ(a.tx_packets, 2);
    CHECK_EQ(a.tx_bytes, 160);
    CHECK_EQ(a.rx_packets, 1);
    CHECK_EQ(a.rx_bytes, 64);
    CHECK_EQ(a.syncs, 1);
    CHECK_EQ(b.rx_packets, 2);
    CHECK_EQ(b.rx_bytes, 160);
    CHECK_EQ(b.tx_packets, 1);
    CHECK_EQ(b.tx_bytes, 64);
    CHECK_EQ(c.rx_packets, 2);
    CHECK_EQ(c.tx_packets, 0);
    CHECK_EQ(a.drop_dest_full + a.drop_no_dest + a.malformed + a.broken, 0);
    CHECK_EQ(a.reserved[0] | a.reserved[1] | a.reserved[2] | a.reserved[3], 0);
    CHECK_EQ(hnf_port_stats(f.sw, f.id[0], OWNER_BASE, &a), 0);
    fixture_fini(&f);
}

static void test_oversize_for_destination(void)
{
    struct hnf_region_spec big = small_spec;
    struct fixture f;

    big.buf_size = 2048;
    fixture_init(&f, 1, &big);
    fixture_add(&f, &small_spec);
    CHECK_EQ(hnf_app_send(&f.reg[0], tx(&f, 0), broadcast, mac_of[0], 1500, 0, 1), 0);
    CHECK_EQ(sync_port(&f, 0, HYPERNF_SYNC_TX), 0);
    CHECK_EQ(stats_of(&f, 0).drop_oversize, 1);
    CHECK_EQ(stats_of(&f, 1).rx_packets, 0);
    fixture_fini(&f);
}

static void test_notify(void)
{
    struct fixture f;

    fixture_init(&f, 3, &small_spec);
    CHECK_EQ(hnf_port_bind_evtchn(f.sw, f.id[1], OWNER_BASE + 1, 42), 0);
    CHECK_EQ(send_one(&f, 0, broadcast, 1), 0);
    CHECK_EQ(hnf_user_env.notify_count, 1);
    CHECK_EQ(hnf_user_env.notify_log[0].port_id, f.id[1]);
    CHECK_EQ(hnf_user_env.notify_log[0].evtchn, 42);
    CHECK(hnf_user_env.notify_log[0].port_env == &f.env_tag[1]);
    /* Unbound again: delivered, but nobody to notify. */
    CHECK_EQ(hnf_port_bind_evtchn(f.sw, f.id[1], HNF_CALLER_CONTROL, HYPERNF_EVTCHN_NONE), 0);
    CHECK_EQ(send_one(&f, 0, broadcast, 2), 0);
    CHECK_EQ(stats_of(&f, 1).rx_packets, 2);
    CHECK_EQ(hnf_user_env.notify_count, 1);
    fixture_fini(&f);
}

static void test_register_validation(void)
{
    struct hnf_switch *sw = switch_new();
    struct hnf_test_region tr;
    struct hnf_port_params params;
    struct hnf_region_spec spec = small_spec;
    uint32_t id = 77;
    int64_t *ring_ofs;

    spec.nr_offset = 4096;
    CHECK_EQ(hnf_region_build(&tr, &spec), 0);
    hnf_region_params(&tr, 5, NULL, &params);
    params.geometry.num_tx_rings = 0;
    CHECK_EQ(hnf_port_register(sw, &params, &id), -EINVAL);
    params.geometry.num_tx_rings = HYPERNF_MAX_RINGS + 1;
    CHECK_EQ(hnf_port_register(sw, &params, &id), -E2BIG);
    params.geometry.num_tx_rings = 2; /* the netmap_if says 1 */
    CHECK_EQ(hnf_port_register(sw, &params, &id), -EINVAL);
    hnf_region_params(&tr, 5, NULL, &params);
    params.geometry.buf_size = 128; /* the rings say 256 */
    CHECK_EQ(hnf_port_register(sw, &params, &id), -EINVAL);
    hnf_region_params(&tr, 5, NULL, &params);
    params.geometry.num_bufs = 1000; /* pool would run past the region */
    CHECK_EQ(hnf_port_register(sw, &params, &id), -EINVAL);
    hnf_region_params(&tr, 5, NULL, &params);
    params.geometry.nr_offset = tr.size - 8;
    CHECK_EQ(hnf_port_register(sw, &params, &id), -EINVAL);
    hnf_region_params(&tr, 5, NULL, &params);
    ring_ofs = (int64_t *)(tr.mem + spec.nr_offset + HNF_NM_IF_HDR_SIZE);
    ring_ofs[1] = (int64_t)tr.size;
    CHECK_EQ(hnf_port_register(sw, &params, &id), -EINVAL);
    ring_ofs[1] = -(int64_t)spec.nr_offset - 64;
    CHECK_EQ(hnf_port_register(sw, &params, &id), -EINVAL);
    ring_ofs[1] = (int64_t)(tr.rx_off[0] - spec.nr_offset);
    CHECK_EQ(id, 77);
    CHECK_EQ(hnf_port_register(sw, &params, &id), 0);
    CHECK_EQ(id, 0);
    CHECK_EQ(hnf_region_rx(&tr, 0)->tail, 0);
    CHECK_EQ(hnf_region_tx(&tr, 0)->tail, spec.tx_slots - 1);
    hnf_region_free(&tr);
    free(sw);
}

static void test_port_limit_and_unregister(void)
{
    struct hnf_switch *sw = switch_new();
    struct hnf_test_region tr;
    struct hnf_port_params params;
    uint32_t id, i;
    void *env = NULL;
    int tag;

    CHECK_EQ(hnf_region_build(&tr, &small_spec), 0);
    hnf_region_params(&tr, 5, &tag, &params);
    /* The core only needs distinct ports, not distinct memory, to count. */
    for (i = 0; i < HYPERNF_MAX_PORTS; i++) {
        CHECK_EQ(hnf_port_register(sw, &params, &id), 0);
        CHECK_EQ(id, i);
    }
    CHECK_EQ(hnf_port_register(sw, &params, &id), -ENOSPC);
    CHECK_EQ(hnf_port_next_owned_by(sw, 5, 10), 10);
    CHECK_EQ(hnf_port_next_owned_by(sw, 6, 0), -ENOENT);
    CHECK_EQ(hnf_port_unregister(sw, 17, &env), 0);
    CHECK(env == &tag);
    CHECK_EQ(hnf_port_unregister(sw, 17, &env), -ENOENT);
    CHECK_EQ(hnf_port_sync(sw, 17, 5, HYPERNF_SYNC_TX), -ENOENT);
    CHECK_EQ(hnf_port_register(sw, &params, &id), 0);
    CHECK_EQ(id, 17);
    hnf_region_free(&tr);
    free(sw);
}

static void test_unregister_forgets_learned_macs(void)
{
    struct fixture f;
    struct hnf_port_params params;
    uint32_t id;

    fixture_init(&f, 3, &small_spec);
    CHECK_EQ(send_one(&f, 1, broadcast, 1), 0);
    drain(&f, 0);
    drain(&f, 2);
    CHECK_EQ(hnf_port_unregister(f.sw, f.id[1], NULL), 0);
    /* A new port takes B's id; B's MAC must not lead there as unicast. */
    hnf_region_params(&f.reg[1], OWNER_BASE + 1, NULL, &params);
    CHECK_EQ(hnf_port_register(f.sw, &params, &id), 0);
    CHECK_EQ(id, f.id[1]);
    CHECK_EQ(send_one(&f, 0, mac_of[1], 2), 0);
    CHECK_EQ(drain(&f, 2), 1);
    CHECK_EQ(drain(&f, 1), 1);
    fixture_fini(&f);
}

/*
 * Split mode: the guest owner is refused without anything moving, dom0
 * acting for it is served, and back in hypercall mode the owner continues
 * exactly where dom0 stopped (no frame lost or switched twice).
 */
static void test_split_mode_only_control_syncs(void)
{
    struct fixture f;
    struct hypernf_control split = {HYPERNF_CTL_SET_MODE, 0, HYPERNF_MODE_SPLIT, 0};
    struct hypernf_control hypercall = {HYPERNF_CTL_SET_MODE, 0, HYPERNF_MODE_HYPERCALL, 0};

    fixture_init(&f, 2, &small_spec);
    CHECK_EQ(hnf_switch_control(f.sw, &split), 0);
    CHECK_EQ(hnf_app_send(&f.reg[0], tx(&f, 0), mac_of[1], mac_of[0], 64, 0, 1), 0);
    CHECK_EQ(hnf_port_sync(f.sw, f.id[0], OWNER_BASE, HYPERNF_SYNC_TX), -EPERM);
    CHECK_EQ(hnf_port_sync(f.sw, f.id[1], OWNER_BASE + 1, HYPERNF_SYNC_RX), -EPERM);
    CHECK_EQ(hnf_app_space(rx(&f, 1)), 0);
    CHECK_EQ(stats_of(&f, 0).syncs, 0);
    CHECK_EQ(hnf_port_sync(f.sw, f.id[0], HNF_CALLER_CONTROL, HYPERNF_SYNC_TX), 0);
    CHECK_EQ(hnf_app_space(rx(&f, 1)), 1);
    CHECK_EQ(hnf_app_send(&f.reg[0], tx(&f, 0), mac_of[1], mac_of[0], 64, 0, 1), 0);
    CHECK_EQ(hnf_switch_control(f.sw, &hypercall), 0);
    CHECK_EQ(hnf_port_sync(f.sw, f.id[0], OWNER_BASE, HYPERNF_SYNC_TX), 0);
    CHECK_EQ(hnf_port_sync(f.sw, f.id[0], OWNER_BASE, HYPERNF_SYNC_TX), 0);
    CHECK_EQ(hnf_app_space(rx(&f, 1)), 2);
    CHECK_EQ(stats_of(&f, 0).tx_packets, 2);
    CHECK_EQ(stats_of(&f, 1).rx_packets, 2);
    fixture_fini(&f);
}

static void test_control(void)
{
    struct hnf_switch *sw = switch_new();
    struct hypernf_control ctl = {0, 0, 0, 0};

    CHECK_EQ(hnf_switch_control(sw, &ctl), 0);
    CHECK_EQ(ctl.batch, HYPERNF_DEFAULT_BATCH);
    CHECK_EQ(ctl.mode, HYPERNF_MODE_HYPERCALL);
    ctl.set = HYPERNF_CTL_SET_BATCH;
    ctl.batch = 0;
    CHECK_EQ(hnf_switch_control(sw, &ctl), -EINVAL);
    ctl.batch = HYPERNF_MAX_BATCH + 1;
    CHECK_EQ(hnf_switch_control(sw, &ctl), -EINVAL);
    ctl.set = HYPERNF_CTL_SET_MODE;
    ctl.mode = 2;
    CHECK_EQ(hnf_switch_control(sw, &ctl), -EINVAL);
    ctl.set = 4;
    CHECK_EQ(hnf_switch_control(sw, &ctl), -EINVAL);
    ctl.set = HYPERNF_CTL_SET_MODE | HYPERNF_CTL_SET_BATCH;
    ctl.mode = HYPERNF_MODE_SPLIT;
    ctl.batch = 100;
    CHECK_EQ(hnf_switch_control(sw, &ctl), 0);
    ctl.set = 0;
    ctl.batch = 0;
    ctl.mode = 0;
    CHECK_EQ(hnf_switch_control(sw, &ctl), 0);
    CHECK_EQ(ctl.batch, 100);
    CHECK_EQ(ctl.mode, HYPERNF_MODE_SPLIT);
    ctl.pad0 = 1;
    CHECK_EQ(hnf_switch_control(sw, &ctl), -EINVAL);
    free(sw);
}

/* The guest rewriting ring_ofs and buf_ofs after registration changes nothing. */
static void test_layout_snapshot_ignores_rewrites(void)
{
    struct fixture f;
    int64_t *ring_ofs;

    fixture_init(&f, 2, &small_spec);
    ring_ofs = (int64_t *)(f.reg[1].mem + HNF_NM_IF_HDR_SIZE);
    ring_ofs[1] = 1LL << 40;
    rx(&f, 1)->buf_ofs = -(1LL << 40);
    tx(&f, 0)->num_slots = 1U << 30;
    CHECK_EQ(send_one(&f, 0, mac_of[1], 5), 0);
    CHECK_EQ(stats_of(&f, 1).rx_packets, 1);
    CHECK_EQ(frame_tag(hnf_region_buf(&f.reg[1], hnf_ring_slots(rx(&f, 1))[0].buf_idx)), 5);
    fixture_fini(&f);
}

/* A guest scribbling on tail gets the switch's value back on every TX sync. */
static void test_tail_republished(void)
{
    struct hnf_region_spec spec = small_spec;
    struct hypernf_control ctl = {HYPERNF_CTL_SET_BATCH, 1, 0, 0};
    struct fixture f;

    spec.tx_rings = 2;
    fixture_init(&f, 2, &spec);
    CHECK_EQ(hnf_switch_control(f.sw, &ctl), 0);
    CHECK_EQ(hnf_app_send(&f.reg[0], hnf_region_tx(&f.reg[0], 0), mac_of[1], mac_of[0],
                          64, 0, 1), 0);
    CHECK_EQ(hnf_app_send(&f.reg[0], hnf_region_tx(&f.reg[0], 1), mac_of[1], mac_of[0],
                          64, 0, 2), 0);
    hnf_region_tx(&f.reg[0], 0)->tail = 3;
    hnf_region_tx(&f.reg[0], 1)->tail = 99;
    /* Budget 1: ring 0 switches its slot, ring 1 only gets its tail back. */
    CHECK_EQ(sync_port(&f, 0, HYPERNF_SYNC_TX), 0);
    CHECK_EQ(hnf_region_tx(&f.reg[0], 0)->tail, 0);
    CHECK_EQ(hnf_region_tx(&f.reg[0], 1)->tail, spec.tx_slots - 1);
    CHECK_EQ(stats_of(&f, 0).tx_packets, 1);
    /* The next sync starts at ring 1. */
    CHECK_EQ(sync_port(&f, 0, HYPERNF_SYNC_TX), 0);
    CHECK_EQ(hnf_region_tx(&f.reg[0], 1)->tail, 0);
    CHECK_EQ(stats_of(&f, 0).tx_packets, 2);
    rx(&f, 1)->tail = 5;
    CHECK_EQ(sync_port(&f, 1, HYPERNF_SYNC_RX), 0);
    CHECK_EQ(rx(&f, 1)->tail, 2);
    fixture_fini(&f);
}

/* API 14: RX ring i follows the host TX rings in ring_ofs[]. */
static void test_host_rings_skipped(void)
{
    struct hnf_region_spec spec = small_spec;
    struct hnf_nm_ring *host_rx;
    struct fixture f;

    spec.host_rings = 1;
    fixture_init(&f, 1, &small_spec);
    fixture_add(&f, &spec);
    host_rx = (struct hnf_nm_ring *)(f.reg[1].mem + f.reg[1].host_rx_off[0]);
    CHECK_EQ(send_one(&f, 0, mac_of[1], 7), 0);
    CHECK_EQ(stats_of(&f, 1).rx_packets, 1);
    CHECK_EQ(hnf_app_space(rx(&f, 1)), 1);
    CHECK_EQ(host_rx->tail, 0);
    CHECK_EQ(frame_tag(hnf_region_buf(&f.reg[1], hnf_ring_slots(rx(&f, 1))[0].buf_idx)), 7);
    /* And the other way: B's TX ring 0, not its host TX ring, is read. */
    CHECK_EQ(send_one(&f, 1, mac_of[0], 8), 0);
    CHECK_EQ(drain(&f, 0), 1);
    fixture_fini(&f);
}

struct test_case {
    const char *name;
    void (*fn)(void);
};

static const struct test_case tests[] = {
    {"learning", test_learning},
    {"unicast_after_learning", test_unicast_after_learning},
    {"flood_unknown_never_to_source", test_flood_unknown_never_to_source},
    {"broadcast_and_multicast", test_broadcast_and_multicast},
    {"no_learn_flag", test_no_learn_flag},
    {"unicast_to_self_dropped", test_unicast_to_self_dropped},
    {"full_destination", test_full_destination},
    {"batch_limit", test_batch_limit},
    {"batch_limit_across_rings", test_batch_limit_across_rings},
    {"wrap_around", test_wrap_around},
    {"bad_tx_buf_idx", test_bad_tx_buf_idx},
    {"bad_rx_buf_idx_breaks_destination", test_bad_rx_buf_idx_breaks_destination},
    {"bad_len", test_bad_len},
    {"malformed_frames", test_malformed_frames},
    {"head_out_of_range", test_head_out_of_range},
    {"sync_not_owner", test_sync_not_owner},
    {"broken_port_stays_broken", test_broken_port_stays_broken},
    {"stats", test_stats},
    {"oversize_for_destination", test_oversize_for_destination},
    {"notify", test_notify},
    {"register_validation", test_register_validation},
    {"port_limit_and_unregister", test_port_limit_and_unregister},
    {"unregister_forgets_learned_macs", test_unregister_forgets_learned_macs},
    {"control", test_control},
    {"split_mode_only_control_syncs", test_split_mode_only_control_syncs},
    {"layout_snapshot_ignores_rewrites", test_layout_snapshot_ignores_rewrites},
    {"tail_republished", test_tail_republished},
    {"host_rings_skipped", test_host_rings_skipped},
};

int main(void)
{
    size_t i;
    int passed = 0, failed = 0;

    setvbuf(stdout, NULL, _IOLBF, 0);
    for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
        checks_failed_in_test = 0;
        tests[i].fn();
        if (checks_failed_in_test == 0) {
            printf("ok   %s\n", tests[i].name);
            passed++;
        } else {
            printf("FAIL %s (%d checks)\n", tests[i].name, checks_failed_in_test);
            failed++;
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
