#!/bin/bash
# Runs a scenario's [host] steps inside the lab's network namespace, once
# dom0 is ready, then tells dom0 (TCP to its lab address) that it may finish.
# Environment: HNF_CONSOLE_LOG HNF_STEPS HNF_DOM0_IP HNF_HOST_PORT HNF_READY_TIMEOUT
. "$(dirname "$0")/hnf-lib.sh"

# hnf_wait_console REGEX TIMEOUT_S: wait for a line in the serial console.
hnf_wait_console() {
    local regex=$1 tmo=$2 t0=$SECONDS
    until tr -d '\r' <"$HNF_CONSOLE_LOG" | grep -aqE "$regex"; do
        if [ $((SECONDS - t0)) -ge "$tmo" ]; then
            echo "no console line matching '$regex' within ${tmo}s"
            return 1
        fi
        sleep 1
    done
}

echo "HNF-HOST-WAIT dom0 ready, in namespace $(ip netns identify $$)"
if hnf_wait_console '^HNF-DOM0-READY' "$HNF_READY_TIMEOUT"; then
    echo "HNF-HOST-STEPS-BEGIN"
    ( . "$HNF_STEPS" )
    rc=$?
    echo "HNF-HOST-STEPS-END rc=$rc"
else
    echo "HNF-CHECK host-dom0-ready FAIL"
    rc=1
fi
echo "HNF-HOST-DONE rc=$rc"
# dom0 listens only after its guests finished: retry until it does.
while ! timeout 5 bash -c 'echo "host-steps-done rc=$1" >"/dev/tcp/$2/$3"' _ "$rc" "$HNF_DOM0_IP" "$HNF_HOST_PORT" 2>/dev/null; do
    sleep 2
done
echo "HNF-HOST-SIGNALLED"
