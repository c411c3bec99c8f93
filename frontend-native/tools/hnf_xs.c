/*
 * hnf_xs.c — one XS_READ over /dev/xen/xenbus (see hnf_xs.h). The device
 * takes a struct xsd_sockmsg header followed by the payload and answers the
 * same way; an XS_ERROR reply carries the errno name instead of a value.
 */
#include "hnf_xs.h"

#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

/* Xen public io/xs_wire.h. */
struct xsd_sockmsg {
	uint32_t type, req_id, tx_id, len;
};
#define XS_READ  2
#define XS_ERROR 16

int hnf_xs_read(const char *path, char *val, size_t vlen)
{
	char buf[4096];
	struct xsd_sockmsg m = { .type = XS_READ, .req_id = 1, .len = (uint32_t)strlen(path) + 1 };
	ssize_t n;
	int fd, rc = -1;

	if (m.len > sizeof(buf) - sizeof(m) || vlen == 0)
		return -1;
	fd = open("/dev/xen/xenbus", O_RDWR);
	if (fd < 0)
		return -1;
	memcpy(buf, &m, sizeof(m));
	memcpy(buf + sizeof(m), path, m.len);
	if (write(fd, buf, sizeof(m) + m.len) != (ssize_t)(sizeof(m) + m.len))
		goto out;
	n = read(fd, buf, sizeof(buf) - 1);
	if (n < (ssize_t)sizeof(m))
		goto out;
	memcpy(&m, buf, sizeof(m));
	if (m.type == XS_ERROR || m.len >= vlen || (ssize_t)(sizeof(m) + m.len) > n)
		goto out;
	memcpy(val, buf + sizeof(m), m.len);
	val[m.len] = 0;
	rc = (int)m.len;
out:
	close(fd);
	return rc;
}
