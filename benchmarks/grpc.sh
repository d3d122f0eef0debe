#!/bin/bash
# gRPC store throughput on loopback vs in-process (memory store), in one run.
# Usage (from the repository root): benchmarks/grpc.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/harness.sh
build_test_classpath castore-store-grpc
exec "$JAVA" -Xmx1g --enable-native-access=ALL-UNNAMED -cp "$(test_classpath castore-store-grpc)" \
    dev.castore.store.grpc.GrpcBenchmark
