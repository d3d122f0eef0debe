#!/bin/bash
# Object store blob throughput (file:// and s3proxy on loopback) next to b3sum on the same data.
# Usage (from the repository root): [HEAP=256m] benchmarks/objectstore.sh [size in MiB, default 1024]
# Needs b3sum for the reference figure (apt-get install -y b3sum).
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/harness.sh
build_test_classpath castore-store-objectstore-s3 -am
exec "$JAVA" -Xmx"${HEAP:-256m}" --enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$(test_classpath castore-store-objectstore-s3)" \
    dev.castore.store.objectstore.bench.ObjectStoreBenchmark "$@"
