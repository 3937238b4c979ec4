#!/usr/bin/env bash
# Market status (GET /api/v1/markets/NYSE/status) against the constant-JSON baseline
# (GET /api/v1/bench/constant), wrk -t2 -c16 and -c64, 15 s each, A/B in turn.
# Target (BENCHMARKS.md): status >= 0.8x the constant endpoint's req/s. Settings: see bench/http.sh.
exec "$(dirname "${BASH_SOURCE[0]}")/http.sh" "${1:-/api/v1/markets/NYSE/status}" /api/v1/bench/constant
