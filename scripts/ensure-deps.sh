# Sourced by the launcher and the test script: installs the Java build tools when missing
# (on Debian, as root), so that both README commands work on a fresh machine.
ensure_java_build_deps() {
  local missing=()
  command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null 2>&1 || missing+=(maven)
  command -v gcc >/dev/null 2>&1 || missing+=(gcc libc6-dev)
  if [ "$(id -u)" = 0 ]; then
    command -v tshark >/dev/null 2>&1 || missing+=(tshark)
    command -v ip >/dev/null 2>&1 || missing+=(iproute2)
    command -v ethtool >/dev/null 2>&1 || missing+=(ethtool)
    # The firewall's namespace test drives real TCP with curl against python3's http.server.
    command -v curl >/dev/null 2>&1 || missing+=(curl)
    command -v python3 >/dev/null 2>&1 || missing+=(python3)
    # hypernf's SIGINT test signals a child JVM with kill(1) (bash's builtin is not a program).
    [ -x /usr/bin/kill ] || [ -x /bin/kill ] || missing+=(procps)
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "missing: ${missing[*]} — install them (apt-get install ${missing[*]}) or run as root" >&2
      return 1
    fi
    echo "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}
