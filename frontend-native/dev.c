// SPDX-License-Identifier: GPL-2.0
/*
 * dev.c — /dev/hypernfN, a netmap-ABI character device over one port
 * (shared/NETMAP-ABI.md). An application written for netmap opens it,
 * registers (NIOCCTRL REGISTER, API 14, or the legacy NIOCREGIF), mmaps the
 * region, and calls NIOCTXSYNC / NIOCRXSYNC, which become HyperNF sync
 * hypercalls: Xen switches the packets on this vCPU (in split mode a dom0
 * thread does the same sync for us, split.c). poll() syncs and then sleeps
 * on the port's event channel, which Xen signals when it has put packets in
 * our RX ring (and dom0 after each split-mode sync).
 *
 * One file descriptor at a time may hold the registration. While it does,
 * the region stays mapped even if the backend goes away (the port is then
 * "dying": syncs fail, poll reports an error); the last close tears down.
 * The device name in the request (nr_name) is not interpreted: the device
 * node already names the port.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "common.h"
#include "netmap/hnf_netmap.h"

struct hnff_file {
	struct hnff_port *port;
	bool registered;
};

static int hnff_open(struct inode *inode, struct file *file)
{
	struct hnff_port *port = container_of(file->private_data, struct hnff_port, misc);
	struct hnff_file *f;

	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	kref_get(&port->kref);
	f->port = port;
	file->private_data = f;
	return 0;
}

static int hnff_release(struct inode *inode, struct file *file)
{
	struct hnff_file *f = file->private_data;

	if (f->registered)
		hnff_port_released(f->port);
	hnff_port_put(f->port);
	kfree(f);
	return 0;
}

static int hnff_do_register(struct hnff_file *f)
{
	struct hnff_port *port = f->port;
	int err = 0;

	mutex_lock(&port->lock);
	if (f->registered)
		err = -EBUSY;
	else if (!port->connected || port->dying)
		err = -ENXIO;
	else if (port->registered)
		err = -EBUSY;
	else
		port->registered = f->registered = true;
	mutex_unlock(&port->lock);
	return err;
}

static u64 hnff_memsize(const struct hnff_port *port)
{
	return (u64)port->geo.nr_pages << PAGE_SHIFT;
}

static void hnff_fill_register(const struct hnff_port *port, struct nmreq_register *r)
{
	r->nr_offset = port->geo.nr_offset;
	r->nr_memsize = hnff_memsize(port);
	r->nr_tx_slots = port->geo.tx_slots;
	r->nr_rx_slots = port->geo.rx_slots;
	r->nr_tx_rings = 1;
	r->nr_rx_rings = 1;
	r->nr_host_tx_rings = 0;
	r->nr_host_rx_rings = 0;
	r->nr_mem_id = NETMAP_MEM_ID;
	r->nr_extra_bufs = 0;      /* the region has no spare buffers to give */
}

static long hnff_ctrl(struct hnff_file *f, void __user *uarg)
{
	struct hnff_port *port = f->port;
	struct nmreq_header hdr;
	struct nmreq_register reg;
	struct nmreq_port_info_get info;
	void __user *body;
	long err;

	if (copy_from_user(&hdr, uarg, sizeof(hdr)))
		return -EFAULT;
	if (hdr.nr_version != NETMAP_API)
		return -EINVAL;
	/* No option is implemented; netmap refuses unknown ones the same way. */
	if (hdr.nr_options)
		return -EOPNOTSUPP;
	body = u64_to_user_ptr(hdr.nr_body);

	switch (hdr.nr_reqtype) {
	case NETMAP_REQ_REGISTER:
		if (copy_from_user(&reg, body, sizeof(reg)))
			return -EFAULT;
		if (reg.nr_mode != 0 && reg.nr_mode != NR_REG_ALL_NIC &&
		    !(reg.nr_mode == NR_REG_ONE_NIC && reg.nr_ringid == 0))
			return -EINVAL;
		if (reg.nr_host_tx_rings || reg.nr_host_rx_rings)
			return -EINVAL;
		err = hnff_do_register(f);
		if (err)
			return err;
		hnff_fill_register(port, &reg);
		reg.nr_mode = NR_REG_ALL_NIC;
		return copy_to_user(body, &reg, sizeof(reg)) ? -EFAULT : 0;
	case NETMAP_REQ_PORT_INFO_GET:
		mutex_lock(&port->lock);
		err = port->connected && !port->dying ? 0 : -ENXIO;
		if (!err) {
			memset(&info, 0, sizeof(info));
			info.nr_memsize = hnff_memsize(port);
			info.nr_tx_slots = port->geo.tx_slots;
			info.nr_rx_slots = port->geo.rx_slots;
			info.nr_tx_rings = 1;
			info.nr_rx_rings = 1;
			info.nr_mem_id = NETMAP_MEM_ID;
		}
		mutex_unlock(&port->lock);
		if (err)
			return err;
		return copy_to_user(body, &info, sizeof(info)) ? -EFAULT : 0;
	default:
		return -EOPNOTSUPP;
	}
}

