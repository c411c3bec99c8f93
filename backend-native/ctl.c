// SPDX-License-Identifier: GPL-2.0
/*
 * ctl.c — /dev/hypernf-ctl, the device tools/hnfctl.c drives (the ioctls
 * and their structs are in hnf_ctl_abi.h): attach and detach a NIC, list
 * every port with Xen's counters (HYPERNF_OP_STATS) and, for NICs, ours,
 * and read or set the switch's batch and mode (HYPERNF_OP_CONTROL).
 * Guest attach is not here: it is xenstore writes, which hnfctl makes
 * itself as any toolstack does (shared/DESIGN.md, "Control path").
 * Root only (mode 0600, and CAP_NET_ADMIN for changes).
 */
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/uaccess.h>

#include "common.h"

/* Both strings must end inside their fields. */
static int hnfb_ctl_nic_args(struct hnf_ctl_nic *req, bool need_name)
{
	if (strnlen(req->ifname, sizeof(req->ifname)) == sizeof(req->ifname) ||
	    !req->ifname[0])
		return -EINVAL;
	if (!need_name)
		return 0;
	if (strnlen(req->name, sizeof(req->name)) == sizeof(req->name))
		return -EINVAL;
	return hnfb_name_check(req->name);
}

static long hnfb_ctl_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;
	struct hypernf_control hctl;
	struct hnf_ctl_port port;
	struct hnf_ctl_nic req;
	long err;

	switch (cmd) {
	case HNF_CTL_NIC_ATTACH:
	case HNF_CTL_NIC_DETACH:
		if (!capable(CAP_NET_ADMIN))
			return -EPERM;
		if (copy_from_user(&req, uarg, sizeof(req)))
			return -EFAULT;
		err = hnfb_ctl_nic_args(&req, cmd == HNF_CTL_NIC_ATTACH);
		if (err)
			return err;
		if (cmd == HNF_CTL_NIC_DETACH)
			return hnfb_nic_detach(req.ifname);
		return hnfb_nic_attach(req.ifname, req.name, req.slots, req.buf_size);
	case HNF_CTL_PORT_GET:
		if (copy_from_user(&port, uarg, sizeof(port)))
			return -EFAULT;
		err = hnfb_ports_get(port.index, &port);
		if (err)
			return err;
		return copy_to_user(uarg, &port, sizeof(port)) ? -EFAULT : 0;
	case HNF_CTL_CONTROL:
		if (copy_from_user(&hctl, uarg, sizeof(hctl)))
			return -EFAULT;
		if (hctl.set && !capable(CAP_NET_ADMIN))
			return -EPERM;
		/*
		 * A mode change goes through split.c, which also tells every
		 * frontend (xenstore `mode`); Xen validates the rest.
		 */
		if (hctl.set & HYPERNF_CTL_SET_MODE) {
			err = hnfb_set_mode(hctl.mode);
			if (err)
				return err;
			hctl.set &= ~HYPERNF_CTL_SET_MODE;
		}
		err = hnfb_hc_control(&hctl);
		if (err)
			return err;
		return copy_to_user(uarg, &hctl, sizeof(hctl)) ? -EFAULT : 0;
	default:
		return -ENOTTY;
	}
}

static const struct file_operations hnfb_ctl_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = hnfb_ctl_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice hnfb_ctl_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "hypernf-ctl",
	.fops = &hnfb_ctl_fops,
	.mode = 0600,
};

int hnfb_ctl_init(void)
{
	return misc_register(&hnfb_ctl_misc);
}

void hnfb_ctl_exit(void)
{
	misc_deregister(&hnfb_ctl_misc);
}
