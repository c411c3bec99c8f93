/*
 * hnf-test — user-space probe of HyperNF's hypercall (public/hypernf.h)
 * through /dev/xen/privcmd, for dom0 and for guests.
 *
 *   hnf-test dom0          refusals dom0 must see, and a control read
 *   hnf-test guest [PORT]  every dom0-only op must be refused with EPERM;
 *                          with PORT (a port another domain owns), its
 *                          sync and stats must be refused too
 *   hnf-test stats PORT    print a port's counters
 *   hnf-test control [batch=N] [mode=hypercall|split]
 *
 * The test subcommands print one line per check ("HNF_TOOL ok NAME" or
 * "HNF_TOOL FAIL NAME: ...") and end with "HNF_TOOL_DOM0 PASS n/n" or
 * "HNF_TOOL_GUEST PASS n/n" (FAIL otherwise; exit status 1).
 *
 * Tests that need dom0 memory registered as a port live in the kernel test
 * module (hnf_testmod/): user space has no frame numbers of its memory.
 *
 * privcmd passes pointers straight to Xen, which copies from the calling
 * domain's virtual addresses and fails with EFAULT on a page that is not
 * present, so every argument lives in one mlock()ed page.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "public/hypernf.h"

/* Linux uapi <xen/privcmd.h>: struct privcmd_hypercall, IOCTL_PRIVCMD_HYPERCALL. */
struct privcmd_hypercall {
    uint64_t op;
    uint64_t arg[5];
};
#define IOCTL_PRIVCMD_HYPERCALL _IOC(_IOC_NONE, 'P', 0, sizeof(struct privcmd_hypercall))

#define PRIVCMD_PATH "/dev/xen/privcmd"

static int privcmd_fd = -1;
static void *arg_page;
static unsigned int checks, failures;

/* Returns the hypercall's result: 0/positive, or a negative errno. */
static long hnf_op(unsigned int cmd, const void *arg, size_t len)
{
    struct privcmd_hypercall hc;
    long rc;

    if (len > 4096)
        return -EINVAL;
    if (arg)
        memcpy(arg_page, arg, len);
    memset(&hc, 0, sizeof(hc));
    hc.op = __HYPERVISOR_hypernf_op;
    hc.arg[0] = cmd;
    hc.arg[1] = arg ? (uint64_t)(uintptr_t)arg_page : 0;
    rc = ioctl(privcmd_fd, IOCTL_PRIVCMD_HYPERCALL, &hc);
    if (rc < 0)
        return -errno;
    return rc;
}

/* As hnf_op, and copy the (IN/OUT) argument back. */
static long hnf_op_inout(unsigned int cmd, void *arg, size_t len)
{
    long rc = hnf_op(cmd, arg, len);

    memcpy(arg, arg_page, len);
    return rc;
}

static void expect_rc(const char *name, long got, long want)
{
    checks++;
    if (got == want) {
        printf("HNF_TOOL ok %s (rc=%ld)\n", name, got);
    } else {
        failures++;
        printf("HNF_TOOL FAIL %s: rc=%ld (%s), expected %ld (%s)\n", name, got,
               strerror((int)-got), want, strerror((int)-want));
    }
}

static int verdict(const char *marker)
{
    if (failures || checks == 0) {
        printf("%s FAIL %u/%u\n", marker, checks - failures, checks);
        return 1;
    }
    printf("%s PASS %u/%u\n", marker, checks, checks);
    return 0;
}

static void register_args(struct hypernf_port_register *reg, uint16_t owner,
                          const uint64_t *frames, uint32_t nr)
{
    memset(reg, 0, sizeof(*reg));
    reg->owner_domid = owner;
    reg->nr_frames = nr;
    reg->geometry.num_tx_rings = 1;
    reg->geometry.num_rx_rings = 1;
    reg->geometry.num_tx_slots = 64;
    reg->geometry.num_rx_slots = 64;
    reg->geometry.buf_size = 2048;
    reg->geometry.num_bufs = 128;
    reg->frames = (uint64_t)(uintptr_t)frames;
}

static void common_refusals(void)
{
    struct hypernf_stats st;
    struct hypernf_sync sync = { .port = 0, .flags = 0 };

    expect_rc("unknown sub-op is ENOSYS", hnf_op(99, NULL, 0), -ENOSYS);
    expect_rc("sync with no flags is EINVAL", hnf_op(HYPERNF_OP_SYNC, &sync, sizeof(sync)),
              -EINVAL);
    memset(&st, 0, sizeof(st));
    st.port = HYPERNF_MAX_PORTS + 3;
    expect_rc("stats of a port id out of range is ENOENT",
              hnf_op(HYPERNF_OP_STATS, &st, sizeof(st)), -ENOENT);
    st.port = 0;
    st.pad0 = 1;
    expect_rc("stats with pad0 set is EINVAL", hnf_op(HYPERNF_OP_STATS, &st, sizeof(st)),
              -EINVAL);
}