static long hnff_legacy(struct hnff_file *f, void __user *uarg, bool reg)
{
	struct hnff_port *port = f->port;
	struct nmreq_legacy req;
	long err = 0;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	if (req.nr_version < NETMAP_MIN_LEGACY_API || req.nr_version > NETMAP_API)
		return -EINVAL;
	if (hnff_memsize(port) > U32_MAX)
		return -E2BIG;      /* nr_memsize is 32 bits in this API */
	if (reg)
		err = hnff_do_register(f);
	else {
		mutex_lock(&port->lock);
		err = port->connected && !port->dying ? 0 : -ENXIO;
		mutex_unlock(&port->lock);
	}
	if (err)
		return err;
	req.nr_offset = port->geo.nr_offset;
	req.nr_memsize = hnff_memsize(port);
	req.nr_tx_slots = port->geo.tx_slots;
	req.nr_rx_slots = port->geo.rx_slots;
	req.nr_tx_rings = 1;
	req.nr_rx_rings = 1;
	req.nr_arg2 = NETMAP_MEM_ID;
	return copy_to_user(uarg, &req, sizeof(req)) ? -EFAULT : 0;
}

/* The registration keeps the port mapped, so no lock is needed here. */
static long hnff_sync(struct hnff_file *f, u32 flags)
{
	struct hnff_port *port = f->port;

	if (!f->registered)
		return -EINVAL;
	if (READ_ONCE(port->dying))
		return -ENXIO;
	if (!port->geo.have_hnf_port)
		return -EOPNOTSUPP;
	return hnff_port_sync(port, flags);
}

static long hnff_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct hnff_file *f = file->private_data;
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case NIOCCTRL:
		return hnff_ctrl(f, uarg);
	case NIOCGINFO:
		return hnff_legacy(f, uarg, false);
	case NIOCREGIF:
		return hnff_legacy(f, uarg, true);
	case NIOCTXSYNC:
		return hnff_sync(f, HYPERNF_SYNC_TX);
	case NIOCRXSYNC:
		return hnff_sync(f, HYPERNF_SYNC_RX);
	default:
		return -ENOTTY;
	}
}

static int hnff_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct hnff_file *f = file->private_data;
	struct hnff_port *port = f->port;
	int err;

	if (!f->registered)
		return -EINVAL;
	mutex_lock(&port->lock);
	err = port->dying ? -ENXIO : hnff_umap_mmap(port, vma);
	mutex_unlock(&port->lock);
	return err;
}

/* Slots the application may use: [cur, tail) (NETMAP-ABI.md, ownership). */
static bool hnff_ring_has_slots(struct hnff_port *port, u64 ring_ofs)
{
	u32 *cur = hnff_region_u32(port, ring_ofs + NMR_CUR);
	u32 *tail = hnff_region_u32(port, ring_ofs + NMR_TAIL);

	return cur && tail && READ_ONCE(*cur) != READ_ONCE(*tail);
}

static __poll_t hnff_poll(struct file *file, poll_table *wait)
{
	struct hnff_file *f = file->private_data;
	struct hnff_port *port = f->port;
	__poll_t want = poll_requested_events(wait);
	__poll_t mask = 0;

	if (!f->registered)
		return EPOLLERR;
	poll_wait(file, &port->wq, wait);
	if (READ_ONCE(port->dying))
		return EPOLLERR | EPOLLHUP;
	if (want & (EPOLLIN | EPOLLRDNORM)) {
		if (port->geo.have_hnf_port && hnff_port_poll_sync(port, HYPERNF_SYNC_RX))
			return EPOLLERR;
		if (hnff_ring_has_slots(port, port->geo.rx_ring_ofs))
			mask |= EPOLLIN | EPOLLRDNORM;
	}
	if (want & (EPOLLOUT | EPOLLWRNORM)) {
		if (port->geo.have_hnf_port && hnff_port_poll_sync(port, HYPERNF_SYNC_TX))
			return EPOLLERR;
		if (hnff_ring_has_slots(port, port->geo.tx_ring_ofs))
			mask |= EPOLLOUT | EPOLLWRNORM;
	}
	return mask;
}

static const struct file_operations hnff_fops = {
	.owner = THIS_MODULE,
	.open = hnff_open,
	.release = hnff_release,
	.unlocked_ioctl = hnff_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.mmap = hnff_mmap,
	.poll = hnff_poll,
	.llseek = noop_llseek,
};

int hnff_dev_register(struct hnff_port *port)
{
	int err;

	hnf_netmap_abi_checks();
	memset(&port->misc, 0, sizeof(port->misc));
	port->misc.minor = MISC_DYNAMIC_MINOR;
	port->misc.name = port->name;
	port->misc.fops = &hnff_fops;
	port->misc.mode = 0600;
	err = misc_register(&port->misc);
	if (!err)
		port->misc_registered = true;
	return err;
}

void hnff_dev_unregister(struct hnff_port *port)
{
	if (!port->misc_registered)
		return;
	misc_deregister(&port->misc);
	port->misc_registered = false;
}
