#!/usr/bin/env bash
# The same fixtures made with Go 1.22 (Debian bookworm-backports' golang-1.22) into go122/: make-fixtures.sh
# with GO=/usr/lib/go-1.22/bin/go, other ports, and 10 s between the collector's captures (enough here: the
# tests pair and compare, they time nothing).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
GO="${GO122:-/usr/lib/go-1.22/bin/go}" OUT="$HERE/go122" PORT="${PORT:-38981}" DOCKER_PORT="${DOCKER_PORT:-38982}" \
  COLLECT_GAP="${COLLECT_GAP:-10}" "$HERE/make-fixtures.sh"
GOTOOLCHAIN=local "${GO122:-/usr/lib/go-1.22/bin/go}" version >"$HERE/go122/GO_VERSION"
