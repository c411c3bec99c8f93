# Host packages the lab needs, installed from Debian's archive when missing.

LAB_HOST_PACKAGES=(
    qemu-system-x86 busybox-static linux-headers-amd64 build-essential cpio
    debootstrap kmod iproute2 iputils-ping dpkg-dev ca-certificates xz-utils zstd curl
)

lab_missing_host_packages() {
    local p
    for p in "${LAB_HOST_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
            || printf '%s\n' "$p"
    done
}

lab_install_host_packages() {
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends "$@"
}

# The Debian kernel ABI (e.g. 6.1.0-41-amd64) is whatever linux-headers-amd64
# depends on; the booted kernel must be exactly that one so that modules
# built against /usr/src/linux-headers-$KV carry a matching vermagic.
lab_kernel_abi() {
    local dep
    dep=$(dpkg-query -W -f='${Depends}' linux-headers-amd64 2>/dev/null) || return 1
    dep=$(printf '%s\n' "$dep" | grep -oE 'linux-headers-[0-9][^ ,]*' | head -n1)
    [ -n "$dep" ] || return 1
    printf '%s\n' "${dep#linux-headers-}"
}
