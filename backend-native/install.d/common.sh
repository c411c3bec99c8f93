# Shared by every step of backend-native/install: messages, the one place
# where changes happen (so --dry-run and the idempotence count cannot miss
# one), paths inside the target root, and commands run in that root.
#
# Globals set by install: HNF_ROOT ("" for the running system, else the
# image root), HNF_DRY_RUN (0/1), HNF_CHANGES (count), HNF_CHANGE_LOG
# (file listing every change made or, in a dry run, that would be made).

hnf_say() { printf 'install: %s\n' "$*"; }
hnf_warn() { printf 'install: warning: %s\n' "$*" >&2; }
hnf_die() { printf 'install: error: %s\n' "$*" >&2; exit 1; }

# The target path of an absolute path on the installed system.
hnf_path() { printf '%s%s\n' "$HNF_ROOT" "$1"; }

# hnf_change DESCRIPTION COMMAND [ARGS...]: the only way a step alters the
# target. A dry run prints the description and runs nothing.
hnf_change() {
    local what=$1
    shift
    HNF_CHANGES=$((HNF_CHANGES + 1))
    printf '%s\n' "$what" >>"$HNF_CHANGE_LOG"
    if [ "$HNF_DRY_RUN" = 1 ]; then
        printf 'install: would %s\n' "$what"
        return 0
    fi
    printf 'install: %s\n' "$what"
    "$@"
}

# hnf_put_file SRC DEST MODE: install SRC as DEST (a path on the installed
# system) unless DEST already has the same bytes and mode.
hnf_put_file() {
    local src=$1 dest=$2 mode=$3 target
    target=$(hnf_path "$dest")
    if [ -f "$target" ] && [ ! -L "$target" ] && cmp -s "$src" "$target" \
        && [ "$(stat -c %a "$target")" = "$mode" ]; then
        return 0
    fi
    hnf_change "install $dest (mode $mode)" install -D -m "$mode" -T "$src" "$target"
}

# hnf_put_text DEST MODE < CONTENT: as hnf_put_file, from standard input.
hnf_put_text() {
    local tmp
    tmp=$(mktemp "$HNF_TMP/text.XXXXXX")
    cat >"$tmp"
    hnf_put_file "$tmp" "$1" "$2"
}

# Commands that must see the target's own files (dpkg database, dkms
# state, update-grub) run in it: directly for the running system, chrooted
# for --root. Changes go through hnf_change; reads may call this directly.
hnf_in_target() {
    if [ -z "$HNF_ROOT" ]; then
        "$@"
    else
        chroot "$HNF_ROOT" "$@"
    fi
}

# A chroot needs /proc for apt's and dkms's helpers. Only proc is mounted:
# /dev of a debootstrap root already has its nodes, and a bind mount of the
# host's /dev inside a directory that someone later removes with rm -rf
# would take the host's device nodes with it.
hnf_target_mounts_up() {
    [ -n "$HNF_ROOT" ] || return 0
    [ "$HNF_DRY_RUN" = 0 ] || return 0
    if ! mountpoint -q "$HNF_ROOT/proc"; then
        mkdir -p "$HNF_ROOT/proc"
        mount -t proc proc "$HNF_ROOT/proc"
        HNF_MOUNTED_PROC=1
    fi
    # Services must not start inside an image (Debian policy-rc.d
    # interface: exit status 101 means "action forbidden").
    if [ ! -e "$HNF_ROOT/usr/sbin/policy-rc.d" ]; then
        printf '#!/bin/sh\nexit 101\n' >"$HNF_ROOT/usr/sbin/policy-rc.d"
        chmod 755 "$HNF_ROOT/usr/sbin/policy-rc.d"
        HNF_POLICY_RC=1
    fi
}

hnf_target_mounts_down() {
    if [ "${HNF_MOUNTED_PROC:-0}" = 1 ]; then
        umount "$HNF_ROOT/proc" 2>/dev/null || umount -l "$HNF_ROOT/proc"
        HNF_MOUNTED_PROC=0
    fi
    if [ "${HNF_POLICY_RC:-0}" = 1 ]; then
        rm -f "$HNF_ROOT/usr/sbin/policy-rc.d"
        HNF_POLICY_RC=0
    fi
}

hnf_pkg_installed() {
    dpkg-query --admindir="$(hnf_path /var/lib/dpkg)" -W -f='${Status}' "$1" 2>/dev/null \
        | grep -q 'install ok installed'
}
