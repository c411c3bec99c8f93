# Helpers for scenario steps, sourced by dom0's and the guests' /init
# (POSIX sh: dash in dom0, busybox ash in guests) and by the host runner.
# Results travel as console lines that the host-side verdict reads:
#   HNF-CHECK <name> PASS|FAIL ...   one per hnf_check
#   HNF-MARK <text>                  free-form progress markers

hnf_mark() {
    echo "HNF-MARK $*"
}

# hnf_check NAME COMMAND [ARGS...]: run COMMAND, print its output and one
# HNF-CHECK line; any FAIL line fails the scenario.
hnf_check() {
    hnf_check_name=$1
    shift
    "$@" 2>&1
    hnf_check_rc=$?
    if [ "$hnf_check_rc" -eq 0 ]; then
        echo "HNF-CHECK $hnf_check_name PASS"
    else
        echo "HNF-CHECK $hnf_check_name FAIL (exit $hnf_check_rc: $*)"
    fi
    return "$hnf_check_rc"
}

# hnf_insmod NAME [PARAM=VALUE...]: load a project module shipped in
# /hnf/modules and show what it logged. A failing dmesg fails the call
# (a pipeline would hide it behind tail's exit status).
hnf_insmod() {
    hnf_insmod_name=$1
    shift
    insmod "/hnf/modules/$hnf_insmod_name.ko" "$@" || return $?
    dmesg >/tmp/hnf-dmesg.txt || return $?
    grep -a "$hnf_insmod_name" /tmp/hnf-dmesg.txt | tail -n 5
    return 0
}

hnf_uptime() {
    cut -d' ' -f1 /proc/uptime
}
