# The hypervisor: HyperNF's Xen 4.17 (patches/build-xen.sh builds it from
# Debian's source with the series applied) or a prebuilt image (--xen).
#
# It is installed gzipped as /boot/xen-4.17-hypernf-amd64.gz, beside any
# Debian hypervisor. GRUB's 20_linux_xen lists every /boot/xen* and makes
# the newest (version_find_latest, dpkg version order) the default, and
# "4.17-hypernf-amd64" sorts after Debian's "4.17-amd64".

HNF_XEN_DEST=/boot/xen-4.17-hypernf-amd64.gz

# Where the patched build goes when no --xen is given; build-xen.sh keeps
# its source tree and objects in its own cache, so a rebuild is incremental.
hnf_xen_source() {
    local out
    if [ -n "$HNF_XEN_FILE" ]; then
        HNF_XEN_SRC=$HNF_XEN_FILE
        return 0
    fi
    out=${HNF_XEN_OUT:-/var/cache/hypernf-xen/out}
    if [ "$HNF_DRY_RUN" = 1 ]; then
        hnf_say "would build the patched Xen with patches/build-xen.sh $out (pass --xen FILE to use a prebuilt one)"
        HNF_XEN_SRC=""
        return 0
    fi
    [ -x "$HNF_REPO/patches/build-xen.sh" ] || hnf_die "no --xen given and $HNF_REPO/patches/build-xen.sh is missing"
    hnf_say "building the patched Xen (patches/build-xen.sh $out; minutes on a first build)"
    "$HNF_REPO/patches/build-xen.sh" "$out" || hnf_die "patches/build-xen.sh failed; see its output above"
    HNF_XEN_SRC=$out/xen.elf
    hnf_check_xen_image "$HNF_XEN_SRC"
}

hnf_install_xen() {
    local gz
    hnf_xen_source
    if [ -z "$HNF_XEN_SRC" ]; then
        hnf_change "install the patched Xen as $HNF_XEN_DEST" true
        return 0
    fi
    gz=$HNF_TMP/xen.gz
    # -n: no name or time stamp in the header, so the same image always
    # gives the same bytes and a second run finds nothing to change.
    if gzip -t "$HNF_XEN_SRC" 2>/dev/null; then
        gzip -dc "$HNF_XEN_SRC" | gzip -9n >"$gz"
    else
        gzip -9n <"$HNF_XEN_SRC" >"$gz"
    fi
    hnf_put_file "$gz" "$HNF_XEN_DEST" 644
    HNF_XEN_GZ=$gz
}
