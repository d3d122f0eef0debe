#!/bin/bash
# gRPC store throughput on loopback vs in-process (memory store), in one run.
# Usage (from the repository root): [BLAKE3=portable] benchmarks/grpc.sh (default: the native
# BLAKE3, as in the image)
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/harness.sh
native_blake3
build_test_classpath castore-store-grpc
exec "$JAVA" -Xmx1g "${NATIVE_BLAKE3_ARGS[@]}" ${BLAKE3:+-Dcastore.blake3=$BLAKE3} -cp "$(test_classpath castore-store-grpc):$NATIVE_BLAKE3_CP" \
    dev.castore.store.grpc.GrpcBenchmark
