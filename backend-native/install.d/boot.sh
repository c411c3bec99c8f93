# What the booted dom0 needs beyond files: hnf_back loaded at boot
# (modules-load.d(5)), its parameters (modprobe.d(5)), and Xen's command
# line in GRUB (Debian's 20_linux_xen reads GRUB_CMDLINE_XEN_DEFAULT from
# /etc/default/grub and /etc/default/grub.d/*.cfg).

HNF_GRUB_CFG=/etc/default/grub.d/hypernf.cfg
HNF_GRUB_STAMP=/var/lib/hypernf/grub.stamp

hnf_install_module_config() {
    hnf_put_text /etc/modules-load.d/hypernf.conf 644 <<EOC
# HyperNF: the dom0 backend (hnf_back). Written by backend-native/install.
hnf_back
EOC
    hnf_put_text /etc/modprobe.d/hypernf.conf 644 <<EOC
# HyperNF backend defaults for new ports; a toolstack may override them per
# port with want-slots / want-buf-size. Written by backend-native/install.
options hnf_back slots=$HNF_SLOTS buf_size=$HNF_BUF_SIZE
EOC
}

# gnttab_max_frames: dom0 grants every page of every port region to its
# guest, 512 grant entries per frame (v1 entries are 8 bytes); Xen 4.17's
# default of 64 frames would limit dom0 to 32768 granted pages.
# dom0_mem with max: fixes dom0's memory and keeps it from ballooning.
# Xen's own docs: docs/misc/xen-command-line.pandoc.
hnf_install_grub_config() {
    cat >"$HNF_TMP/hypernf.cfg" <<EOC
# HyperNF: Xen command line for a HyperNF dom0. Written by
# backend-native/install (run it again with other --gnttab-max-frames or
# --dom0-mem values rather than editing this file).
GRUB_CMDLINE_XEN_DEFAULT="\$GRUB_CMDLINE_XEN_DEFAULT gnttab_max_frames=$HNF_GNTTAB_FRAMES dom0_mem=$HNF_DOM0_MEM"
# Boot Xen by default, as Debian's xen.cfg does when its hypervisor
# package is installed (it is not when --xen gave the hypervisor).
if [ ! -e /etc/default/grub.d/xen.cfg ]; then
    GRUB_DEFAULT="\$GRUB_DISTRIBUTOR GNU/Linux, with Xen hypervisor"
fi
EOC
    hnf_put_file "$HNF_TMP/hypernf.cfg" "$HNF_GRUB_CFG" 644
}

# update-grub runs when GRUB's inputs we own (our config, the hypervisor)
# differ from what it last saw: a stamp records their hash after a
# successful run, so a failed update-grub is retried by the next run.
hnf_update_grub() {
    local want have=""
    want=$(cat "$HNF_TMP/grub-inputs" 2>/dev/null | sha256sum | cut -c1-16)
    [ -f "$(hnf_path "$HNF_GRUB_STAMP")" ] && have=$(cat "$(hnf_path "$HNF_GRUB_STAMP")")
    if [ ! -x "$(hnf_path /usr/sbin/update-grub)" ]; then
        hnf_say "grub: no update-grub in ${HNF_ROOT:-/} (GRUB not installed); Xen's options are in $HNF_GRUB_CFG for when it is"
        return 0
    fi
    [ "$want" = "$have" ] && return 0
    hnf_target_mounts_up
    if [ -n "$HNF_ROOT" ]; then
        # In an image root grub-probe cannot see the disk the image will
        # boot from; the image must run update-grub itself then.
        if ! hnf_change "run update-grub in $HNF_ROOT" hnf_in_target update-grub; then
            hnf_warn "update-grub failed inside $HNF_ROOT (normal in a chroot without the target disk); run update-grub once the image boots"
            return 0
        fi
    else
        hnf_change "run update-grub" update-grub || hnf_die "update-grub failed; fix GRUB, then run this script again"
    fi
    printf '%s\n' "$want" >"$HNF_TMP/grub.stamp"
    hnf_put_file "$HNF_TMP/grub.stamp" "$HNF_GRUB_STAMP" 644
}

hnf_record_grub_inputs() {
    {
        cat "$HNF_TMP/hypernf.cfg"
        [ -n "${HNF_XEN_GZ:-}" ] && sha256sum <"$HNF_XEN_GZ"
    } >"$HNF_TMP/grub-inputs"
}
