#!/bin/bash
# Object store blob throughput (file:// and s3proxy on loopback) next to b3sum on the same data.
# Usage (from the repository root): [HEAP=256m] [BLAKE3=portable] benchmarks/objectstore.sh
# [size in MiB, default 1024]; the native BLAKE3 by default, as in the image.
# Needs b3sum for the reference figure (apt-get install -y b3sum).
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/harness.sh
native_blake3
build_test_classpath castore-store-objectstore-s3 -am
exec "$JAVA" -Xmx"${HEAP:-256m}" "${NATIVE_BLAKE3_ARGS[@]}" ${BLAKE3:+-Dcastore.blake3=$BLAKE3} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$(test_classpath castore-store-objectstore-s3):$NATIVE_BLAKE3_CP" \
    dev.castore.store.objectstore.bench.ObjectStoreBenchmark "$@"
