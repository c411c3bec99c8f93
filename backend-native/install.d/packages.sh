# Build and runtime dependencies from Debian's archive: only the missing
# ones are installed (apt-get install --no-install-recommends), nothing is
# upgraded, and apt's lists are refreshed only when something is missing.

hnf_wanted_packages() {
    sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$HNF_LIB/packages"
    echo "linux-headers-$HNF_KV"
}

hnf_install_packages() {
    local missing=() p
    for p in $(hnf_wanted_packages); do
        hnf_pkg_installed "$p" || missing+=("$p")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        hnf_say "packages: all present ($(hnf_wanted_packages | tr '\n' ' '))"
        return 0
    fi
    if [ "$HNF_DRY_RUN" = 0 ]; then
        hnf_target_mounts_up
    fi
    # Empty cache file names keep apt-cache from writing its pkgcache.bin:
    # a dry run must leave the target untouched.
    if [ "$HNF_DRY_RUN" = 1 ] && ! hnf_pkg_installed "linux-headers-$HNF_KV" \
        && ! hnf_in_target apt-cache -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= \
            show "linux-headers-$HNF_KV" >/dev/null 2>&1; then
        hnf_warn "apt's current lists in ${HNF_ROOT:-/} have no linux-headers-$HNF_KV; the real run stops unless apt-get update finds it (bookworm-security carries Debian's current kernels' headers)"
    fi
    hnf_change "run apt-get update in ${HNF_ROOT:-/}" hnf_apt update -q
    if [ "$HNF_DRY_RUN" = 0 ] && ! hnf_in_target apt-cache show "linux-headers-$HNF_KV" >/dev/null 2>&1; then
        hnf_die "apt in ${HNF_ROOT:-/} offers no linux-headers-$HNF_KV: the headers of Debian's current kernels come from bookworm-security and bookworm-updates, so add them to the apt sources, or pick another kernel with --kernel"
    fi
    hnf_change "apt-get install ${missing[*]}" hnf_apt install -y -q --no-install-recommends "${missing[@]}"
}

hnf_apt() {
    DEBIAN_FRONTEND=noninteractive hnf_in_target apt-get "$@"
}