static int test_dom0(void)
{
    struct hypernf_port_register reg;
    struct hypernf_control ctl;
    /* The frame list sits in the locked page after the argument struct. */
    uint64_t *frames = (uint64_t *)((char *)arg_page + 2048);
    uint64_t *frames_out_of_ram = frames;

    common_refusals();

    memset(&ctl, 0, sizeof(ctl));
    expect_rc("control read", hnf_op_inout(HYPERNF_OP_CONTROL, &ctl, sizeof(ctl)), 0);
    printf("HNF_TOOL control: batch=%u mode=%u\n", ctl.batch, ctl.mode);
    ctl.set = 0x80;
    expect_rc("control with an unknown set bit is EINVAL",
              hnf_op(HYPERNF_OP_CONTROL, &ctl, sizeof(ctl)), -EINVAL);

    frames_out_of_ram[0] = UINT64_MAX >> 12;
    register_args(&reg, 0, frames_out_of_ram, 1);
    expect_rc("register of a frame outside RAM is EBUSY",
              hnf_op(HYPERNF_OP_PORT_REGISTER, &reg, sizeof(reg)), -EBUSY);
    reg.pad0 = 1;
    expect_rc("register with pad0 set is EINVAL",
              hnf_op(HYPERNF_OP_PORT_REGISTER, &reg, sizeof(reg)), -EINVAL);
    register_args(&reg, 0, frames, HYPERNF_MAX_FRAMES + 1);
    expect_rc("register above the frame limit is E2BIG",
              hnf_op(HYPERNF_OP_PORT_REGISTER, &reg, sizeof(reg)), -E2BIG);
    register_args(&reg, 0x7ff0, frames, 1);
    expect_rc("register for a domain that does not exist is EINVAL",
              hnf_op(HYPERNF_OP_PORT_REGISTER, &reg, sizeof(reg)), -EINVAL);
    register_args(&reg, 0, (const uint64_t *)8, 1);
    expect_rc("register with an unreadable frame list is EFAULT",
              hnf_op(HYPERNF_OP_PORT_REGISTER, &reg, sizeof(reg)), -EFAULT);
    return verdict("HNF_TOOL_DOM0");
}

static int test_guest(long port)
{
    struct hypernf_port_register reg;
    struct hypernf_port_unregister unreg = { .port = 0 };
    struct hypernf_control ctl;
    struct hypernf_sync sync;
    struct hypernf_stats st;
    uint64_t *frames = (uint64_t *)((char *)arg_page + 2048);

    common_refusals();
    frames[0] = 0;
    register_args(&reg, 0, frames, 1);
    expect_rc("guest register is EPERM", hnf_op(HYPERNF_OP_PORT_REGISTER, &reg, sizeof(reg)),
              -EPERM);
    expect_rc("guest unregister is EPERM",
              hnf_op(HYPERNF_OP_PORT_UNREGISTER, &unreg, sizeof(unreg)), -EPERM);
    memset(&ctl, 0, sizeof(ctl));
    expect_rc("guest control is EPERM", hnf_op(HYPERNF_OP_CONTROL, &ctl, sizeof(ctl)), -EPERM);
    if (port >= 0) {
        sync.port = (uint32_t)port;
        sync.flags = HYPERNF_SYNC_TX | HYPERNF_SYNC_RX;
        expect_rc("guest sync of a port it does not own is EPERM",
                  hnf_op(HYPERNF_OP_SYNC, &sync, sizeof(sync)), -EPERM);
        memset(&st, 0, sizeof(st));
        st.port = (uint32_t)port;
        expect_rc("guest stats of a port it does not own is EPERM",
                  hnf_op(HYPERNF_OP_STATS, &st, sizeof(st)), -EPERM);
    }
    return verdict("HNF_TOOL_GUEST");
}

