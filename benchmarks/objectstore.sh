#!/bin/sh
# Object store blob throughput (file:// and s3proxy on loopback) next to b3sum on the same data.
# Usage (from the repository root): [HEAP=256m] benchmarks/objectstore.sh [size in MiB, default 1024]
# Needs b3sum for the reference figure (apt-get install -y b3sum).
set -e
cd "$(dirname "$0")/.."
./mvnw -q -pl castore-store-objectstore test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
. .mvn/jdk.sh
JAVA=$(java_command)
M=castore-store-objectstore
exec "$JAVA" -Xmx"${HEAP:-256m}" --enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$M/target/test-classes:$M/target/classes:$(cat $M/target/benchmark.classpath)" \
    dev.castore.store.objectstore.bench.ObjectStoreBenchmark "$@"
