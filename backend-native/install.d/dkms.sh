# Both kernel modules under DKMS: the sources go to /usr/src/hypernf-<version>/
# with dkms.conf, then `dkms add`, `dkms build` and `dkms install` for the
# target kernel (-k, so the kernel need not be the running one, as in an
# image root). The version is the base version plus a hash of the sources:
# changed sources are a new DKMS version, and the old one is removed.

HNF_DKMS_NAME=hypernf
HNF_DKMS_BASE_VERSION=0.1.0
HNF_MODULE_DIRS="backend-native frontend-native"
HNF_MODULES="hnf_back hnf_front"

# Copy what kbuild needs (each module dir's top-level sources, Kbuild and
# Makefile, and patches/include) into DIR, then print the version.
hnf_dkms_stage_source() {
    local dir=$1 m f hash
    for m in $HNF_MODULE_DIRS; do
        mkdir -p "$dir/$m"
        for f in "$HNF_REPO/$m"/*.c "$HNF_REPO/$m"/*.h "$HNF_REPO/$m"/Kbuild "$HNF_REPO/$m"/Makefile; do
            # *.mod.c is kbuild's output from a build in the repository.
            case $f in *.mod.c) continue ;; esac
            [ -f "$f" ] && cp "$f" "$dir/$m/"
        done
        [ -f "$dir/$m/Kbuild" ] || hnf_die "$HNF_REPO/$m has no Kbuild: not a kernel module source dir"
    done
    mkdir -p "$dir/patches"
    cp -a "$HNF_REPO/patches/include" "$dir/patches/"
    hash=$(cd "$dir" && find . -type f | LC_ALL=C sort | while read -r f; do
        printf '%s\n' "$f"
        cat "$f"
    done | sha256sum | cut -c1-12)
    sed "s/@VERSION@/$HNF_DKMS_BASE_VERSION.$hash/" "$HNF_LIB/dkms.conf" >"$dir/dkms.conf"
    printf '%s.%s\n' "$HNF_DKMS_BASE_VERSION" "$hash"
}

# "installed", "built", "added" or "" for VERSION and the target kernel,
# read from DKMS's own tree (dkms 3: /var/lib/dkms/NAME/VERSION/KERNEL/ARCH
# holds a build, and the link NAME/kernel-KERNEL-ARCH names the installed
# version) rather than from `dkms status`, which needs /proc in a chroot.
hnf_dkms_state() {
    local ver=$1 arch base m
    arch=$(uname -m)
    base=$(hnf_path "/var/lib/dkms/$HNF_DKMS_NAME")
    if [ "$(readlink "$base/kernel-$HNF_KV-$arch" 2>/dev/null)" = "$ver/$HNF_KV/$arch" ]; then
        for m in $HNF_MODULES; do
            [ -f "$(hnf_path "$(hnf_module_path "$m")")" ] || { echo built; return 0; }
        done
        echo installed
    elif [ -d "$base/$ver/$HNF_KV/$arch/module" ]; then
        echo built
    elif [ -d "$base/$ver" ]; then
        echo added
    fi
}

# Versions DKMS or /usr/src know of, other than VERSION.
hnf_dkms_other_versions() {
    local ver=$1 d
    {
        for d in "$(hnf_path /usr/src)/$HNF_DKMS_NAME"-*; do
            [ -d "$d" ] && basename "$d" | sed "s/^$HNF_DKMS_NAME-//"
        done
        for d in "$(hnf_path "/var/lib/dkms/$HNF_DKMS_NAME")"/*; do
            [ -d "$d" ] && [ ! -L "$d" ] && basename "$d"
        done
    } | grep -vxF "$ver" | LC_ALL=C sort -u
}

hnf_install_dkms() {
    local src ver f state old t0
    src=$HNF_TMP/dkms-src
    ver=$(hnf_dkms_stage_source "$src")
    HNF_DKMS_VERSION=$ver
    hnf_say "modules: $HNF_MODULES as DKMS $HNF_DKMS_NAME/$ver for kernel $HNF_KV"
    while read -r f; do
        f=${f#./}
        hnf_put_file "$src/$f" "/usr/src/$HNF_DKMS_NAME-$ver/$f" 644
    done < <(cd "$src" && find . -type f | LC_ALL=C sort)
    for old in $(hnf_dkms_other_versions "$ver"); do
        if [ -d "$(hnf_path "/var/lib/dkms/$HNF_DKMS_NAME/$old")" ]; then
            hnf_target_mounts_up
            hnf_change "dkms remove $HNF_DKMS_NAME/$old (superseded by $ver) for all kernels" \
                hnf_in_target dkms remove -m "$HNF_DKMS_NAME" -v "$old" --all
        fi
        if [ -d "$(hnf_path "/usr/src/$HNF_DKMS_NAME-$old")" ]; then
            hnf_change "remove /usr/src/$HNF_DKMS_NAME-$old (superseded by $ver)" \
                rm -rf "$(hnf_path "/usr/src/$HNF_DKMS_NAME-$old")"
        fi
    done
    state=$(hnf_dkms_state "$ver")
    [ "$state" = installed ] && return 0
    hnf_target_mounts_up
    if [ -z "$state" ]; then
        hnf_change "dkms add $HNF_DKMS_NAME/$ver" \
            hnf_in_target dkms add -m "$HNF_DKMS_NAME" -v "$ver"
    fi
    if [ "$state" != built ]; then
        t0=$SECONDS
        hnf_change "dkms build $HNF_DKMS_NAME/$ver for kernel $HNF_KV" hnf_dkms_build_logged "$ver"
        HNF_TIMINGS+=("dkms-build=$((SECONDS - t0))s")
    fi
    t0=$SECONDS
    hnf_change "dkms install $HNF_DKMS_NAME/$ver for kernel $HNF_KV" \
        hnf_in_target dkms install -m "$HNF_DKMS_NAME" -v "$ver" -k "$HNF_KV"
    HNF_TIMINGS+=("dkms-install=$((SECONDS - t0))s")
}

# A failed build leaves its log in DKMS's build dir; show it, since the
# error is almost always there (a compile error, missing headers).
hnf_dkms_build_logged() {
    local ver=$1 log
    if hnf_in_target dkms build -m "$HNF_DKMS_NAME" -v "$ver" -k "$HNF_KV"; then
        return 0
    fi
    log=$(hnf_path "/var/lib/dkms/$HNF_DKMS_NAME/$ver/build/make.log")
    [ -f "$log" ] && tail -n 40 "$log" >&2
    hnf_die "dkms build of $HNF_DKMS_NAME/$ver for $HNF_KV failed (log: /var/lib/dkms/$HNF_DKMS_NAME/$ver/build/make.log in ${HNF_ROOT:-/})"
}
