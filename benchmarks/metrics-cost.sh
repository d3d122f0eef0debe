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
CASTORE=castore-distribution/image/target/castore/bin/castore
[ -x "$CASTORE" ] || ./mvnw -q package -DskipTests -pl castore-distribution/image -am
./mvnw -q -pl castore-store-grpc -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
. .mvn/jdk.sh
JAVA=$(java_command)
WORK=$(mktemp -d /var/tmp/castore-metrics-cost.XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

# start NAME ARGS...: a daemon on memory:// and a free port (in this shell, so that the trap can stop it).
start() {
    local name=$1; shift
    XDG_DATA_HOME="$WORK/$name-data" "$CASTORE" daemon --store memory:// --listen 127.0.0.1:0 "$@" \
        > "$WORK/$name.log" 2>&1 &
    pids+=($!)
    eval "${name}_pid=$!"
}
# found NAME PATTERN: what the daemon NAME logged matching PATTERN, once it is listening.
found() {
    for _ in $(seq 100); do
        grep -q "listening on" "$WORK/$1.log" 2>/dev/null && break
        sleep 0.2
    done
    grep -o "$2" "$WORK/$1.log" | head -1
}
start plain
# shellcheck disable=SC2086
start metrics ${MEASURED_ARGS---metrics-listen 127.0.0.1:0}
PLAIN=$(found plain 'grpc+http://127.0.0.1:[0-9]*')
METRICS=$(found metrics 'grpc+http://127.0.0.1:[0-9]*')
SCRAPE=$(found metrics 'http://127.0.0.1:[0-9]*/metrics' || true)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (on $(nproc) cores)"
for size_puts in ${SIZES:-1024:500 65536:100}; do
    "$JAVA" -Xmx256m \
        -cp "castore-store-grpc/target/test-classes:castore-store-grpc/target/classes:$(cat castore-store-grpc/target/benchmark.classpath)" \
        dev.castore.store.grpc.DaemonPutCost "$PLAIN" "$plain_pid" "$METRICS" "$metrics_pid" \
        "${size_puts%:*}" "$ROUNDS" "${size_puts#*:}"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
[ -z "$SCRAPE" ] || curl -s "$SCRAPE" | grep -E '^castore_store_(operations_total|bytes_total)\{.*(operation="put"|direction="written")' || true
