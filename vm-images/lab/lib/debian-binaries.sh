# Debian binary packages used inside the lab (kernel image, Xen hypervisor):
# downloaded with `apt-get download`, unpacked with `dpkg -x`, never
# installed on the host. Both steps are cached by package version.

# Candidate version of a package, from the host's apt lists.
lab_deb_version() {
    apt-cache policy "$1" | awk '/Candidate:/ { print $2; exit }'
}

# Directory where PKG at VERSION is (or will be) unpacked.
lab_deb_tree() {
    printf '%s/ext/%s_%s\n' "$LAB_CACHE" "$1" "${2//:/%3a}"
}

# Download and unpack PKG=VERSION into lab_deb_tree; run as a stage.
lab_fetch_deb() {
    local pkg=$1 ver=$2 tree tmp deb
    tree=$(lab_deb_tree "$pkg" "$ver")
    mkdir -p "$LAB_CACHE/debs" "$LAB_CACHE/ext"
    deb=$(find "$LAB_CACHE/debs" -maxdepth 1 -name "${pkg}_${ver//:/%3a}_*.deb" | head -n1)
    if [ -z "$deb" ] || [ "${LAB_NO_CACHE:-0}" = 1 ]; then
        tmp=$(mktemp -d "$LAB_CACHE/debs/.dl.XXXXXX")
        (cd "$tmp" && apt-get download "$pkg=$ver")
        deb=$(find "$tmp" -maxdepth 1 -name '*.deb' | head -n1)
        [ -n "$deb" ] || { echo "apt-get download $pkg=$ver produced no .deb" >&2; return 1; }
        mv "$deb" "$LAB_CACHE/debs/"
        deb=$LAB_CACHE/debs/$(basename "$deb")
        rm -rf "$tmp"
    fi
    tmp=$(mktemp -d "$LAB_CACHE/ext/.x.XXXXXX")
    dpkg -x "$deb" "$tmp"
    lab_cache_put "$tmp" "$tree"
}

# modules.dep is written by the package's postinst, which we never run:
# generate it once so modprobe can resolve dependencies in the tree.
lab_prepare_kernel_tree() {
    local tree=$1 kv=$2
    depmod -b "$tree" "$kv"
    touch "$tree/.lab-depmod-done"
}

# Debian ships Xen as a gzipped multiboot ELF; QEMU's -kernel loads the
# uncompressed ELF directly.
lab_unpack_debian_xen() {
    local tree=$1 out=$2
    zcat "$tree"/boot/xen-4.17-amd64.gz >"$out.tmp"
    mv "$out.tmp" "$out"
}

lab_fetch_kernel_image() {
    local pkg=$1 ver=$2 kv=$3
    lab_fetch_deb "$pkg" "$ver"
    lab_prepare_kernel_tree "$(lab_deb_tree "$pkg" "$ver")" "$kv"
}

lab_fetch_debian_xen() {
    local pkg=$1 ver=$2 out=$3
    lab_fetch_deb "$pkg" "$ver"
    mkdir -p "$(dirname "$out")"
    lab_unpack_debian_xen "$(lab_deb_tree "$pkg" "$ver")" "$out"
}

# The project's Xen: patches/build-xen.sh OUTDIR must leave OUTDIR/xen.elf.
lab_build_patched_xen() {
    local script=$1 out=$2
    rm -rf "$out.tmp"
    mkdir -p "$out.tmp"
    HNF_XEN_CACHE=$LAB_CACHE/xen-build bash "$script" "$out.tmp"
    if [ ! -s "$out.tmp/xen.elf" ]; then
        echo "$script finished but left no $out.tmp/xen.elf" >&2
        return 1
    fi
    lab_cache_put "$out.tmp" "$out"
}

# Debian's bzImage carries an xz-compressed ELF (CONFIG_KERNEL_XZ). Both
# Xen (for dom0) and libxc (for PV guests) would unpack it under emulation,
# which costs tens of seconds per boot under TCG; hand them the ELF instead.
# The payload starts at the xz stream magic FD 37 7A 58 5A 00.
lab_extract_vmlinux() {
    local vmlinuz=$1 out=$2 off
    off=$(LC_ALL=C grep -abo -m1 $'\xfd7zXZ' "$vmlinuz" | awk -F: 'NR == 1 { print $1 }')
    if [ -z "$off" ]; then
        echo "no xz payload in $vmlinuz; the compressed image is used as is"
        cp "$vmlinuz" "$out.tmp"
    else
        # xz stops at the end of its stream; the rest of the bzImage is not
        # read, so tail runs outside the pipeline to keep its SIGPIPE quiet.
        xz -dc --single-stream <(tail -c +$((off + 1)) "$vmlinuz") >"$out.tmp"
        if [ "$(head -c 4 "$out.tmp" | od -An -c | tr -d ' ')" != '177ELF' ]; then
            echo "the xz payload of $vmlinuz is not an ELF image" >&2
            return 1
        fi
    fi
    mv "$out.tmp" "$out"
}
