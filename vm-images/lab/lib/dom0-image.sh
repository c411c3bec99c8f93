# dom0's initramfs, in two concatenated cpio archives (the kernel unpacks
# them in order, later files winning):
#   base    - debootstrap minbase root with the Xen tools, Debian kernel
#             modules and the guest kernel; big, slow, cached by its inputs
#   overlay - /init, the scenario's steps, project modules, guest images;
#             small, rebuilt every run

LAB_SUITE=bookworm
LAB_ROOTFS_PACKAGES=xen-utils-4.17,busybox,kmod,iproute2,procps
# Modules the toolstack and the lab's network need in every dom0
# (xen-init-dom0 and xl need evtchn/gntdev/privcmd/xenfs; vifs need
# xen-netback and a bridge; the QEMU NIC is an e1000).
LAB_DOM0_BASE_KMODS="xen-evtchn xen-gntdev xen-gntalloc xen-privcmd xenfs xen-netback bridge e1000"

lab_rootfs_key() {
    lab_hash_strings "$LAB_SUITE" minbase "$LAB_ROOTFS_PACKAGES"
}

lab_build_rootfs() {
    local out=$1 mirror=$2 tmp
    mkdir -p "$(dirname "$out")"
    tmp=$out.tmp.$$
    rm -rf "$tmp"
    debootstrap --variant=minbase --include="$LAB_ROOTFS_PACKAGES" "$LAB_SUITE" "$tmp" "$mirror"
    rm -rf "$tmp"/var/cache/apt/archives/*.deb "$tmp"/var/lib/apt/lists/*
    lab_cache_put "$tmp" "$out"
}

# lab_build_dom0_base OUT ROOTFS KERNEL_TREE KV GUEST_KERNEL KMODS...
lab_build_dom0_base() {
    local out=$1 rootfs=$2 tree=$3 kv=$4 kernel=$5 stage
    shift 5
    stage=$(mktemp -d "${TMPDIR:-/tmp}/lab-dom0.XXXXXX")
    cp -a "$rootfs"/. "$stage"/
    rm -rf "$stage"/usr/share/doc "$stage"/usr/share/man "$stage"/usr/share/locale "$stage"/usr/share/info
    lab_kmod_install "$tree" "$kv" "$stage" "$@"
    mkdir -p "$stage"/hnf/boot
    cp "$kernel" "$stage"/hnf/boot/vmlinux
    mkdir -p "$(dirname "$out")"
    lab_pack_cpio "$stage" "$out"
    rm -rf "$stage"
}

# lab_build_dom0_overlay STAGE OUT: STAGE was filled by `run` (steps,
# guest images, modules); add the machinery's files and pack it.
lab_build_dom0_overlay() {
    local stage=$1 out=$2
    cp "$LAB_DIR"/vm/dom0-init "$stage"/init
    cp "$LAB_DIR"/vm/hnf-lib.sh "$stage"/hnf/hnf-lib.sh
    cp "$LAB_DIR"/vm/vif-hotplug "$stage"/hnf/vif-hotplug
    lab_pack_cpio "$stage" "$out"
}

lab_join_cpio() {
    local out=$1
    shift
    cat "$@" >"$out.tmp"
    mv "$out.tmp" "$out"
}
