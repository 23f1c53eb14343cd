#!/usr/bin/env bash
# `make demo`: starts the sandbox on a free port of 127.0.0.1, lists customers and products
# through the CLI and the Python client, and stops the sandbox by its PID however the demo
# ends (success, failure or Ctrl-C).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
workdir=$(mktemp -d)
ready="$workdir/url"
log="$workdir/sandbox.log"

"$bin/piriod" sandbox --port 0 --ready-file "$ready" >"$log" 2>&1 &
sandbox_pid=$!
stop_sandbox() {
  kill "$sandbox_pid" 2>/dev/null || true
  wait "$sandbox_pid" 2>/dev/null || true
  rm -rf "$workdir"
}
trap stop_sandbox EXIT
trap 'exit 130' INT TERM

for _ in $(seq 1 300); do   # up to 15 s for the dataset to build and the port to listen
  [ -s "$ready" ] && break
  if ! kill -0 "$sandbox_pid" 2>/dev/null; then cat "$log"; echo "the sandbox did not start"; exit 1; fi
  sleep 0.05
done
[ -s "$ready" ] || { cat "$log"; echo "the sandbox did not start within 15 s"; exit 1; }
cat "$log"

export PIRIOD_BASE_URL="$(cat "$ready")"
export PIRIOD_API_TOKEN=sk_test_sandbox
export PIRIOD_WORKSPACE=acc_sandbox

run() { echo; echo "\$ $*"; "$@"; }
run "$bin/piriod" customers list --country CL --ordering name --limit 12 --format table
run "$bin/piriod" products list --limit 8 --format table
run "$bin/piriod" customers list --format csv --output "$workdir/customers.csv" --no-progress
echo "customers.csv: $(($(wc -l <"$workdir/customers.csv") - 1)) rows"
run "$bin/python" examples/quickstart.py
