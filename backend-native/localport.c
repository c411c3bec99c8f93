// SPDX-License-Identifier: GPL-2.0
/*
 * localport.c — /dev/hypernf-dom0: a dom0 program opens a switch port by
 * its VALE name with the netmap ABI (shared/NETMAP-ABI.md), as it would
 * open /dev/netmap with "valex:vtx" on a host with netmap.
 *
 * NIOCCTRL REGISTER (API 14) or legacy NIOCREGIF names the port in nr_name;
 * the port is created by that request (VALE creates ports on first open)
 * and belongs to this file descriptor: a name already in use, by a guest
 * or another descriptor, is refused with EBUSY. The region is allocated
 * here and registered with Xen with dom0 as owner (dport.c); mmap hands the
 * region's own pages to the process; NIOCTXSYNC / NIOCRXSYNC are
 * HYPERNF_OP_SYNC hypercalls; poll() syncs and sleeps on the port's event
 * channel. The last close takes the port off the switch and frees it (the
 * mapping holds the file open, so no process can still see the pages).
 *
 * Requests are checked as the guest's device does (frontend-native/dev.c):
 * API version 14 only, no options, one ring pair, no host rings.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "common.h"
#include "netmap/hnf_netmap.h"

struct hnfb_lfile {
	struct mutex lock;              /* registration */
	struct hnfb_dport *dp;          /* set once by REGISTER, until release */
};

static int hnfb_lp_open(struct inode *inode, struct file *file)
{
	struct hnfb_lfile *lf = kzalloc(sizeof(*lf), GFP_KERNEL);

	if (!lf)
		return -ENOMEM;
	mutex_init(&lf->lock);
	file->private_data = lf;
	return 0;
}

static int hnfb_lp_release(struct inode *inode, struct file *file)
{
	struct hnfb_lfile *lf = file->private_data;

	if (lf->dp)
		hnfb_dport_destroy(lf->dp);
	kfree(lf);
	return 0;
}

/* The name must be NUL-terminated inside its field and SWITCH:PORT. */
static int hnfb_lp_name(const char *field, size_t size, char *name)
{
	if (strnlen(field, size) == size)
		return -EINVAL;
	strscpy(name, field, HNFB_NAME_LEN);
	return hnfb_name_check(name);
}

static int hnfb_lp_register(struct hnfb_lfile *lf, const char *name,
			    u32 tx_slots, u32 rx_slots)
{
	struct hnfb_dport *dp;
	int err = 0;

	mutex_lock(&lf->lock);
	if (lf->dp) {
		err = -EBUSY;
		goto unlock;
	}
	dp = hnfb_dport_create(HNFB_DPORT_LOCAL, name, tx_slots ?: hnfb_slots,
			       rx_slots ?: hnfb_slots, hnfb_buf_size, lf);
	if (IS_ERR(dp))
		err = PTR_ERR(dp);
	else
		WRITE_ONCE(lf->dp, dp);
unlock:
	mutex_unlock(&lf->lock);
	return err;
}

/* Geometry of this fd's port, or of the port a REGISTER would create. */
static int hnfb_lp_layout(struct hnfb_lfile *lf, struct hnfb_layout *l)
{
	struct hnfb_dport *dp = READ_ONCE(lf->dp);

	if (dp) {
		*l = dp->region.layout;
		return 0;
	}
	return hnfb_layout_compute(l, hnfb_slots, hnfb_slots, hnfb_buf_size);
}

static long hnfb_lp_ctrl(struct hnfb_lfile *lf, void __user *uarg)
{
	char name[HNFB_NAME_LEN];
	struct nmreq_header hdr;
	struct nmreq_register reg;
	struct nmreq_port_info_get info;
	struct hnfb_layout l;
	void __user *body;
	long err;

	if (copy_from_user(&hdr, uarg, sizeof(hdr)))
		return -EFAULT;
	if (hdr.nr_version != NETMAP_API)
		return -EINVAL;
	if (hdr.nr_options)
		return -EOPNOTSUPP;
	err = hnfb_lp_name(hdr.nr_name, sizeof(hdr.nr_name), name);
	if (err)
		return err;
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
		if (reg.nr_tx_rings > 1 || reg.nr_rx_rings > 1)
			return -EINVAL;
		err = hnfb_lp_register(lf, name, reg.nr_tx_slots, reg.nr_rx_slots);
		if (err)
			return err;
		l = lf->dp->region.layout;
		reg.nr_offset = 0;
		reg.nr_memsize = (u64)l.nr_pages << PAGE_SHIFT;
		reg.nr_tx_slots = l.tx_slots;
		reg.nr_rx_slots = l.rx_slots;
		reg.nr_tx_rings = 1;
		reg.nr_rx_rings = 1;
		reg.nr_host_tx_rings = 0;
		reg.nr_host_rx_rings = 0;
		reg.nr_mem_id = NETMAP_MEM_ID;
		reg.nr_extra_bufs = 0;
		reg.nr_mode = NR_REG_ALL_NIC;
		return copy_to_user(body, &reg, sizeof(reg)) ? -EFAULT : 0;
	case NETMAP_REQ_PORT_INFO_GET:
		err = hnfb_lp_layout(lf, &l);
		if (err)
			return err;
		memset(&info, 0, sizeof(info));
		info.nr_memsize = (u64)l.nr_pages << PAGE_SHIFT;
		info.nr_tx_slots = l.tx_slots;
		info.nr_rx_slots = l.rx_slots;
		info.nr_tx_rings = 1;
		info.nr_rx_rings = 1;
		info.nr_mem_id = NETMAP_MEM_ID;
		return copy_to_user(body, &info, sizeof(info)) ? -EFAULT : 0;
	default:
		return -EOPNOTSUPP;
	}
}

