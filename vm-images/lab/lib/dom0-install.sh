# dom0's HyperNF files come from the project's own installer,
# backend-native/install, run against a copy of dom0's root exactly as an
# administrator would run it against an image (--root, --kernel, --xen), so
# every lab run exercises the script. Two cache entries:
#   install-deps/KEY/  dom0's debootstrap root plus the installer's build
#                      dependencies (install --deps-only); big, rarely rebuilt
#   install/KEY/       what one full install produced: overlay/ (every file
#                      of its manifest except the DKMS source tree) and
#                      modules/<module dir>/*.ko (the DKMS builds); small,
#                      rebuilt when the modules' sources, the installer or
#                      Xen change
# The scenarios' module dirs backend-native and frontend-native take their
# .ko from modules/, so the modules the guests load are the DKMS builds.

LAB_INSTALLER_REL=backend-native/install
# Module source dirs the installer registers with DKMS.
LAB_INSTALLER_MODULE_DIRS="backend-native frontend-native"

lab_installer_present() {
    [ -x "$REPO/$LAB_INSTALLER_REL" ]
}

# A Debian 12 system's usual sources: the kernel headers matching Debian's
# current kernel are published in bookworm-security (and -updates) only.
lab_installer_sources() {
    local mirror=$1
    printf 'deb %s bookworm main\n' "$mirror"
    printf 'deb %s bookworm-updates main\n' "$mirror"
    printf 'deb http://deb.debian.org/debian-security bookworm-security main\n'
}

lab_installer_deps_key() {
    local rootkey=$1 kv=$2 hdrver=$3 mirror=$4
    lab_hash_strings "$rootkey" "$kv" "$hdrver" "$(cat "$REPO/backend-native/install.d/packages")" \
        "$(lab_installer_sources "$mirror")"
}

lab_installer_key() {
    local depskey=$1 xen=$2 d
    lab_hash_strings "$depskey" "$(sha256sum <"$xen")" "$(lab_hash_files "$LAB_DIR/lib/dom0-install.sh")" \
        "$(for d in backend-native frontend-native patches/include; do lab_hash_tree "$REPO/$d"; done)"
}

# Unmount everything below DIR, deepest first (the overlay root, and /proc
# in it if the installer died before unmounting it), then remove DIR; refuse
# if something stays mounted.
lab_installer_remove_root() {
    local root=$1 m
    case $root in */lab-install.?*) ;; *) echo "refusing to remove '$root'" >&2; return 1 ;; esac
    for m in $(findmnt -rn -o TARGET | grep -F "$root/" | sort -r); do
        umount "$m" 2>/dev/null || umount -l "$m"
    done
    if findmnt -rn -o TARGET | grep -qF "$root/"; then
        echo "still mounted under $root; not removing it" >&2
        return 1
    fi
    rm -rf "$root"
}

# lab_installer_deps OUT ROOTFS KV MIRROR: run as a stage.
lab_installer_deps() {
    local out=$1 rootfs=$2 kv=$3 mirror=$4 tmp
    mkdir -p "$(dirname "$out")"
    tmp=$out.tmp.$$
    rm -rf "$tmp"
    cp -a "$rootfs" "$tmp"
    lab_installer_sources "$mirror" >"$tmp/etc/apt/sources.list"
    "$REPO/$LAB_INSTALLER_REL" --root "$tmp" --kernel "$kv" --deps-only
    rm -f "$tmp"/var/cache/apt/archives/*.deb
    lab_cache_put "$tmp" "$out"
}

# lab_installer_keep ROOT PATH DEST: copy ROOT's PATH under DEST at its
# physical location: Debian 12 merges /usr (/lib is a link to usr/lib), and
# an overlay cpio entry "lib/" as a directory would replace that link in
# dom0's initramfs, and with it the dynamic loader's path.
lab_installer_keep() {
    local root=$1 path=$2 dest=$3 dir
    dir=$(cd "$root$(dirname "$path")" && pwd -P)
    case $dir in "$root"|"$root"/*) ;; *) echo "$path resolves outside $root ($dir)" >&2; return 1 ;; esac
    dir=${dir#"$root"}
    mkdir -p "$dest$dir"
    cp -a "$root$path" "$dest$dir/"
}

# lab_installer_run OUT DEPS_ROOT KV XEN_ELF: install into a scratch copy of
# DEPS_ROOT, install again (which must change nothing), keep the results.
# The copy is an overlay mount (DEPS_ROOT read-only below, the changes in
# a scratch upper dir): copying the ~900 MB root took a minute under load.
lab_installer_run() {
    local out=$1 deps=$2 kv=$3 xen=$4 scratch root log2 rel d name t0
    scratch=$(mktemp -d "${TMPDIR:-/tmp}/lab-install.XXXXXX")
    root=$scratch/root
    mkdir -p "$scratch/upper" "$scratch/work" "$root"
    mount -t overlay overlay -o "lowerdir=$deps,upperdir=$scratch/upper,workdir=$scratch/work" "$root"
    # A stage is its own bash: a failed install must not leave the mounts.
    # (expanded now: the function's locals are gone when the trap runs).
    trap "lab_installer_remove_root '$scratch'" EXIT
    t0=$SECONDS
    "$REPO/$LAB_INSTALLER_REL" --root "$root" --kernel "$kv" --xen "$xen"
    echo "lab: first install took $((SECONDS - t0))s"
    log2=$(mktemp)
    "$REPO/$LAB_INSTALLER_REL" --root "$root" --kernel "$kv" --xen "$xen" | tee "$log2"
    if ! tail -n 1 "$log2" | grep -q '^already installed: nothing changed$'; then
        rm -f "$log2"
        lab_installer_remove_root "$scratch"
        echo "backend-native/install is not idempotent: its second run changed something (above)" >&2
        return 1
    fi
    rm -f "$log2"
    rm -rf "$out.tmp"
    mkdir -p "$out.tmp/overlay" "$out.tmp/modules"
    while read -r rel; do
        case $rel in '#'*|''|/usr/src/*) continue ;; esac
        [ -e "$root$rel" ] || { echo "manifest names $rel but $root$rel is missing" >&2; return 1; }
        lab_installer_keep "$root" "$rel" "$out.tmp/overlay"
    done <"$root/var/lib/hypernf/manifest"
    lab_installer_keep "$root" /var/lib/hypernf/manifest "$out.tmp/overlay"
    for d in $LAB_INSTALLER_MODULE_DIRS; do
        mkdir -p "$out.tmp/modules/$d"
        # Kbuild's obj-m names the module a dir builds (NAME.o -> NAME.ko).
        for name in $(sed -n 's/^obj-m[[:space:]]*:\{0,1\}=[[:space:]]*//p' "$REPO/$d/Kbuild" | sed 's/\.o\b//g'); do
            cp "$root/lib/modules/$kv/updates/dkms/$name.ko" "$out.tmp/modules/$d/"
        done
    done
    lab_installer_remove_root "$scratch"
    lab_cache_put "$out.tmp" "$out"
}
