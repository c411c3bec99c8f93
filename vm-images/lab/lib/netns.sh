# The host side of the lab's network: a namespace holding a tap device that
# QEMU (started inside the same namespace) wires to dom0's e1000 NIC. Host
# steps run there too, so lab traffic never touches the host's own network.

LAB_TAP=hnftap0
# A second tap wired to dom0's second e1000 (eth1), with no address and no
# IPv6, so that only what a scenario sends crosses it (nic.scn attaches
# eth1 to a HyperNF switch port; eth0 keeps carrying the lab's own traffic).
LAB_TAP2=hnftap1
LAB_HOST_IP=10.99.0.1
LAB_DOM0_IP=10.99.0.2
LAB_BRIDGE_IP=10.99.1.1

# Namespaces are named hnflab-<pid of run>; remove those whose run is gone.
lab_netns_reap() {
    local ns pid
    for ns in $(ip netns list 2>/dev/null | awk '{ print $1 }'); do
        case $ns in
            hnflab-*)
                pid=${ns#hnflab-}
                if ! kill -0 "$pid" 2>/dev/null; then
                    lab_netns_down "$ns"
                fi
                ;;
        esac
    done
}

lab_netns_up() {
    local ns=$1
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    ip -n "$ns" tuntap add dev "$LAB_TAP" mode tap
    ip -n "$ns" addr add "$LAB_HOST_IP/24" dev "$LAB_TAP"
    ip -n "$ns" link set "$LAB_TAP" up
    ip -n "$ns" tuntap add dev "$LAB_TAP2" mode tap
    ip netns exec "$ns" sysctl -qw "net.ipv6.conf.$LAB_TAP2.disable_ipv6=1"
    ip -n "$ns" link set "$LAB_TAP2" up
}

lab_netns_down() {
    local ns=$1
    ip -n "$ns" link del "$LAB_TAP" 2>/dev/null
    ip -n "$ns" link del "$LAB_TAP2" 2>/dev/null
    ip netns del "$ns" 2>/dev/null
    return 0
}
