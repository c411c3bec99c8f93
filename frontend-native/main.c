// SPDX-License-Identifier: GPL-2.0
/*
 * hnf_front — the guest half of HyperNF (shared/DESIGN.md).
 *
 * Roadmap (one port, from attach to a packet leaving):
 *   toolstack writes device/hypernf/<id>     -> xenbus.c    hnff_probe()
 *   state machine (one function)             -> xenbus.c    hnff_set_state()
 *   backend InitWait: read refs + geometry   -> interface.c hnff_read_geometry(),
 *                                               map.c       hnff_read_ref_list()
 *   map the region into the kernel           -> map.c       hnff_kmap_map()
 *   check the netmap_if, bind evtchn, tell Xen -> interface.c hnff_port_connect()
 *   /dev/hypernfN appears                    -> dev.c       hnff_dev_register()
 *   app: NIOCCTRL REGISTER / NIOCREGIF       -> dev.c       hnff_ctrl(), hnff_legacy()
 *   app: mmap (grants into the app's PTEs)   -> map.c       hnff_umap_mmap()
 *   app: NIOCTXSYNC = hypercall, Xen switches -> dev.c      hnff_sync(),
 *                                               split.c     hnff_port_sync(),
 *                                               hypercall.c hnff_hc_sync()
 *   (split mode: dom0 syncs for us, we wait)  -> split.c     hnff_split_sync()
 *   Xen signals our RX: poll() wakes         -> interface.c hnff_interrupt(),
 *                                               dev.c       hnff_poll()
 *   backend goes away / rmmod / last close   -> xenbus.c    hnff_teardown()
 */
#include <linux/module.h>
#include <xen/xen.h>

#include "common.h"

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("HyperNF frontend: netmap-ABI device whose syncs are Xen hypercalls");
MODULE_ALIAS("xen:hypernf");

static int __init hnff_init(void)
{
	if (!xen_domain()) {
		pr_err("hnf_front: runs only in a Xen guest\n");
		return -ENODEV;
	}
	return hnff_xenbus_init();
}
module_init(hnff_init);

static void __exit hnff_exit(void)
{
	hnff_xenbus_exit();
}
module_exit(hnff_exit);
