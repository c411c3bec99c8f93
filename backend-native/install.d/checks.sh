# Preconditions, checked before anything is changed: the target is Debian 12,
# we are root, the machine is not a Xen guest, the inputs exist, and which
# kernel the modules are for.

# os-release(5): ID and VERSION_ID identify the distribution and release.
hnf_check_debian12() {
    local osr id ver pretty
    local link
    osr=$(hnf_path /etc/os-release)
    # An absolute link inside a root points into that root, not ours.
    if [ -L "$osr" ] && link=$(readlink "$osr") && [ "${link#/}" != "$link" ]; then
        osr=$(hnf_path "$link")
    fi
    [ -r "$osr" ] || osr=$(hnf_path /usr/lib/os-release)
    [ -r "$osr" ] || hnf_die "no /etc/os-release in ${HNF_ROOT:-/}: cannot tell which system this is; this script supports only Debian 12 (bookworm)"
    id=$(sed -n 's/^ID=//p' "$osr" | tr -d '"')
    ver=$(sed -n 's/^VERSION_ID=//p' "$osr" | tr -d '"')
    pretty=$(sed -n 's/^PRETTY_NAME=//p' "$osr" | tr -d '"')
    if [ "$id" != debian ] || [ "$ver" != 12 ]; then
        hnf_die "${HNF_ROOT:-this machine} runs '${pretty:-$id $ver}' (ID=$id VERSION_ID=$ver), not Debian 12 (bookworm); the install script supports only a Debian 12 dom0 with Xen 4.17"
    fi
    HNF_OS=$pretty
}

hnf_check_root() {
    [ "$(id -u)" = 0 ] || hnf_die "run as root (apt-get, dkms and /boot need it); --dry-run works without"
}

# Installing onto a running system only makes sense outside a Xen guest: a
# domU can neither load hnf_back nor boot a hypervisor. Not running under
# Xen yet is normal (the hypervisor is installed, then the machine reboots).
hnf_check_not_domu() {
    local caps=/proc/xen/capabilities
    [ -z "$HNF_ROOT" ] || return 0
    if [ -r /sys/hypervisor/type ] && [ "$(cat /sys/hypervisor/type)" = xen ]; then
        if [ -r "$caps" ] && ! grep -q control_d "$caps"; then
            hnf_die "this machine is a Xen guest (domU: $caps has no control_d); install HyperNF's backend in dom0"
        fi
        HNF_RUNNING_XEN=dom0
    else
        HNF_RUNNING_XEN=none
    fi
}

# The kernel the modules are built for: --kernel, else the running one on
# a live system, else the only kernel installed in the root.
hnf_pick_kernel() {
    local kvs
    [ -n "$HNF_KV" ] && return 0
    if [ -z "$HNF_ROOT" ]; then
        HNF_KV=$(uname -r)
        return 0
    fi
    kvs=$(cd "$HNF_ROOT/lib/modules" 2>/dev/null && for d in */kernel; do [ -d "$d" ] && echo "${d%/kernel}"; done) || kvs=""
    case $(printf '%s\n' $kvs | grep -c .) in
        1) HNF_KV=$kvs ;;
        0) hnf_die "no kernel installed in $HNF_ROOT/lib/modules; name the target kernel with --kernel VERSION (e.g. 6.1.0-56-amd64)" ;;
        *) hnf_die "several kernels in $HNF_ROOT/lib/modules ($(echo $kvs)); choose one with --kernel VERSION" ;;
    esac
}

hnf_check_kernel_name() {
    case $HNF_KV in
        ''|*[!A-Za-z0-9._+-]*) hnf_die "kernel version '$HNF_KV' is not a kernel release name (like 6.1.0-56-amd64)" ;;
    esac
}

# A Xen image must be a multiboot kernel: an ELF (what Xen's build leaves in
# xen/xen) or the same gzipped (Debian's /boot/xen-4.17-amd64.gz). The
# multiboot header's magic sits in the first 8 KiB (multiboot 1, 0x1BADB002)
# or 32 KiB (multiboot 2, 0xE85250D6), little-endian.
hnf_check_xen_image() {
    local file=$1 head
    [ -e "$file" ] || hnf_die "--xen $file: no such file"
    [ -f "$file" ] && [ -r "$file" ] || hnf_die "--xen $file: not a readable file"
    if gzip -t "$file" 2>/dev/null; then
        head=$({ gzip -dc "$file" 2>/dev/null || true; } | head -c 32768 | od -An -v -tx1 | tr -s ' \n' '  ')
    else
        head=$(head -c 32768 "$file" | od -An -v -tx1 | tr -s ' \n' '  ')
    fi
    case $head in
        " 7f 45 4c 46 "*) ;;
        *) hnf_die "--xen $file: not an ELF image (nor a gzipped one); give Xen's xen/xen or a xen-*.gz" ;;
    esac
    case $head in
        *" 02 b0 ad 1b "*|*" d6 50 52 e8 "*) ;;
        *) hnf_die "--xen $file: an ELF without a multiboot header in its first 32 KiB, so not a Xen hypervisor image" ;;
    esac
}
