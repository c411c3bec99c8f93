#!/bin/bash
# Build Xen 4.17 (Debian's bookworm source) with the HyperNF series applied.
#
# Usage: patches/build-xen.sh OUTDIR        -> OUTDIR/xen.elf (multiboot ELF)
#        patches/build-xen.sh --source-only  steps 1-5 without the series:
#                                            the pristine tree for xen/regen
#
# Steps, each cached under $HNF_XEN_CACHE (default /var/cache/hypernf-xen):
#   1. build dependencies from apt (skipped when all are installed)
#   2. a deb-src entry for bookworm main (Debian 12 deb822 format), because
#      only bookworm main serves this source version; the security archive
#      answers 404 for it
#   3. `apt-get source` into $CACHE/pristine, once
#   4. Debian's hypervisor config, boot/xen-4.17-amd64.config from the
#      xen-hypervisor-4.17-amd64 .deb of the same version, once
#   5. a git work tree $CACHE/tree: the pristine source committed as `base`,
#      the series applied with `git am`; redone only when the series' hash
#      changes, and then by checking `base` out in place so that make only
#      recompiles what the patches touch
#   6. make olddefconfig + make -j2, copy xen/xen to OUTDIR/xen.elf
set -euo pipefail

XEN_SRC_VERSION=4.17.5+72-g01140da4e8-1
XEN_DIR_NAME=xen-4.17.5+72-g01140da4e8
BUILD_DEPS=(gcc make libc6-dev flex bison python3 xz-utils dpkg-dev git ca-certificates)

OUTDIR=${1:?usage: build-xen.sh OUTDIR}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SERIES_DIR=$HERE/xen
CACHE=${HNF_XEN_CACHE:-/var/cache/hypernf-xen}
JOBS=${HNF_XEN_JOBS:-2}

log() { echo "build-xen: $*" >&2; }
die() { echo "build-xen: error: $*" >&2; exit 1; }

