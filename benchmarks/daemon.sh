#!/bin/bash
# The daemon on the embedded default store (rocksdb) next to the daemon on memory://, both from the
# built image, driven over gRPC on loopback by dev.castore.store.grpc.DaemonBenchmark: blob put and
# read (256 MiB), closure put and recursive get (100,001 directories), and 8 clients at once putting
# and reading small blobs (every put durable when it returns).
# Usage: benchmarks/daemon.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/harness.sh
build_image
build_test_classpath castore-store-grpc -am
work_dir castore-daemon-bench
daemon_start rocksdb
daemon_start memory --blob-service memory:// --directory-service memory://
ROCKSDB=$(daemon_logged rocksdb)
MEMORY=$(daemon_logged memory)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (on $(nproc) cores)"
"$JAVA" -Xmx1g --enable-native-access=ALL-UNNAMED -cp "$(test_classpath castore-store-grpc)" \
    dev.castore.store.grpc.DaemonBenchmark "daemon on rocksdb=$ROCKSDB" "daemon on memory://=$MEMORY"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
