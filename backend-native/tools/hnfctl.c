/*
 * hnfctl — HyperNF's control tool in dom0 (shared/DESIGN.md, "Control path").
 *
 *   hnfctl attach GUEST SWITCH:PORT [--id N] [--slots N] [--buf-size N]
 *   hnfctl detach GUEST [--id N]
 *   hnfctl state GUEST [--id N]
 *   hnfctl nic attach IFNAME SWITCH:PORT [--slots N] [--buf-size N]
 *   hnfctl nic detach IFNAME
 *   hnfctl list
 *   hnfctl batch [N]
 *   hnfctl mode [hypercall|split]
 *
 * Guest attach writes the xenstore nodes of a PV device of type "hypernf"
 * (what tools/dom0/usr/local/sbin/hnf-attach does with xenstore-write),
 * speaking xenstored's wire protocol (xen/include/public/io/xs_wire.h)
 * itself, so the tool is one static binary. Everything else goes through
 * hnf_back's /dev/hypernf-ctl (../hnf_ctl_abi.h); `mode` writes hnf_back's
 * `mode` module parameter. Exit status: 0 success, 1 failure, 2 usage.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "hnf_ctl_abi.h"

#define MODE_PARAM "/sys/module/hnf_back/parameters/mode"

static void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("hnfctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void usage(void) __attribute__((noreturn));
static void usage(void)
{
	fprintf(stderr,
		"usage: hnfctl attach GUEST SWITCH:PORT [--id N] [--slots N] [--buf-size N]\n"
		"       hnfctl detach GUEST [--id N]\n"
		"       hnfctl state GUEST [--id N]\n"
		"       hnfctl nic attach IFNAME SWITCH:PORT [--slots N] [--buf-size N]\n"
		"       hnfctl nic detach IFNAME\n"
		"       hnfctl list\n"
		"       hnfctl batch [N]\n"
		"       hnfctl mode [hypercall|split]\n");
	exit(2);
}

static uint32_t parse_u32(const char *what, const char *s)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (!*s || *end || errno || v > UINT32_MAX || s[0] == '-')
		die("%s '%s' is not a number", what, s);
	return (uint32_t)v;
}

/* SWITCH:PORT, both [0-9a-zA-Z_]+ (NETMAP-ABI.md, "Port names"). */
static void check_name(const char *name)
{
	const char *colon = strchr(name, ':'), *p;

	if (strlen(name) >= HNF_CTL_NAME_LEN || !colon || colon == name || !colon[1])
		die("port name '%s' is not SWITCH:PORT", name);
	for (p = name; *p; p++)
		if (p != colon && !(*p == '_' || (*p >= '0' && *p <= '9') ||
				    (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			die("port name '%s': '%c' is not allowed (SWITCH:PORT, [0-9a-zA-Z_])", name, *p);
}

/* xenstored's wire protocol: a header, then NUL-separated strings (public/io/xs_wire.h). */
enum { XS_DIRECTORY = 1, XS_READ = 2, XS_WRITE = 11, XS_MKDIR = 12, XS_RM = 13,
       XS_SET_PERMS = 14, XS_ERROR = 16 };
#define XS_PAYLOAD_MAX 4096

struct xs_msg {
	uint32_t type, req_id, tx_id, len;
};

static int xs_fd = -1;

static void xs_open(void)
{
	static const char *const sockets[] = { "/run/xenstored/socket", "/var/run/xenstored/socket" };
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	unsigned int i;

	for (i = 0; i < sizeof(sockets) / sizeof(sockets[0]); i++) {
		xs_fd = socket(AF_UNIX, SOCK_STREAM, 0);
		if (xs_fd < 0)
			break;
		strcpy(sa.sun_path, sockets[i]);
		if (connect(xs_fd, (struct sockaddr *)&sa, sizeof(sa)) == 0)
			return;
		close(xs_fd);
		xs_fd = -1;
	}
	xs_fd = open("/dev/xen/xenbus", O_RDWR);
	if (xs_fd < 0)
		die("no xenstore: neither xenstored's socket nor /dev/xen/xenbus (%s)", strerror(errno));
}

static void xs_io(int write_, void *buf, size_t len)
{
	size_t done = 0;
	ssize_t n;

	while (done < len) {
		n = write_ ? write(xs_fd, (char *)buf + done, len - done)
			   : read(xs_fd, (char *)buf + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			die("xenstore connection: %s", n ? strerror(errno) : "closed");
		done += n;
	}
}

/*
 * One request: `parts` NUL-separated strings (the last one without its NUL
 * when `last_raw`, as XS_WRITE's value). Returns 0 and the reply in reply
 * (NUL-terminated, *rlen bytes), or the errno xenstored named.
 */
static int xs_request(uint32_t type, const char *const *parts, int nparts, int last_raw,
		      char *reply, uint32_t *rlen)
{
	static const struct { const char *name; int err; } errs[] = {
		{ "EINVAL", EINVAL }, { "EACCES", EACCES }, { "EEXIST", EEXIST },
		{ "EISDIR", EISDIR }, { "ENOENT", ENOENT }, { "ENOMEM", ENOMEM },
		{ "ENOSPC", ENOSPC }, { "EIO", EIO }, { "ENOTEMPTY", ENOTEMPTY },
		{ "ENOSYS", ENOSYS }, { "EROFS", EROFS }, { "EBUSY", EBUSY },
		{ "EAGAIN", EAGAIN }, { "EISCONN", EISCONN }, { "E2BIG", E2BIG },
		{ "EPERM", EPERM },
	};
	static uint32_t req_id;
	char body[XS_PAYLOAD_MAX];
	struct xs_msg m = { .type = type, .req_id = ++req_id };
	size_t len = 0, l;
	unsigned int i;
	int k;

	for (k = 0; k < nparts; k++) {
		l = strlen(parts[k]) + !(last_raw && k == nparts - 1);
		if (len + l > sizeof(body))
			die("xenstore request too long");
		memcpy(body + len, parts[k], l);
		len += l;
	}
	m.len = len;
	xs_io(1, &m, sizeof(m));
	xs_io(1, body, len);
	xs_io(0, &m, sizeof(m));
	if (m.len >= XS_PAYLOAD_MAX)
		die("xenstore reply of %u bytes", m.len);
	xs_io(0, reply, m.len);
	reply[m.len] = '\0';
	if (rlen)
		*rlen = m.len;
	if (m.type == XS_ERROR) {
		for (i = 0; i < sizeof(errs) / sizeof(errs[0]); i++)
			if (!strcmp(reply, errs[i].name))
				return errs[i].err;
		return EIO;
	}
	if (m.type != type)
		die("xenstore answered type %u to a request of type %u", m.type, type);
	return 0;
}

static int xs_read(const char *path, char *out)
{
	const char *parts[] = { path };

	return xs_request(XS_READ, parts, 1, 0, out, NULL);
}

static void xs_write(const char *path, const char *value)
{
	const char *parts[] = { path, value };
	char reply[XS_PAYLOAD_MAX];
	int err = xs_request(XS_WRITE, parts, 2, 1, reply, NULL);

	if (err)
		die("xenstore write %s: %s", path, strerror(err));
}

static void xs_writef(const char *dir, const char *node, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void xs_writef(const char *dir, const char *node, const char *fmt, ...)
{
	char path[256], value[256];
	va_list ap;

	snprintf(path, sizeof(path), "%s/%s", dir, node);
	va_start(ap, fmt);
	vsnprintf(value, sizeof(value), fmt, ap);
	va_end(ap);
	xs_write(path, value);
}

static void xs_chmod(const char *path, const char *owner, const char *other)
{
	const char *parts[] = { path, owner, other };
	char reply[XS_PAYLOAD_MAX];
	int err = xs_request(XS_SET_PERMS, parts, 3, 0, reply, NULL);

	if (err)
		die("xenstore set-perms %s: %s", path, strerror(err));
}

static void xs_rm(const char *path)
{
	const char *parts[] = { path };
	char reply[XS_PAYLOAD_MAX];
	int err = xs_request(XS_RM, parts, 1, 0, reply, NULL);

	if (err && err != ENOENT)
		die("xenstore rm %s: %s", path, strerror(err));
}

/*
 * A domid, or a domain name looked up under /local/domain/<id>/name. A
 * numeric domid need not be alive unless must_live: detaching is how the
 * nodes of a domain that is already gone are removed.
 */
static uint32_t guest_domid(const char *guest, int must_live)
{
	char list[XS_PAYLOAD_MAX], path[64], name[XS_PAYLOAD_MAX];
	const char *parts[] = { "/local/domain" };
	uint32_t len, off;

	if (guest[0] >= '0' && guest[0] <= '9') {
		uint32_t d = parse_u32("domid", guest);

		snprintf(path, sizeof(path), "/local/domain/%u", d);
		if (must_live && xs_read(path, name) == ENOENT)
			die("no domain %u", d);
		return d;
	}
	if (xs_request(XS_DIRECTORY, parts, 1, 0, list, &len))
		die("cannot list /local/domain");
	for (off = 0; off < len; off += strlen(list + off) + 1) {
		snprintf(path, sizeof(path), "/local/domain/%s/name", list + off);
		if (xs_read(path, name) == 0 && !strcmp(name, guest))
			return parse_u32("domid", list + off);
	}
	die("no domain named '%s'", guest);
}

struct dev_paths {
	uint32_t domid;
	char front[128], back[128];
};

static void dev_paths(struct dev_paths *p, const char *guest, uint32_t id, int must_live)
{
	p->domid = guest_domid(guest, must_live);
	if (p->domid == 0)
		die("dom0 cannot be a HyperNF frontend");
	snprintf(p->front, sizeof(p->front), "/local/domain/%u/device/hypernf/%u", p->domid, id);
	snprintf(p->back, sizeof(p->back), "/local/domain/0/backend/hypernf/%u/%u", p->domid, id);
}

static int state_of(const char *dir)
{
	char path[160], v[XS_PAYLOAD_MAX];

	snprintf(path, sizeof(path), "%s/state", dir);
	return xs_read(path, v) ? -1 : atoi(v);
}

static int cmd_attach(const char *guest, const char *name, uint32_t id, uint32_t slots,
		      uint32_t buf_size)
{
	struct dev_paths p;
	char perm[16], tmp[XS_PAYLOAD_MAX];

	check_name(name);
	xs_open();
	dev_paths(&p, guest, id, 1);
	if (xs_read(p.back, tmp) == 0)
		die("%s already exists (detach first)", p.back);
	/*
	 * Directories first, with their permissions, so every node written
	 * below inherits them and the guest never sees a node it cannot read.
	 */
	xs_write(p.front, "");
	snprintf(perm, sizeof(perm), "n%u", p.domid);
	xs_chmod(p.front, perm, "r0");
	xs_write(p.back, "");
	snprintf(perm, sizeof(perm), "r%u", p.domid);
	xs_chmod(p.back, "n0", perm);
	xs_writef(p.front, "backend", "%s", p.back);
	xs_writef(p.front, "backend-id", "0");
	xs_writef(p.back, "frontend", "%s", p.front);
	xs_writef(p.back, "frontend-id", "%u", p.domid);
	xs_writef(p.back, "online", "1");
	xs_writef(p.back, "switch-port", "%s", name);
	if (slots)
		xs_writef(p.back, "want-slots", "%u", slots);
	if (buf_size)
		xs_writef(p.back, "want-buf-size", "%u", buf_size);
	/* State last: xenbus probes a device once its state says Initialising. */
	xs_writef(p.front, "state", "1");
	xs_writef(p.back, "state", "1");
	printf("hnfctl: d%u hypernf/%u attached to %s (%s)\n", p.domid, id, name, p.back);
	return 0;
}

static int cmd_detach(const char *guest, uint32_t id)
{
	struct dev_paths p;
	int i, st;

	xs_open();
	dev_paths(&p, guest, id, 0);
	/* online=0 lets hnf_back drop the device once the frontend has closed. */
	xs_writef(p.back, "online", "0");
	xs_writef(p.back, "state", "5");
	for (i = 0; i < 30; i++) {
		st = state_of(p.front);
		if (st == 6 || st < 0)
			break;
		sleep(1);
	}
	st = state_of(p.front);
	xs_rm(p.back);
	xs_rm(p.front);
	printf("hnfctl: d%u hypernf/%u detached (frontend state was %d)\n", p.domid, id, st);
	return 0;
}

static int cmd_state(const char *guest, uint32_t id)
{
	struct dev_paths p;

	xs_open();
	dev_paths(&p, guest, id, 0);
	printf("backend=%d frontend=%d\n", state_of(p.back), state_of(p.front));
	return 0;
}

static int ctl_open(void)
{
	int fd = open(HNF_CTL_DEVICE, O_RDWR);

	if (fd < 0)
		die("%s: %s (is hnf_back loaded?)", HNF_CTL_DEVICE, strerror(errno));
	return fd;
}

static int cmd_nic(int attach, const char *ifname, const char *name, uint32_t slots,
		   uint32_t buf_size)
{
	struct hnf_ctl_nic req;
	int fd;

	memset(&req, 0, sizeof(req));
	if (strlen(ifname) >= sizeof(req.ifname) || !*ifname)
		die("interface name '%s' is too long", ifname);
	strcpy(req.ifname, ifname);
	if (attach) {
		check_name(name);
		strcpy(req.name, name);
		req.slots = slots;
		req.buf_size = buf_size;
	}
	fd = ctl_open();
	if (ioctl(fd, attach ? HNF_CTL_NIC_ATTACH : HNF_CTL_NIC_DETACH, &req)) {
		int e = errno;

		if (e == EBUSY && attach)
			die("%s on %s: %s (port name in use, or the device already has an rx handler: a bridge or bond)",
			    ifname, name, strerror(e));
		if (e == EPROTONOSUPPORT)
			die("%s is not an Ethernet device", ifname);
		die("nic %s %s: %s", attach ? "attach" : "detach", ifname, strerror(e));
	}
	if (attach)
		printf("hnfctl: %s attached to %s\n", ifname, name);
	else
		printf("hnfctl: %s detached\n", ifname);
	return 0;
}

static int cmd_list(void)
{
	static const char *const kinds[] = { "guest", "local", "nic" };
	struct hnf_ctl_port p;
	const struct hypernf_port_stats *x = &p.xen;
	uint32_t i;
	int fd = ctl_open();

	for (i = 0;; i++) {
		memset(&p, 0, sizeof(p));
		p.index = i;
		if (ioctl(fd, HNF_CTL_PORT_GET, &p)) {
			if (errno == ENOENT)
				break;
			die("listing port %u: %s", i, strerror(errno));
		}
		printf("port kind=%s name=%s", p.kind < 3 ? kinds[p.kind] : "?",
		       p.name[0] ? p.name : "-");
		if (p.kind == HNF_CTL_KIND_GUEST)
			printf(" owner=d%u dev=%u", p.domid, p.devid);
		if (p.kind == HNF_CTL_KIND_NIC)
			printf(" if=%s", p.ifname);
		if (p.registered)
			printf(" hnf-port=%u", p.hnf_port);
		else
			printf(" hnf-port=none");
		printf(" slots=%u/%u buf=%u", p.tx_slots, p.rx_slots, p.buf_size);
		if (p.stats_rc == 0)
			printf(" tx_packets=%llu tx_bytes=%llu rx_packets=%llu rx_bytes=%llu drop_dest_full=%llu drop_no_dest=%llu rx_drop_full=%llu bad_buf_idx=%llu bad_len=%llu bad_head_cur=%llu malformed=%llu syncs=%llu broken=%u",
			       (unsigned long long)x->tx_packets, (unsigned long long)x->tx_bytes,
			       (unsigned long long)x->rx_packets, (unsigned long long)x->rx_bytes,
			       (unsigned long long)x->drop_dest_full, (unsigned long long)x->drop_no_dest,
			       (unsigned long long)x->rx_drop_full, (unsigned long long)x->drop_bad_buf_idx,
			       (unsigned long long)x->drop_bad_len, (unsigned long long)x->drop_bad_head_cur,
			       (unsigned long long)x->malformed, (unsigned long long)x->syncs, x->broken);
		else
			printf(" stats=%s", strerror(-p.stats_rc));
		if (p.kind == HNF_CTL_KIND_NIC)
			printf(" nic_to_switch=%llu nic_to_wire=%llu nic_drop_ring_full=%llu nic_drop_oversize=%llu nic_drop_offload=%llu nic_drop_xmit=%llu nic_drop_bad_slot=%llu nic_syncs=%llu nic_gso_segmented=%llu nic_csum_completed=%llu",
			       (unsigned long long)p.nic.to_switch, (unsigned long long)p.nic.to_wire,
			       (unsigned long long)p.nic.drop_ring_full, (unsigned long long)p.nic.drop_oversize,
			       (unsigned long long)p.nic.drop_offload, (unsigned long long)p.nic.drop_xmit,
			       (unsigned long long)p.nic.drop_bad_slot, (unsigned long long)p.nic.syncs,
			       (unsigned long long)p.nic.gso_segmented,
			       (unsigned long long)p.nic.csum_completed);
		printf("\n");
	}
	printf("ports=%u\n", i);
	return 0;
}

static int cmd_batch(const char *value)
{
	struct hypernf_control c;
	int fd = ctl_open();

	memset(&c, 0, sizeof(c));
	if (value) {
		c.set = HYPERNF_CTL_SET_BATCH;
		c.batch = parse_u32("batch", value);
		if (c.batch < 1 || c.batch > HYPERNF_MAX_BATCH)
			die("batch %u outside 1..%u", c.batch, HYPERNF_MAX_BATCH);
	}
	if (ioctl(fd, HNF_CTL_CONTROL, &c))
		die("HYPERNF_OP_CONTROL: %s", strerror(errno));
	printf("batch=%u switch-mode=%s\n", c.batch,
	       c.mode == HYPERNF_MODE_SPLIT ? "split" : "hypercall");
	return 0;
}

static int cmd_mode(const char *value)
{
	char cur[64];
	FILE *f;

	if (value) {
		if (strcmp(value, "hypercall") && strcmp(value, "split"))
			die("mode '%s': hypercall or split", value);
		f = fopen(MODE_PARAM, "w");
		if (!f)
			die("%s: %s (this hnf_back has no split mode?)", MODE_PARAM, strerror(errno));
		/* sysfs reports a refused value when the file is closed. */
		if (fprintf(f, "%s\n", value) < 0) {
			fclose(f);
			die("writing %s to %s: %s", value, MODE_PARAM, strerror(errno));
		}
		if (fclose(f) != 0)
			die("writing %s to %s: %s", value, MODE_PARAM, strerror(errno));
	}
	f = fopen(MODE_PARAM, "r");
	if (!f)
		die("%s: %s (this hnf_back has no split mode?)", MODE_PARAM, strerror(errno));
	if (!fgets(cur, sizeof(cur), f))
		cur[0] = '\0';
	fclose(f);
	cur[strcspn(cur, "\n")] = '\0';
	printf("mode=%s\n", cur);
	return 0;
}

/* --id / --slots / --buf-size after the positional arguments. */
static void options(int argc, char **argv, int first, uint32_t *id, uint32_t *slots,
		    uint32_t *buf_size)
{
	int i;

	for (i = first; i < argc; i++) {
		if (i + 1 >= argc)
			usage();
		if (!strcmp(argv[i], "--id") && id)
			*id = parse_u32("--id", argv[++i]);
		else if (!strcmp(argv[i], "--slots") && slots)
			*slots = parse_u32("--slots", argv[++i]);
		else if (!strcmp(argv[i], "--buf-size") && buf_size)
			*buf_size = parse_u32("--buf-size", argv[++i]);
		else
			usage();
	}
}

int main(int argc, char **argv)
{
	uint32_t id = 0, slots = 0, buf_size = 0;

	if (argc < 2)
		usage();
	if (!strcmp(argv[1], "attach") && argc >= 4) {
		options(argc, argv, 4, &id, &slots, &buf_size);
		return cmd_attach(argv[2], argv[3], id, slots, buf_size);
	}
	if (!strcmp(argv[1], "detach") && argc >= 3) {
		options(argc, argv, 3, &id, NULL, NULL);
		return cmd_detach(argv[2], id);
	}
	if (!strcmp(argv[1], "state") && argc >= 3) {
		options(argc, argv, 3, &id, NULL, NULL);
		return cmd_state(argv[2], id);
	}
	if (!strcmp(argv[1], "nic") && argc >= 4 && !strcmp(argv[2], "attach") && argc >= 5) {
		options(argc, argv, 5, NULL, &slots, &buf_size);
		return cmd_nic(1, argv[3], argv[4], slots, buf_size);
	}
	if (!strcmp(argv[1], "nic") && argc == 4 && !strcmp(argv[2], "detach"))
		return cmd_nic(0, argv[3], NULL, 0, 0);
	if (!strcmp(argv[1], "list") && argc == 2)
		return cmd_list();
	if (!strcmp(argv[1], "batch") && argc <= 3)
		return cmd_batch(argc == 3 ? argv[2] : NULL);
	if (!strcmp(argv[1], "mode") && argc <= 3)
		return cmd_mode(argc == 3 ? argv[2] : NULL);
	usage();
}
