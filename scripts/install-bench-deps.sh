#!/usr/bin/env bash
# Installs what the benchmarks compare against: mtail (Debian package), the peer that bench/sidecar-cost.ts runs on the
# same writer as wsgiwatch. Idempotent; the bench calls it.
set -euo pipefail
exec bash "$(dirname "$0")/install-system-deps.sh" mtail
