# dom0's control tools and hotplug scripts, found rather than listed, so a
# tool added to backend-native/tools is installed without touching this
# script. Two conventions, the same ones the lab's scenarios use:
#   tools/dom0/        a tree laid out like the root it lands in
#                      (tools/dom0/usr/local/sbin/hnf-attach -> /usr/local/sbin/hnf-attach)
#   tools/build-payload  an executable that builds compiled tools into
#                      tools/payload/, a tree of the same kind
# Anything else under tools/ (sources, notes) is not installed.

hnf_tool_trees() {
    local t=$HNF_REPO/backend-native/tools
    [ -d "$t/dom0" ] && echo "$t/dom0"
    if [ -x "$t/build-payload" ]; then
        if [ "$HNF_DRY_RUN" = 1 ]; then
            hnf_say "would build compiled tools with backend-native/tools/build-payload (listed below if built before)" >&2
        else
            hnf_say "building compiled tools: backend-native/tools/build-payload" >&2
            "$t/build-payload" >&2 || hnf_die "backend-native/tools/build-payload failed"
        fi
        [ -d "$t/payload" ] && echo "$t/payload"
    fi
    return 0
}

hnf_install_tools() {
    local tree rel mode
    HNF_TOOL_FILES=()
    for tree in $(hnf_tool_trees); do
        while read -r rel; do
            rel=${rel#./}
            if [ -L "$tree/$rel" ]; then
                hnf_warn "skipping symlink $tree/$rel (tools must be regular files)"
                continue
            fi
            # Executables keep their x bit for everyone; the rest is data.
            if [ -x "$tree/$rel" ]; then mode=755; else mode=644; fi
            hnf_put_file "$tree/$rel" "/$rel" "$mode"
            HNF_TOOL_FILES+=("/$rel:$mode")
        done < <(cd "$tree" && find . \( -type f -o -type l \) | LC_ALL=C sort)
    done
    hnf_warn_stray_tools
    if [ ${#HNF_TOOL_FILES[@]} -eq 0 ]; then
        hnf_warn "no tools found under backend-native/tools (dom0/ or build-payload)"
    fi
}

# An executable elsewhere under tools/ is probably a tool someone meant to
# ship: say where it would have to go instead of skipping it silently.
hnf_warn_stray_tools() {
    local t=$HNF_REPO/backend-native/tools f
    while read -r f; do
        hnf_warn "not installed: backend-native/tools/${f#./} (tools go under tools/dom0/<installed path>, or are built by tools/build-payload)"
    done < <(cd "$t" 2>/dev/null && find . -path ./dom0 -prune -o -path ./payload -prune \
        -o -type f -perm -u+x ! -name build-payload -print | LC_ALL=C sort)
}
