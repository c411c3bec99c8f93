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
	int err = hnfb_split_init();

	return err ?: hnfb_xenbus_init();
}
module_init(hnfb_init);

static void __exit hnfb_exit(void)
{
	hnfb_xenbus_exit();
}
module_exit(hnfb_exit);