static int print_stats(uint32_t port)
{
    struct hypernf_stats st;
    const struct hypernf_port_stats *s = &st.stats;
    long rc;

    memset(&st, 0, sizeof(st));
    st.port = port;
    rc = hnf_op_inout(HYPERNF_OP_STATS, &st, sizeof(st));
    if (rc) {
        fprintf(stderr, "hnf-test: stats of port %u: %s\n", port, strerror((int)-rc));
        return 1;
    }
    printf("port %u: rx %llu pkts %llu bytes, tx %llu pkts %llu bytes, syncs %llu\n", port,
           (unsigned long long)s->rx_packets, (unsigned long long)s->rx_bytes,
           (unsigned long long)s->tx_packets, (unsigned long long)s->tx_bytes,
           (unsigned long long)s->syncs);
    printf("  drops: dest_full %llu no_dest %llu bad_buf_idx %llu bad_len %llu "
           "bad_head_cur %llu broken %llu oversize %llu rx_full %llu malformed %llu\n",
           (unsigned long long)s->drop_dest_full, (unsigned long long)s->drop_no_dest,
           (unsigned long long)s->drop_bad_buf_idx, (unsigned long long)s->drop_bad_len,
           (unsigned long long)s->drop_bad_head_cur, (unsigned long long)s->drop_broken,
           (unsigned long long)s->drop_oversize, (unsigned long long)s->rx_drop_full,
           (unsigned long long)s->malformed);
    printf("  refused_syncs %llu broken %u reason %u\n",
           (unsigned long long)s->refused_syncs, s->broken, s->broken_reason);
    return 0;
}

static int control(int argc, char **argv)
{
    struct hypernf_control ctl;
    long rc;
    int i;

    memset(&ctl, 0, sizeof(ctl));
    for (i = 0; i < argc; i++) {
        if (!strncmp(argv[i], "batch=", 6)) {
            char *end;
            unsigned long v = strtoul(argv[i] + 6, &end, 10);

            if (*end || v == 0 || v > HYPERNF_MAX_BATCH) {
                fprintf(stderr, "hnf-test: control: batch '%s' is not 1..%u\n", argv[i] + 6,
                        HYPERNF_MAX_BATCH);
                return 2;
            }
            ctl.set |= HYPERNF_CTL_SET_BATCH;
            ctl.batch = (uint32_t)v;
        } else if (!strcmp(argv[i], "mode=hypercall") || !strcmp(argv[i], "mode=split")) {
            ctl.set |= HYPERNF_CTL_SET_MODE;
            ctl.mode = argv[i][5] == 's' ? HYPERNF_MODE_SPLIT : HYPERNF_MODE_HYPERCALL;
        } else {
            fprintf(stderr, "hnf-test: control: unknown setting '%s'\n", argv[i]);
            return 2;
        }
    }
    rc = hnf_op_inout(HYPERNF_OP_CONTROL, &ctl, sizeof(ctl));
    if (rc) {
        fprintf(stderr, "hnf-test: control: %s\n", strerror((int)-rc));
        return 1;
    }
    printf("batch=%u mode=%s\n", ctl.batch, ctl.mode == HYPERNF_MODE_SPLIT ? "split" : "hypercall");
    return 0;
}

static int parse_port(const char *s, long *out)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);

    if (*s == '\0' || *end || v >= HYPERNF_MAX_PORTS) {
        fprintf(stderr, "hnf-test: port '%s' is not 0..%u\n", s, HYPERNF_MAX_PORTS - 1);
        return -1;
    }
    *out = (long)v;
    return 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: hnf-test dom0 | guest [PORT] | stats PORT | "
                    "control [batch=N] [mode=hypercall|split]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    long port = -1;

    if (argc < 2)
        usage();
    setvbuf(stdout, NULL, _IOLBF, 0);
    privcmd_fd = open(PRIVCMD_PATH, O_RDWR | O_CLOEXEC);
    if (privcmd_fd < 0) {
        fprintf(stderr, "hnf-test: %s: %s (is xen-privcmd loaded?)\n", PRIVCMD_PATH,
                strerror(errno));
        return 1;
    }
    arg_page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (arg_page == MAP_FAILED || mlock(arg_page, 4096)) {
        fprintf(stderr, "hnf-test: cannot lock the argument page: %s\n", strerror(errno));
        return 1;
    }
    memset(arg_page, 0, 4096);

    if (!strcmp(argv[1], "dom0") && argc == 2)
        return test_dom0();
    if (!strcmp(argv[1], "guest") && argc <= 3) {
        if (argc == 3 && parse_port(argv[2], &port))
            return 2;
        return test_guest(port);
    }
    if (!strcmp(argv[1], "stats") && argc == 3) {
        if (parse_port(argv[2], &port))
            return 2;
        return print_stats((uint32_t)port);
    }
    if (!strcmp(argv[1], "control"))
        return control(argc - 2, argv + 2);
    usage();
    return 2;
}