install_deps() {
    local missing=() p
    for p in "${BUILD_DEPS[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
            || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# apt-get source needs a deb-src line for bookworm main; add one in the
# format this machine uses (deb822 on Debian 12, one-line on older set-ups).
ensure_deb_src() {
    if grep -rqsE '^(deb-src[[:space:]]|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/ \
        && apt-cache showsrc "xen=$XEN_SRC_VERSION" 2>/dev/null | grep -q "^Version: $XEN_SRC_VERSION"; then
        return 0
    fi
    log "adding a deb-src entry for bookworm main"
    if [ -f /etc/apt/sources.list.d/debian.sources ] || [ ! -f /etc/apt/sources.list ]; then
        cat > /etc/apt/sources.list.d/hypernf-deb-src.sources <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    else
        echo 'deb-src http://deb.debian.org/debian bookworm main' \
            > /etc/apt/sources.list.d/hypernf-deb-src.list
    fi
    apt-get update -q
}

fetch_pristine() {
    [ -f "$CACHE/pristine/.complete" ] && return 0
    ensure_deb_src
    log "fetching xen=$XEN_SRC_VERSION source"
    rm -rf "$CACHE/pristine.tmp"
    mkdir -p "$CACHE/pristine.tmp"
    (cd "$CACHE/pristine.tmp" && apt-get source -q "xen=$XEN_SRC_VERSION")
    [ -d "$CACHE/pristine.tmp/$XEN_DIR_NAME/xen" ] || die "apt-get source gave no $XEN_DIR_NAME/xen"
    rm -rf "$CACHE/pristine"
    mv "$CACHE/pristine.tmp" "$CACHE/pristine"
    touch "$CACHE/pristine/.complete"
}

fetch_config() {
    [ -f "$CACHE/xen-$XEN_SRC_VERSION.config" ] && return 0
    log "fetching Debian's hypervisor config"
    rm -rf "$CACHE/deb.tmp"
    mkdir -p "$CACHE/deb.tmp"
    (cd "$CACHE/deb.tmp" && apt-get download -q "xen-hypervisor-4.17-amd64=$XEN_SRC_VERSION")
    dpkg -x "$CACHE"/deb.tmp/xen-hypervisor-4.17-amd64_*.deb "$CACHE/deb.tmp/x"
    cp "$CACHE/deb.tmp/x/boot/xen-4.17-amd64.config" "$CACHE/xen-$XEN_SRC_VERSION.config.tmp"
    mv "$CACHE/xen-$XEN_SRC_VERSION.config.tmp" "$CACHE/xen-$XEN_SRC_VERSION.config"
    rm -rf "$CACHE/deb.tmp"
}

tree_git() {
    git -C "$CACHE/tree" -c user.name=hypernf-build -c user.email=build@hypernf.invalid \
        -c core.autocrlf=false -c advice.detachedHead=false "$@"
}

# The work tree is created once from the pristine copy; `base` is its first
# commit. -f adds files the source's own .gitignore would skip, so `base`
# is exactly what apt-get source unpacked.
prepare_tree() {
    if [ ! -f "$CACHE/tree/.git/hnf-base" ]; then
        log "creating the git work tree"
        rm -rf "$CACHE/tree"
        cp -a "$CACHE/pristine/$XEN_DIR_NAME" "$CACHE/tree"
        tree_git init -q
        tree_git add -A -f .
        tree_git commit -q -m "Debian xen $XEN_SRC_VERSION (apt-get source)"
        tree_git tag base
        touch "$CACHE/tree/.git/hnf-base"
    fi
}

series_hash() {
    (cd "$SERIES_DIR" && cat $(ls ./*.patch | sort)) | sha256sum | cut -d' ' -f1
}

apply_series() {
    local want have=""
    want=$(series_hash)
    [ -f "$CACHE/tree/.git/hnf-series" ] && have=$(cat "$CACHE/tree/.git/hnf-series")
    if [ "$want" = "$have" ]; then
        log "series unchanged ($want), tree already patched"
        return 0
    fi
    log "applying the series ($(ls "$SERIES_DIR"/*.patch | wc -l) patches)"
    rm -f "$CACHE/tree/.git/hnf-series"
    tree_git am --abort >/dev/null 2>&1 || true
    remember_patched_files
    tree_git checkout -q -f base
    tree_git checkout -q -B hypernf
    tree_git am -q --whitespace=nowarn $(ls "$SERIES_DIR"/*.patch | sort) \
        || { tree_git am --abort || true; die "the series does not apply"; }
    restore_unchanged_mtimes
    echo "$want" > "$CACHE/tree/.git/hnf-series"
}

# Re-applying the series rewrites every file it touches, and a new mtime on
# public/xen.h alone recompiles nearly all of Xen. Files whose content ends
# up the same as before get their old mtime back, so make rebuilds only what
# the new series really changed.
remember_patched_files() {
    local f
    : > "$CACHE/tree/.git/hnf-mtimes"
    tree_git rev-parse -q --verify HEAD >/dev/null || return 0
    tree_git diff --name-only base HEAD | while read -r f; do
        [ -f "$CACHE/tree/$f" ] || continue
        printf '%s %s %s\n' "$(tree_git hash-object "$f")" \
            "$(stat -c %Y "$CACHE/tree/$f")" "$f"
    done > "$CACHE/tree/.git/hnf-mtimes"
}

restore_unchanged_mtimes() {
    local hash mtime f
    while read -r hash mtime f; do
        [ -f "$CACHE/tree/$f" ] || continue
        [ "$(tree_git hash-object "$f")" = "$hash" ] && touch -d "@$mtime" "$CACHE/tree/$f"
    done < "$CACHE/tree/.git/hnf-mtimes"
    return 0
}

build() {
    # Copy only when different, so an unchanged config does not make
    # Kconfig regenerate headers and trigger a full rebuild.
    cmp -s "$CACHE/xen-$XEN_SRC_VERSION.config" "$CACHE/tree/.git/hnf-config" 2>/dev/null || {
        cp "$CACHE/xen-$XEN_SRC_VERSION.config" "$CACHE/tree/.git/hnf-config"
        cp "$CACHE/xen-$XEN_SRC_VERSION.config" "$CACHE/tree/xen/.config"
    }
    log "make olddefconfig"
    make -s -C "$CACHE/tree/xen" olddefconfig
    log "make -j$JOBS"
    make -C "$CACHE/tree/xen" -j"$JOBS"
    mkdir -p "$OUTDIR"
    cp "$CACHE/tree/xen/xen" "$OUTDIR/xen.elf.tmp"
    mv "$OUTDIR/xen.elf.tmp" "$OUTDIR/xen.elf"
    log "done: $OUTDIR/xen.elf"
}

main() {
    [ "$(id -u)" = 0 ] || die "run as root (apt-get, /var/cache)"
    install_deps
    mkdir -p "$CACHE"
    exec 9>"$CACHE/.lock"
    flock 9
    fetch_pristine
    fetch_config
    prepare_tree
    [ "$OUTDIR" = --source-only ] && return 0
    ls "$SERIES_DIR"/*.patch >/dev/null 2>&1 || die "no patches in $SERIES_DIR"
    apply_series
    build
}

main "$@"
