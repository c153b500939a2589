#!/usr/bin/env bash
# Installs what the benchmarks compare against: mtail (Debian package), the peer that bench/sidecar-cost.ts runs on the
# same writer as wsgiwatch. Idempotent; the bench calls it.
set -euo pipefail
packages=(mtail)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "bench packages present: ${packages[*]}"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
# policy-rc.d keeps the packaged mtail service from being started by the install: the bench runs its own.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
fi
# Another install (scripts/install-system-deps.sh) may hold the dpkg lock: wait for it rather than fail.
apt=($SUDO apt-get -o DPkg::Lock::Timeout=900 -y -qq --no-install-recommends)
"${apt[@]}" install "${missing[@]}" || {
  "${apt[@]}" update
  "${apt[@]}" install "${missing[@]}"
}
