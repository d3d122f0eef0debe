#!/bin/bash
# A bounded load on `castore daemon` from the built image, on loopback: CLIENTS clients (default
# 16) for SECONDS (default 30) each putting and reading back blobs (4 KiB..1 MiB) and closures of
# 50 directories (dev.castore.store.grpc.LoadTest), against the daemon on memory:// and on the
# embedded default store, one after the other. Prints operations/s, p50/p99 latency, errors (the
# run fails on any) and the daemon's peak RSS (VmHWM); writes it all to target/load.txt.
# Usage: benchmarks/load.sh [CLIENTS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${1:-16}
SECONDS_EACH=${2:-30}
. benchmarks/harness.sh
build_image
build_test_classpath castore-store-grpc -am
work_dir castore-load
OUT=target/load.txt
mkdir -p target

# run NAME ARGS...: a daemon on a free port, the load against it, its peak RSS; then stop it.
run() {
    local name=$1; shift
    daemon_start "$name" "$@"
    local url
    url=$(daemon_logged "$name")
    echo "== daemon on $name ($url), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    local status=0
    "$JAVA" -Xmx1g --enable-native-access=ALL-UNNAMED -cp "$(test_classpath castore-store-grpc)" \
        dev.castore.store.grpc.LoadTest "$url" "$CLIENTS" "$SECONDS_EACH" || status=$?
    echo "  daemon peak RSS: $(grep VmHWM /proc/$daemon_pid/status | awk '{print $2, $3}'), load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    kill "$daemon_pid"; wait "$daemon_pid" 2>/dev/null || true
    return $status
}
{
    echo "load.sh $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $CLIENTS clients, $SECONDS_EACH s each"
    run memory --blob-service memory:// --directory-service memory://
    run default-store
} 2>&1 | tee "$OUT"
exit "${PIPESTATUS[0]}"
