# A guest's initramfs: busybox, /init, its Debian kernel modules, project
# modules, payload trees and its [guest NAME] steps.

LAB_GUEST_BASE_KMODS="xen-netfront"

# lab_stage_guest STAGE KERNEL_TREE KV NAME IP KMODS MODULE_KO_DIRS PAYLOADS
# (lists space-separated). Fills STAGE; `run` hashes and packs it.
lab_stage_guest() {
    local stage=$1 tree=$2 kv=$3 name=$4 ip=$5 kmods=$6 kodirs=$7 payloads=$8 a d
    mkdir -p "$stage"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,run,etc,hnf/steps,hnf/modules}
    cp /bin/busybox "$stage"/bin/busybox
    for a in $(/bin/busybox --list); do
        [ "$a" = busybox ] || ln -sf busybox "$stage/bin/$a"
    done
    cp "$LAB_DIR"/vm/guest-init "$stage"/init
    cp "$LAB_DIR"/vm/hnf-lib.sh "$stage"/hnf/hnf-lib.sh
    # shellcheck disable=SC2086
    lab_kmod_install "$tree" "$kv" "$stage" $kmods
    for d in $kodirs; do
        cp "$d"/*.ko "$stage"/hnf/modules/
    done
    for d in $payloads; do
        cp -a "$d"/. "$stage"/
    done
    cat >"$stage"/hnf/guest.conf <<EOC
HNF_GUEST='$name'
HNF_GUEST_IP='$ip'
HNF_BRIDGE_IP='$LAB_BRIDGE_IP'
HNF_KMODS='$kmods'
EOC
}

# Guest images above this size are gzip'd: dom0 carries every guest image in
# its own initramfs, and an initramfs unpacks into a tmpfs that may hold at
# most half of dom0's free memory, which the packed archive itself still
# occupies while it unpacks (an NF image's JRE and jar pushed the nf-chain
# scenario's dom0 past it: "Initramfs unpacking failed: write error").
# zstd, not gzip: libxenguest gunzips a gzip'd ramdisk itself, in xl's
# process in dom0 (xg_dom_core.c), which under emulation made the NF
# guest's xl create the slowest stage of nf-chain; a zstd archive is handed
# over as it is and the guest kernel unpacks it (CONFIG_RD_ZSTD), faster.
LAB_GUEST_GZIP_ABOVE=$((32 * 1024 * 1024))

lab_pack_guest_cpio() {
    local dir=$1 out=$2
    lab_pack_cpio "$dir" "$out.raw"
    if [ "$(stat -c %s "$out.raw")" -gt "$LAB_GUEST_GZIP_ABOVE" ]; then
        zstd -q -3 -c "$out.raw" >"$out.tmp"
        rm -f "$out.raw"
        mv "$out.tmp" "$out"
    else
        mv "$out.raw" "$out"
    fi
}
