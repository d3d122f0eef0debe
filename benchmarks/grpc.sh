#!/bin/sh
# gRPC store throughput on loopback vs in-process (memory store), in one run.
# Usage (from the repository root): benchmarks/grpc.sh
set -e
cd "$(dirname "$0")/.."
./mvnw -q -pl castore-store-grpc test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
. .mvn/jdk.sh
JAVA=$(java_command)
exec "$JAVA" -Xmx1g --enable-native-access=ALL-UNNAMED \
    -cp "castore-store-grpc/target/test-classes:castore-store-grpc/target/classes:$(cat castore-store-grpc/target/benchmark.classpath)" \
    dev.castore.store.grpc.GrpcBenchmark
