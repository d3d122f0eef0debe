#!/bin/bash
# The daemon on the embedded default store (rocksdb) next to the daemon on memory://, both from the
# built image, driven over gRPC on loopback by dev.castore.store.grpc.DaemonBenchmark: blob put and
# read (256 MiB), closure put and recursive get (100,001 directories), and 8 clients at once putting
# and reading small blobs (every put durable when it returns).
# Usage: benchmarks/daemon.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CASTORE=castore-distribution/image/target/castore/bin/castore
[ -x "$CASTORE" ] || ./mvnw -q package -DskipTests -pl castore-distribution/image -am
./mvnw -q -pl castore-store-grpc -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
. .mvn/jdk.sh
JAVA=$(java_command)
WORK=$(mktemp -d /var/tmp/castore-daemon-bench.XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

# start NAME ARGS...: a daemon on a free port (in this shell, so that the trap can stop it).
start() {
    local name=$1; shift
    XDG_DATA_HOME="$WORK/$name-data" "$CASTORE" daemon --listen 127.0.0.1:0 "$@" > "$WORK/$name.log" 2>&1 &
    pids+=($!)
}
# url NAME: the URL the daemon NAME listens on, once it says so.
url() {
    for _ in $(seq 100); do
        grep -q "listening on" "$WORK/$1.log" 2>/dev/null && break
        sleep 0.2
    done
    grep -o 'grpc+http://127.0.0.1:[0-9]*' "$WORK/$1.log" | head -1
}
start rocksdb
start memory --blob-service memory:// --directory-service memory://
ROCKSDB=$(url rocksdb)
MEMORY=$(url memory)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (on $(nproc) cores)"
"$JAVA" -Xmx1g --enable-native-access=ALL-UNNAMED \
    -cp "castore-store-grpc/target/test-classes:castore-store-grpc/target/classes:$(cat castore-store-grpc/target/benchmark.classpath)" \
    dev.castore.store.grpc.DaemonBenchmark "daemon on rocksdb=$ROCKSDB" "daemon on memory://=$MEMORY"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
