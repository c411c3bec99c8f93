# Logging, hard-timeout stages and content hashing shared by every lab step.
#
# The lab's slow steps (apt, debootstrap, image packing, module and Xen
# builds) each run as a "stage": a child bash that sources these libraries,
# runs one function under coreutils `timeout` (which signals the whole
# process group, so debootstrap's or make's children die too) and appends
# its output to the run's build.log.

lab_log() {
    local line
    line="[lab $(date -u +%H:%M:%S)] $*"
    printf '%s\n' "$line"
    if [ -n "${LAB_BUILD_LOG:-}" ]; then
        printf '%s\n' "$line" >>"$LAB_BUILD_LOG"
    fi
}

# Print the verdict line and leave; the EXIT trap of `run` tears down.
lab_fail() {
    LAB_FAIL_REASON="$*"
    exit 1
}

# lab_stage NAME TIMEOUT_S FUNCTION [ARGS...]
lab_stage() {
    local name=$1 tmo=$2 t0=$SECONDS rc=0
    shift 2
    lab_log "stage $name: running (timeout ${tmo}s)"
    printf '\n===== stage %s %s\n' "$name" "$(date -u +%H:%M:%S)" >>"$LAB_BUILD_LOG"
    timeout -k 10 "$tmo" bash -c '
        set -euo pipefail
        for lib in "$LAB_DIR"/lib/*.sh; do . "$lib"; done
        "$@"' "lab-$name" "$@" >>"$LAB_BUILD_LOG" 2>&1 </dev/null || rc=$?
    LAB_TIMINGS+=("$name=$((SECONDS - t0))s")
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        tail -n 15 "$LAB_BUILD_LOG" | sed 's/^/    | /'
        lab_fail "stage $name timed out after ${tmo}s (log: $LAB_BUILD_LOG)"
    elif [ "$rc" -ne 0 ]; then
        tail -n 15 "$LAB_BUILD_LOG" | sed 's/^/    | /'
        lab_fail "stage $name failed with exit code $rc (log: $LAB_BUILD_LOG)"
    fi
    lab_log "stage $name: done in $((SECONDS - t0))s"
}

# True when PATH must be (re)built: absent, or the user asked for --no-cache.
# Every cache entry is created under a temporary name and renamed into
# place, so an entry that exists is complete.
lab_cache_miss() {
    local path=$1 what=$2
    if [ -e "$path" ] && [ "${LAB_NO_CACHE:-0}" != 1 ]; then
        lab_log "cache hit: $what ($path)"
        return 1
    fi
    return 0
}

# Publish a finished temporary file or directory as a cache entry.
lab_cache_put() {
    local tmp=$1 final=$2
    rm -rf "$final"
    mv -T "$tmp" "$final"
}

lab_hash_strings() {
    printf '%s\n' "$@" | sha256sum | cut -c1-16
}

# Hash of a directory tree: file contents, paths, modes and symlink targets.
lab_hash_tree() {
    local dir=$1
    (
        cd "$dir"
        find . -type f -printf '%p %m\n' | LC_ALL=C sort
        find . -type f -print0 | LC_ALL=C sort -z | xargs -0r sha256sum
        find . -type l -printf '%p -> %l\n' | LC_ALL=C sort
    ) | sha256sum | cut -c1-16
}

lab_hash_files() {
    cat "$@" | sha256sum | cut -c1-16
}

# Pack a staged tree as an uncompressed newc cpio (the format the kernel's
# initramfs unpacker reads; see Documentation/driver-api/early-userspace).
lab_pack_cpio() {
    local dir=$1 out=$2
    (cd "$dir" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --quiet) >"$out.tmp"
    mv "$out.tmp" "$out"
}
