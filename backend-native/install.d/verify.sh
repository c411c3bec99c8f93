# After the changes: check that the result is what a HyperNF dom0 needs,
# write the manifest of what this script owns, print a summary.

HNF_MANIFEST=/var/lib/hypernf/manifest

hnf_module_path() {
    printf '/lib/modules/%s/updates/dkms/%s.ko\n' "$HNF_KV" "$1"
}

# Vermagic (the kernel release and ABI flags a module was built for) must
# equal the target kernel's: its release as the first word, and all of it
# when one of the kernel's own modules is there to compare with.
hnf_verify_module() {
    local m=$1 f got ref want
    f=$(hnf_path "$(hnf_module_path "$m")")
    [ -f "$f" ] || { echo "module $m: $(hnf_module_path "$m") is missing"; return 0; }
    got=$(modinfo -F vermagic "$f" 2>/dev/null)
    [ "${got%% *}" = "$HNF_KV" ] || { echo "module $m: vermagic '$got' is not for kernel $HNF_KV"; return 0; }
    ref=$(find "$(hnf_path "/lib/modules/$HNF_KV/kernel")" -name '*.ko*' -print -quit 2>/dev/null)
    if [ -n "$ref" ]; then
        want=$(modinfo -F vermagic "$ref")
        [ "$got" = "$want" ] || { echo "module $m: vermagic '$got' differs from the kernel's own '$want'"; return 0; }
    fi
    # modprobe must find it by name (depmod ran for the target kernel).
    modprobe -d "${HNF_ROOT:-/}" -S "$HNF_KV" --show-depends "$m" >/dev/null 2>&1 \
        || echo "module $m: 'modprobe $m' would not find it for $HNF_KV (modules.dep not updated)"
}

hnf_verify() {
    local problems=() m t path mode line
    for m in $HNF_MODULES; do
        line=$(hnf_verify_module "$m")
        [ -z "$line" ] || problems+=("$line")
    done
    HNF_VERMAGIC=$(modinfo -F vermagic "$(hnf_path "$(hnf_module_path hnf_back)")" 2>/dev/null || true)
    if [ -n "${HNF_XEN_GZ:-}" ]; then
        cmp -s "$HNF_XEN_GZ" "$(hnf_path "$HNF_XEN_DEST")" \
            || problems+=("xen: $HNF_XEN_DEST differs from the image given")
        gzip -t "$(hnf_path "$HNF_XEN_DEST")" 2>/dev/null \
            || problems+=("xen: $HNF_XEN_DEST is not a valid gzip file")
    fi
    for t in "${HNF_TOOL_FILES[@]}"; do
        path=${t%:*} mode=${t##*:}
        if [ ! -f "$(hnf_path "$path")" ]; then
            problems+=("tool $path is missing")
        elif [ "$mode" = 755 ] && [ ! -x "$(hnf_path "$path")" ]; then
            problems+=("tool $path is not executable")
        fi
    done
    for path in /etc/modules-load.d/hypernf.conf /etc/modprobe.d/hypernf.conf "$HNF_GRUB_CFG"; do
        [ -f "$(hnf_path "$path")" ] || problems+=("config $path is missing")
    done
    for m in $(hnf_wanted_packages); do
        hnf_pkg_installed "$m" || problems+=("package $m is not installed")
    done
    if [ ${#problems[@]} -gt 0 ]; then
        printf 'install: verify: %s\n' "${problems[@]}" >&2
        hnf_die "verification failed (${#problems[@]} problem(s) above)"
    fi
    hnf_say "verify: modules, vermagic, Xen, tools, configuration and packages all check out"
}

hnf_write_manifest() {
    local t m
    {
        echo "# Files installed by HyperNF's backend-native/install (DKMS $HNF_DKMS_NAME/$HNF_DKMS_VERSION, kernel $HNF_KV)."
        echo "/usr/src/$HNF_DKMS_NAME-$HNF_DKMS_VERSION/"
        for m in $HNF_MODULES; do hnf_module_path "$m"; done
        [ -n "${HNF_XEN_GZ:-}" ] && echo "$HNF_XEN_DEST"
        for t in "${HNF_TOOL_FILES[@]}"; do echo "${t%:*}"; done
        echo /etc/modules-load.d/hypernf.conf
        echo /etc/modprobe.d/hypernf.conf
        echo "$HNF_GRUB_CFG"
    } >"$HNF_TMP/manifest"
    hnf_put_file "$HNF_TMP/manifest" "$HNF_MANIFEST" 644
}

hnf_summary() {
    local t
    echo
    echo "HyperNF dom0 install summary"
    echo "  target:   ${HNF_ROOT:-/ (this machine)}, $HNF_OS"
    echo "  kernel:   $HNF_KV"
    echo "  modules:  $HNF_MODULES, DKMS $HNF_DKMS_NAME/$HNF_DKMS_VERSION in /lib/modules/$HNF_KV/updates/dkms/${HNF_VERMAGIC:+ (vermagic: $HNF_VERMAGIC)}"
    echo "  xen:      $HNF_XEN_DEST from ${HNF_XEN_SRC:-a patches/build-xen.sh build}"
    echo "  boot:     gnttab_max_frames=$HNF_GNTTAB_FRAMES dom0_mem=$HNF_DOM0_MEM ($HNF_GRUB_CFG)"
    echo "  options:  hnf_back slots=$HNF_SLOTS buf_size=$HNF_BUF_SIZE; loaded at boot (modules-load.d)"
    echo "  tools:    ${#HNF_TOOL_FILES[@]} file(s):"
    for t in "${HNF_TOOL_FILES[@]}"; do echo "            ${t%:*}"; done
    [ "$HNF_DRY_RUN" = 1 ] || [ ${#HNF_TIMINGS[@]} -eq 0 ] || echo "  timings:  ${HNF_TIMINGS[*]} total=$((SECONDS - HNF_T0))s"
    if [ "$HNF_DRY_RUN" = 1 ]; then
        echo "dry run: $HNF_CHANGES change(s) would be made; nothing was changed"
    elif [ "$HNF_CHANGES" = 0 ]; then
        echo "already installed: nothing changed"
    else
        echo "done: $HNF_CHANGES change(s) made"
    fi
}
