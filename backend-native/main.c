// SPDX-License-Identifier: GPL-2.0
/*
 * hnf_back — the dom0 half of HyperNF (shared/DESIGN.md).
 *
 * Roadmap (one guest port, from attach to teardown):
 *   toolstack writes backend/hypernf/<domid>/<id>  -> xenbus.c  hnfb_probe()
 *   state machine (one function)                   -> xenbus.c  hnfb_set_state()
 *   region in the netmap layout                    -> region.c  hnfb_layout_compute(),
 *                                                                hnfb_region_alloc()
 *   Xen takes the frames (HYPERNF_OP_PORT_REGISTER) -> hypercall.c hnfb_hc_register()
 *   grants + ref list + event channel + xenstore   -> interface.c hnfb_port_create()
 *   frontend Connected                             -> xenbus.c  hnfb_frontend_changed()
 *   frontend Closing/Closed, rmmod                 -> interface.c hnfb_port_destroy()
 * Ports dom0 owns itself (Xen switches them as it does a guest's):
 *   region + register (owner dom0) + own evtchn   -> dport.c   hnfb_dport_create()
 *   a dom0 program opens valeX:Y (netmap ABI)     -> localport.c hnfb_lp_ctrl()
 *     NIOCTXSYNC/NIOCRXSYNC = HYPERNF_OP_SYNC     -> localport.c hnfb_lp_sync()
 *   NIC frame in -> port TX ring, synced          -> nic.c     hnfb_nic_rx()
 *   port RX ring -> dev_queue_xmit (kthread)      -> nic.c     hnfb_nic_thread()
 *   hnfctl: NIC attach, list + counters, batch    -> ctl.c     hnfb_ctl_ioctl()
 * The data path is not here: the guest's txsync is a hypercall and Xen
 * switches the packets (patches/switch-core). In split mode (parameter
 * `mode`) a dom0 thread per port issues that hypercall for the guest when
 * it kicks its event channel                       -> split.c   hnfb_split_start(),
 *                                                              hnfb_set_mode()
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <xen/xen.h>

#include "common.h"

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("HyperNF backend: netmap-ABI port memory for Xen guests");
MODULE_ALIAS("xen-backend:hypernf");

unsigned int hnfb_slots = 256;
module_param_named(slots, hnfb_slots, uint, 0644);
MODULE_PARM_DESC(slots, "slots per TX and per RX ring of a new port (2..16384; xenstore want-slots overrides)");

unsigned int hnfb_buf_size = 2048;
module_param_named(buf_size, hnfb_buf_size, uint, 0644);
MODULE_PARM_DESC(buf_size, "bytes per packet buffer of a new port (64..65535; xenstore want-buf-size overrides)");

static int __init hnfb_init(void)
{
	if (!xen_domain() || !xen_initial_domain()) {
		pr_err("hnf_back: runs only in Xen's dom0\n");
		return -ENODEV;
	}
	int err;

	err = hnfb_split_init();
	if (err)
		return err;
	err = hnfb_nic_init();
	if (err)
		return err;
	err = hnfb_localport_init();
	if (err)
		goto cleanup_nic;
	err = hnfb_ctl_init();
	if (err)
		goto cleanup_localport;
	err = hnfb_xenbus_init();
	if (err)
		goto cleanup_ctl;
	return 0;

cleanup_ctl:
	hnfb_ctl_exit();
cleanup_localport:
	hnfb_localport_exit();
cleanup_nic:
	hnfb_nic_exit();
	return err;
}
module_init(hnfb_init);

static void __exit hnfb_exit(void)
{
	hnfb_xenbus_exit();
	hnfb_ctl_exit();
	/* Open /dev/hypernf-dom0 files pin the module: none is left here. */
	hnfb_localport_exit();
	hnfb_nic_exit();
}
module_exit(hnfb_exit);
