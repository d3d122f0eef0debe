#!/bin/bash
# The embedded store's engine, chosen by measurement: stores the benchmark tree (see
# tree-import.sh) into RocksDB (three settings), SQLite and H2's MVStore as the store would (chunks
# by digest, chunk lists, two writer threads, one sync at the end), each in its own JVM under
# /usr/bin/time. Digests are computed once beforehand, so the figures are the engines'.
# Usage: benchmarks/engines.sh [ENGINE...]
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/tree.sh

./mvnw -q -pl castore-benchmarks -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/engines.classpath -Dmdep.includeScope=compile
CP="castore-benchmarks/target/classes:$(cat castore-benchmarks/target/engines.classpath)"
. .mvn/jdk.sh
JAVA=$(java_command)

TREE=$(benchmark_tree)
MANIFEST=/var/tmp/castore-engines.manifest
[ -f "$MANIFEST" ] || "$JAVA" -cp "$CP" dev.castore.benchmarks.engines.EngineImport manifest "$MANIFEST" "$TREE"
find "$TREE" -type f -exec cat {} + > /dev/null   # page cache warm, as for every run

WORK=$(mktemp -d /var/tmp/castore-engines.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (on $(nproc) cores)"
for engine in "${@:-rocksdb rocksdb-lz4 rocksdb-wal sqlite mvstore}"; do
    for e in $engine; do
        /usr/bin/time -f "%M" -o "$WORK/rss" "$JAVA" -Xmx256m --enable-native-access=ALL-UNNAMED -cp "$CP" \
            dev.castore.benchmarks.engines.EngineImport "$e" "$MANIFEST" "$WORK/$e" | tr -d '\n'
        echo "  peak RSS $(( $(cat "$WORK/rss") / 1024 )) MiB"
        rm -rf "${WORK:?}/$e"
        sync
    done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
