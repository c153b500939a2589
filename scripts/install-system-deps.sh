#!/usr/bin/env bash
# Installs the Debian packages the integration tests use: a real Apache with mod_wsgi 4.9.4 (reproduces the daemon-mode
# throttling), Prometheus with promtool, tmux (real-terminal dashboard test), logrotate, openssl (self-signed certificates
# for the TLS scrape tests), chromium (the HTML report and web page tests drive it with playwright-core). Idempotent.
# With arguments, installs those packages instead (scripts/install-bench-deps.sh: the benchmarks' peers).
set -euo pipefail
packages=(apache2 libapache2-mod-wsgi-py3 prometheus tmux logrotate openssl chromium)
[ $# -eq 0 ] || packages=("$@")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages present: ${packages[*]}"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=900 update -qq
# policy-rc.d keeps the packaged services (Apache, Prometheus) from being started by the install: tests run their own.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
fi
$SUDO apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}"
