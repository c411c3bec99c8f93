# One boot of the lab machine: QEMU (TCG) running Xen with dom0's
# initramfs, the host steps beside it, a hard timeout, progress on stdout.
# Sets LAB_BOOT_STATUS to one of:
#   done     dom0 printed HNF-DOM0-DONE and QEMU exited by itself
#   noexit   dom0 finished but QEMU had to be killed
#   crashed  a panic was seen on the console
#   exited   QEMU exited before dom0 finished
#   hung     the timeout expired first

LAB_PROGRESS_S=20
LAB_EXIT_GRACE_S=60
# Xen switches a vCPU's FPU/SSE/AVX state lazily (CR0.TS, restored on the
# first #NM) unless it believes the CPU is an Intel one that leaks across
# #NM. TCG's `max` model says AMD, so Xen goes lazy, and under QEMU 7.2 that
# corrupted user processes (wrong results, segfaults; presumably their
# FPU/vector state) whenever two domains shared a CPU. probes/tcg-stress.scn
# twice side by side: lazy, 28 wrong results and crashed processes in 6
# minutes, then the guest died; eager, 0 in all 700 checked runs
# (vm-images/README.md). Eager switching is on by default;
# HNF_LAB_XEN_FIXED_ARGS= turns it off, for the probe.
LAB_XEN_FIXED_ARGS=${HNF_LAB_XEN_FIXED_ARGS-spec-ctrl=eager-fpu}
LAB_PANIC_RE='Panic on CPU|Kernel panic - not syncing|Xen BUG at'

LAB_QEMU_PID=""
LAB_HOST_PID=""

lab_stop_boot_processes() {
    if [ -n "$LAB_QEMU_PID" ] && kill -0 "$LAB_QEMU_PID" 2>/dev/null; then
        kill "$LAB_QEMU_PID" 2>/dev/null
        sleep 1
        kill -9 "$LAB_QEMU_PID" 2>/dev/null
    fi
    if [ -n "$LAB_HOST_PID" ] && kill -0 "$LAB_HOST_PID" 2>/dev/null; then
        kill -- "-$LAB_HOST_PID" 2>/dev/null
    fi
    wait 2>/dev/null
    LAB_QEMU_PID="" LAB_HOST_PID=""
}

# lab_boot DIR XEN_ELF DOM0_KERNEL DOM0_CPIO TIMEOUT NETNS XEN_ARGS HOST_STEPS
lab_boot() {
    local dir=$1 xen=$2 kernel=$3 initrd=$4 tmo=$5 ns=$6 xargs=$7 hoststeps=$8
    local console=$dir/console.log t0=$SECONDS last=$SECONDS f
    mkdir -p "$dir"
    : >"$console"
    # QEMU splits -initrd at commas: the Xen multiboot modules list.
    for f in "$kernel" "$initrd"; do
        case $f in *,*) lab_fail "path '$f' contains a comma, which QEMU's -initrd cannot take" ;; esac
    done
    ip netns exec "$ns" qemu-system-x86_64 \
        -nodefaults -display none -no-reboot \
        -accel "${HNF_LAB_ACCEL:-tcg}" -cpu "${HNF_LAB_CPU:-max,-smap,-smep}" -m 2048 -smp 2 \
        -serial "file:$console" \
        -netdev "tap,id=hostnet,ifname=$LAB_TAP,script=no,downscript=no" \
        -device "e1000,netdev=hostnet,mac=52:54:00:99:00:02" \
        -netdev "tap,id=wirenet,ifname=$LAB_TAP2,script=no,downscript=no" \
        -device "e1000,netdev=wirenet,mac=52:54:00:99:01:02" \
        -kernel "$xen" \
        -append "console=com1 com1=115200,8n1 dom0_mem=1024M,max:1024M loglvl=all guest_loglvl=all noreboot $LAB_XEN_FIXED_ARGS $xargs" \
        -initrd "$kernel console=hvc0 earlyprintk=xen panic=-1 loglevel=4 rdinit=/init,$initrd" \
        </dev/null >"$dir/qemu.log" 2>&1 &
    LAB_QEMU_PID=$!
    lab_log "QEMU started (pid $LAB_QEMU_PID), console: $console"
    if [ -s "$hoststeps" ]; then
        HNF_CONSOLE_LOG=$console HNF_STEPS=$hoststeps HNF_DOM0_IP=$LAB_DOM0_IP \
            HNF_HOST_PORT=$LAB_HOST_PORT HNF_READY_TIMEOUT=$tmo \
            setsid ip netns exec "$ns" bash "$LAB_DIR/vm/host-run.sh" </dev/null >"$dir/host.log" 2>&1 &
        LAB_HOST_PID=$!
    fi
    LAB_BOOT_STATUS=hung
    while kill -0 "$LAB_QEMU_PID" 2>/dev/null; do
        if grep -aq '^HNF-DOM0-DONE' "$console"; then
            LAB_BOOT_STATUS=noexit
            break
        fi
        if grep -aqE "$LAB_PANIC_RE" "$console"; then
            LAB_BOOT_STATUS=crashed
            sleep 3
            break
        fi
        if [ $((SECONDS - t0)) -ge "$tmo" ]; then
            break
        fi
        if [ $((SECONDS - last)) -ge "$LAB_PROGRESS_S" ]; then
            last=$SECONDS
            lab_log "booted $((SECONDS - t0))s of ${tmo}s; console tail:"
            tail -n 6 "$console" | tr -d '\r' | cut -c1-160 | sed 's/^/    | /'
        fi
        sleep 1
    done
    if [ "$LAB_BOOT_STATUS" = noexit ]; then
        local t1=$SECONDS
        while kill -0 "$LAB_QEMU_PID" 2>/dev/null && [ $((SECONDS - t1)) -lt "$LAB_EXIT_GRACE_S" ]; do
            sleep 1
        done
        kill -0 "$LAB_QEMU_PID" 2>/dev/null || LAB_BOOT_STATUS=done
    elif [ "$LAB_BOOT_STATUS" = hung ] && ! kill -0 "$LAB_QEMU_PID" 2>/dev/null; then
        if grep -aq '^HNF-DOM0-DONE' "$console"; then
            LAB_BOOT_STATUS=done
        else
            LAB_BOOT_STATUS=exited
        fi
    fi
    LAB_BOOT_SECONDS=$((SECONDS - t0))
    if kill -0 "$LAB_QEMU_PID" 2>/dev/null; then
        lab_log "killing QEMU (pid $LAB_QEMU_PID): $LAB_BOOT_STATUS"
    fi
    lab_stop_boot_processes
    lab_log "boot finished: $LAB_BOOT_STATUS after ${LAB_BOOT_SECONDS}s"
}
