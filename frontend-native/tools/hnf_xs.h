/*
 * hnf_xs.h — reading one xenstore node from a guest's user space through
 * /dev/xen/xenbus (the wire protocol of Xen's public io/xs_wire.h). Used
 * by hnf-hostile (a port's Xen id) and hnf-xs (scenario signals).
 */
#ifndef HNF_XS_H
#define HNF_XS_H

#include <stddef.h>

/*
 * Reads PATH (absolute, or relative to this domain's home) into val
 * (NUL-terminated). Returns the value's length, or -1 if the node does not
 * exist, cannot be read, or does not fit in vlen bytes.
 */
int hnf_xs_read(const char *path, char *val, size_t vlen);

#endif
