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
CASTORE=castore-distribution/image/target/castore/bin/castore
[ -x "$CASTORE" ] || ./mvnw -q package -DskipTests -pl castore-distribution/image -am
./mvnw -q -pl castore-store-grpc -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
. .mvn/jdk.sh
JAVA=$(java_command)
WORK=$(mktemp -d /var/tmp/castore-load.XXXXXX)
OUT=target/load.txt
mkdir -p target
pid=""
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

# run NAME ARGS...: a daemon on a free port, the load against it, its peak RSS; then stop it.
run() {
    local name=$1; shift
    XDG_DATA_HOME="$WORK/$name-data" "$CASTORE" daemon --listen 127.0.0.1:0 "$@" > "$WORK/$name.log" 2>&1 &
    pid=$!
    for _ in $(seq 150); do
        grep -q "listening on" "$WORK/$name.log" 2>/dev/null && break
        sleep 0.2
    done
    local url
    url=$(grep -o 'grpc+http://127.0.0.1:[0-9]*' "$WORK/$name.log" | head -1)
    # The launcher execs the JVM, so the daemon is this very process.
    echo "== daemon on $name ($url), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    local status=0
    "$JAVA" -Xmx1g --enable-native-access=ALL-UNNAMED \
        -cp "castore-store-grpc/target/test-classes:castore-store-grpc/target/classes:$(cat castore-store-grpc/target/benchmark.classpath)" \
        dev.castore.store.grpc.LoadTest "$url" "$CLIENTS" "$SECONDS_EACH" || status=$?
    echo "  daemon peak RSS: $(grep VmHWM /proc/$pid/status | awk '{print $2, $3}'), load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
    return $status
}
{
    echo "load.sh $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $CLIENTS clients, $SECONDS_EACH s each"
    run memory --blob-service memory:// --directory-service memory://
    run default-store
} 2>&1 | tee "$OUT"
exit "${PIPESTATUS[0]}"