static long hnfb_lp_legacy(struct hnfb_lfile *lf, void __user *uarg, bool reg)
{
	char name[HNFB_NAME_LEN];
	struct nmreq_legacy req;
	struct hnfb_layout l;
	long err;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	if (req.nr_version < NETMAP_MIN_LEGACY_API || req.nr_version > NETMAP_API)
		return -EINVAL;
	err = hnfb_lp_name(req.nr_name, sizeof(req.nr_name), name);
	if (err)
		return err;
	if (reg)
		err = hnfb_lp_register(lf, name, req.nr_tx_slots, req.nr_rx_slots);
	if (err)
		return err;
	err = hnfb_lp_layout(lf, &l);
	if (err)
		return err;
	if ((u64)l.nr_pages << PAGE_SHIFT > U32_MAX)
		return -E2BIG;      /* nr_memsize is 32 bits in this API */
	req.nr_offset = 0;
	req.nr_memsize = l.nr_pages << PAGE_SHIFT;
	req.nr_tx_slots = l.tx_slots;
	req.nr_rx_slots = l.rx_slots;
	req.nr_tx_rings = 1;
	req.nr_rx_rings = 1;
	req.nr_arg2 = NETMAP_MEM_ID;
	return copy_to_user(uarg, &req, sizeof(req)) ? -EFAULT : 0;
}

static long hnfb_lp_sync(struct hnfb_lfile *lf, u32 flags)
{
	struct hnfb_dport *dp = READ_ONCE(lf->dp);

	if (!dp)
		return -EINVAL;
	return hnfb_hc_sync(dp->hnf_port, flags);
}

static long hnfb_lp_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct hnfb_lfile *lf = file->private_data;
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case NIOCCTRL:
		return hnfb_lp_ctrl(lf, uarg);
	case NIOCGINFO:
		return hnfb_lp_legacy(lf, uarg, false);
	case NIOCREGIF:
		return hnfb_lp_legacy(lf, uarg, true);
	case NIOCTXSYNC:
		return hnfb_lp_sync(lf, HYPERNF_SYNC_TX);
	case NIOCRXSYNC:
		return hnfb_lp_sync(lf, HYPERNF_SYNC_RX);
	default:
		return -ENOTTY;
	}
}

/* The region's pages are dom0's own: they map like any kernel page. */
static int hnfb_lp_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct hnfb_lfile *lf = file->private_data;
	struct hnfb_dport *dp = READ_ONCE(lf->dp);
	unsigned long nr_pages;

	if (!dp)
		return -EINVAL;
	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;       /* a private copy would not see the rings move */
	nr_pages = dp->region.layout.nr_pages;
	if (vma->vm_pgoff >= nr_pages || vma_pages(vma) > nr_pages - vma->vm_pgoff)
		return -EINVAL;
	vma->vm_flags |= VM_DONTEXPAND | VM_DONTDUMP | VM_DONTCOPY;
	return vm_map_pages(vma, dp->region.pages, nr_pages);
}

/* Slots the application may use: [cur, tail) (NETMAP-ABI.md, ownership). */
static bool hnfb_lp_ring_has_slots(struct hnfb_dport *dp, bool rx)
{
	return READ_ONCE(*hnfb_ring_u32(dp, rx, NMR_CUR)) !=
	       READ_ONCE(*hnfb_ring_u32(dp, rx, NMR_TAIL));
}

static __poll_t hnfb_lp_poll(struct file *file, poll_table *wait)
{
	struct hnfb_lfile *lf = file->private_data;
	struct hnfb_dport *dp = READ_ONCE(lf->dp);
	__poll_t want = poll_requested_events(wait);
	__poll_t mask = 0;

	if (!dp)
		return EPOLLERR;
	poll_wait(file, &dp->wq, wait);
	if (want & (EPOLLIN | EPOLLRDNORM)) {
		if (hnfb_hc_sync(dp->hnf_port, HYPERNF_SYNC_RX))
			return EPOLLERR;
		if (hnfb_lp_ring_has_slots(dp, true))
			mask |= EPOLLIN | EPOLLRDNORM;
	}
	if (want & (EPOLLOUT | EPOLLWRNORM)) {
		if (hnfb_hc_sync(dp->hnf_port, HYPERNF_SYNC_TX))
			return EPOLLERR;
		if (hnfb_lp_ring_has_slots(dp, false))
			mask |= EPOLLOUT | EPOLLWRNORM;
	}
	return mask;
}

static const struct file_operations hnfb_lp_fops = {
	.owner = THIS_MODULE,
	.open = hnfb_lp_open,
	.release = hnfb_lp_release,
	.unlocked_ioctl = hnfb_lp_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.mmap = hnfb_lp_mmap,
	.poll = hnfb_lp_poll,
	.llseek = noop_llseek,
};

static struct miscdevice hnfb_lp_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "hypernf-dom0",
	.fops = &hnfb_lp_fops,
	.mode = 0600,
};

int hnfb_localport_init(void)
{
	hnf_netmap_abi_checks();
	return misc_register(&hnfb_lp_misc);
}

void hnfb_localport_exit(void)
{
	misc_deregister(&hnfb_lp_misc);
}
