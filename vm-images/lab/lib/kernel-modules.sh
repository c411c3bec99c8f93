# Kernel modules in the images: subsets of Debian's modules (with their
# dependencies) and the project's own out-of-tree modules, built against the
# exact headers of the booted kernel.

# Print the Debian module files (relative to lib/modules/KV) that NAMES and
# their dependencies need; built-in names print nothing.
lab_kmod_closure() {
    local tree=$1 kv=$2 name line path
    shift 2
    for name in "$@"; do
        modprobe -d "$tree" -S "$kv" --show-depends "$name" >/tmp/lab-kmod.$$ 2>&1 || {
            echo "kernel module '$name' not found in $tree for $kv:" >&2
            cat /tmp/lab-kmod.$$ >&2
            rm -f /tmp/lab-kmod.$$
            return 1
        }
        while read -r line; do
            case $line in
                insmod\ *)
                    path=${line#insmod }
                    path=${path%% *}
                    printf '%s\n' "${path#*/lib/modules/$kv/}"
                    ;;
            esac
        done </tmp/lab-kmod.$$
        rm -f /tmp/lab-kmod.$$
    done | LC_ALL=C sort -u
}

# Copy NAMES (with dependencies) from the Debian tree into ROOT and index
# them, so that `modprobe NAME` works inside the image.
lab_kmod_install() {
    local tree=$1 kv=$2 root=$3 rel
    shift 3
    local src=$tree/lib/modules/$kv dst=$root/lib/modules/$kv
    mkdir -p "$dst"
    cp "$src"/modules.order "$src"/modules.builtin "$src"/modules.builtin.modinfo "$dst"/
    lab_kmod_closure "$tree" "$kv" "$@" >"$root/.kmods"
    while read -r rel; do
        mkdir -p "$dst/$(dirname "$rel")"
        cp "$src/$rel" "$dst/$rel"
    done <"$root/.kmods"
    rm -f "$root/.kmods"
    depmod -b "$root" "$kv"
}

# Build a project module source dir (a Kbuild tree) into OUT/*.ko, in a
# scratch copy so the repository stays clean.
lab_build_project_module() {
    local src=$1 out=$2 kv=$3 tmp
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/lab-mod.XXXXXX")
    cp -a "$src"/. "$tmp"/
    make -C "/usr/src/linux-headers-$kv" M="$tmp" -j2 modules
    mkdir -p "$out.tmp"
    find "$tmp" -maxdepth 1 -name '*.ko' -exec cp {} "$out.tmp"/ \;
    rm -rf "$tmp"
    if ! ls "$out.tmp"/*.ko >/dev/null 2>&1; then
        echo "no .ko produced from $src" >&2
        rm -rf "$out.tmp"
        return 1
    fi
    lab_cache_put "$out.tmp" "$out"
}

# A module built here must load into the Debian kernel we boot: compare its
# vermagic with one of that kernel's own modules.
lab_check_vermagic() {
    local ko=$1 tree=$2 kv=$3 want got ref
    ref=$(find "$tree/lib/modules/$kv/kernel/drivers/xen" -name '*.ko*' | head -n1)
    want=$(modinfo -F vermagic "$ref")
    got=$(modinfo -F vermagic "$ko")
    if [ "$want" != "$got" ]; then
        echo "vermagic mismatch: $ko has '$got', kernel $kv wants '$want'" >&2
        return 1
    fi
}
