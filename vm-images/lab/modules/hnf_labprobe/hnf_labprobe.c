// SPDX-License-Identifier: GPL-2.0
/*
 * hnf_labprobe: the lab's test module, loaded in dom0 and in guests.
 *
 * On load it prints what the kernel believes about its Xen environment and
 * the hypervisor's answer to the xen_version hypercall (XENVER_version:
 * major << 16 | minor, and XENVER_extraversion; xen/include/public/version.h),
 * so a scenario can check that a module built by the lab really runs in a
 * PV dom0 or a PV guest under the Xen it expects.
 *
 * expect_initial=0|1 makes loading fail with -EINVAL when
 * xen_initial_domain() disagrees, so a module in the wrong domain fails
 * its insmod as well as the scenario's expected output.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <xen/xen.h>
#include <xen/interface/version.h>
#include <asm/xen/hypercall.h>

static int expect_initial = -1;
module_param(expect_initial, int, 0444);
MODULE_PARM_DESC(expect_initial,
		 "refuse to load unless xen_initial_domain() equals this (0 or 1); -1 checks nothing");

static int __init hnf_labprobe_init(void)
{
	int initial = xen_initial_domain() ? 1 : 0;
	int version = -1;
	struct xen_extraversion extra = { .extraversion = "" };

	/* Hypercalls exist only under Xen; elsewhere report "none". */
	if (xen_domain()) {
		version = HYPERVISOR_xen_version(XENVER_version, NULL);
		if (HYPERVISOR_xen_version(XENVER_extraversion, &extra) < 0)
			extra.extraversion[0] = '\0';
		extra.extraversion[sizeof(extra.extraversion) - 1] = '\0';
	}

	if (version >= 0)
		pr_info("xen_domain=%d xen_pv=%d initial_domain=%d xen_version=%d.%d%s\n",
			xen_domain() ? 1 : 0, xen_pv_domain() ? 1 : 0, initial,
			version >> 16, version & 0xffff, extra.extraversion);
	else
		pr_info("xen_domain=%d xen_pv=%d initial_domain=%d xen_version=none\n",
			xen_domain() ? 1 : 0, xen_pv_domain() ? 1 : 0, initial);

	if (expect_initial >= 0 && expect_initial != initial) {
		pr_err("initial_domain=%d but expect_initial=%d\n", initial, expect_initial);
		return -EINVAL;
	}
	return 0;
}

static void __exit hnf_labprobe_exit(void)
{
	pr_info("unloaded\n");
}

module_init(hnf_labprobe_init);
module_exit(hnf_labprobe_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("HyperNF lab probe: reports the Xen domain type and hypervisor version");
