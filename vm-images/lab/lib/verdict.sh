# The verdict: split the serial console into dom0's log and one log per
# guest, then check the machinery's own markers and the scenario's
# expect/reject rules. Reasons go to LAB_REASONS; none means PASS.

LAB_REJECT_ANY='HNF-CHECK [^ ]+ FAIL|Kernel panic|Panic on CPU|Xen BUG at|BUG: |Oops: |general protection fault|Segmentation fault'

# lab_split_console DIR: console.log -> dom0.log, guest-NAME.log
lab_split_console() {
    local dir=$1 g
    tr -d '\r' <"$dir/console.log" >"$dir/console.txt"
    grep -avE '^([a-z][a-z0-9]*\| |~[a-z][a-z0-9]*~ )' "$dir/console.txt" >"$dir/dom0.log" || true
    for g in "${SCN_GUESTS[@]}"; do
        grep -a "^$g| " "$dir/console.txt" | sed "s/^$g| //" >"$dir/guest-$g.log" || true
    done
    rm -f "$dir/console.txt"
}

lab_log_file() {
    local dir=$1 name=$2
    case $name in
        dom0) echo "$dir/dom0.log" ;;
        host) echo "$dir/host.log" ;;
        *) echo "$dir/guest-$name.log" ;;
    esac
}

lab_logs_for() {
    local dir=$1 name=$2 g
    if [ "$name" = any ]; then
        lab_log_file "$dir" dom0
        [ "$LAB_HAS_HOST_STEPS" = 1 ] && lab_log_file "$dir" host
        for g in "${SCN_GUESTS[@]}"; do lab_log_file "$dir" "$g"; done
    else
        lab_log_file "$dir" "$name"
    fi
}

# lab_verdict DIR BOOT_STATUS
lab_verdict() {
    local dir=$1 status=$2 rule name re f g hit
    LAB_REASONS=()
    lab_split_console "$dir"
    case $status in
        done) ;;
        noexit) LAB_REASONS+=("dom0 finished but QEMU did not exit by itself within ${LAB_EXIT_GRACE_S}s (killed)") ;;
        crashed) LAB_REASONS+=("a panic on the console: $(grep -aE "$LAB_PANIC_RE" "$dir/console.log" | head -n1 | tr -d '\r')") ;;
        exited) LAB_REASONS+=("QEMU exited before dom0 finished (see $dir/qemu.log)") ;;
        hung) LAB_REASONS+=("no HNF-DOM0-DONE within the ${SCN_TIMEOUT}s timeout (hung)") ;;
    esac
    for g in "${SCN_GUESTS[@]}"; do
        grep -aq "^HNF-GUEST-DONE $g" "$dir/guest-$g.log" \
            || LAB_REASONS+=("guest $g: no HNF-GUEST-DONE in $dir/guest-$g.log")
    done
    if [ "$LAB_HAS_HOST_STEPS" = 1 ]; then
        grep -aq '^HNF-HOST-DONE rc=0' "$dir/host.log" 2>/dev/null \
            || LAB_REASONS+=("host steps did not finish with rc=0 (see $dir/host.log)")
    fi
    for f in $(lab_logs_for "$dir" any); do
        [ -e "$f" ] || continue
        hit=$(grep -aE "$LAB_REJECT_ANY" "$f" | grep -av '^~' | head -n 3 | tr '\n' ';' || true)
        [ -z "$hit" ] || LAB_REASONS+=("$(basename "$f"): $hit")
    done
    for rule in "${SCN_EXPECT[@]}"; do
        name=${rule%% *} re=${rule#* }
        hit=0
        for f in $(lab_logs_for "$dir" "$name"); do
            grep -aqE -- "$re" "$f" 2>/dev/null && hit=1
        done
        [ "$hit" = 1 ] || LAB_REASONS+=("expected in $name log, not found: $re")
    done
    for rule in "${SCN_REJECT[@]}"; do
        name=${rule%% *} re=${rule#* }
        for f in $(lab_logs_for "$dir" "$name"); do
            hit=$(grep -aE -- "$re" "$f" 2>/dev/null | head -n1 || true)
            [ -z "$hit" ] || LAB_REASONS+=("rejected line in $(basename "$f"): $hit")
        done
    done
}

# lab_print_log_tails DIR: after a failure, the last lines of dom0's log and
# of each guest's, so that a CI transcript shows what happened without the
# run directory.
lab_print_log_tails() {
    local dir=$1 name f
    for name in dom0 "${SCN_GUESTS[@]}"; do
        f=$(lab_log_file "$dir" "$name")
        [ -s "$f" ] || continue
        echo "  last lines of $(basename "$f"):"
        tail -n 15 "$f" | cut -c1-200 | sed 's/^/    | /'
    done
}
