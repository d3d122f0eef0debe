#!/bin/bash
# What the daemon's metrics cost on the blob put path that an operator runs: two daemons from the
# built image on memory://, the same but for --metrics-listen, driven side by side over gRPC on
# loopback by dev.castore.store.grpc.DaemonPutCost (sequential puts of one blob, rounds
# alternating which daemon goes first), for 1 KiB and 64 KiB blobs. Prints the client's wall time
# and the daemon's CPU time per put, as ratios against the daemon without metrics, then what the
# measured daemon's /metrics counted.
# Usage: benchmarks/metrics-cost.sh [ROUNDS]   (default 40)
# SIZES lists SIZE:PUTS-PER-ROUND pairs (default "1024:500 65536:100"). MEASURED_ARGS replaces
# the measured daemon's extra arguments; MEASURED_ARGS= (none) runs the same daemon twice, which
# shows how far two identical daemons differ on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-40}
. benchmarks/harness.sh
build_image
build_test_classpath castore-store-grpc -am
work_dir castore-metrics-cost
daemon_start plain --store memory://
plain_pid=$daemon_pid
# shellcheck disable=SC2086
daemon_start metrics --store memory:// ${MEASURED_ARGS---metrics-listen 127.0.0.1:0}
metrics_pid=$daemon_pid
PLAIN=$(daemon_logged plain)
METRICS=$(daemon_logged metrics)
SCRAPE=$(daemon_logged metrics 'http://127.0.0.1:[0-9]*/metrics' || true)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (on $(nproc) cores)"
for size_puts in ${SIZES:-1024:500 65536:100}; do
    "$JAVA" -Xmx256m -cp "$(test_classpath castore-store-grpc)" \
        dev.castore.store.grpc.DaemonPutCost "$PLAIN" "$plain_pid" "$METRICS" "$metrics_pid" \
        "${size_puts%:*}" "$ROUNDS" "${size_puts#*:}"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
[ -z "$SCRAPE" ] || curl -s "$SCRAPE" | grep -E '^castore_store_(operations_total|bytes_total)\{.*(operation="put"|direction="written")' || true
