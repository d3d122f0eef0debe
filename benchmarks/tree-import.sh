#!/bin/bash
# A real tree into castore's embedded default store, next to restic and borg, in one run:
# /usr/share and the Temurin 25 JDK (a copy, see tree.sh), page cache warm, each tool into a
# fresh local repository, then a second run of the unchanged tree. Wall time and peak RSS come
# from /usr/bin/time -v. castore runs from the built image (./mvnw package ... image -am).
# Usage: benchmarks/tree-import.sh   (WITH_OBJECTSTORE=1 adds the previous default, objectstore+file://;
# WITH_DAEMON=1 an import through a daemon on loopback with memory:// behind it; CASTORE=PATH runs
# another image's bin/castore)
# Installs restic, borgbackup and time with apt-get when missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/tree.sh

need=()
command -v restic >/dev/null || need+=(restic)
command -v borg >/dev/null || need+=(borgbackup)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || { echo "missing: ${need[*]}; install them (apt-get install ${need[*]})" >&2; exit 1; }
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

CASTORE=${CASTORE:-castore-distribution/image/target/castore/bin/castore}
[ -x "$CASTORE" ] || ./mvnw -q package -DskipTests -pl castore-distribution/image -am
TREE=$(benchmark_tree)
WORK=$(mktemp -d /var/tmp/castore-tree-import.XXXXXX)
DAEMON=
trap '[ -z "$DAEMON" ] || { kill "$DAEMON"; wait "$DAEMON" || true; }; rm -rf "$WORK"' EXIT
find "$TREE" -type f -exec cat {} + > /dev/null   # page cache warm for every tool

# run NAME COMMAND...: one timed run; prints "seconds peak-RSS-KiB" into $WORK/NAME.
run() {
    local name=$1; shift
    sync
    /usr/bin/time -v -o "$WORK/$name.time" "$@" > "$WORK/$name.out" 2> "$WORK/$name.err" \
        || { echo "$name failed:" >&2; tail -5 "$WORK/$name.err" >&2; exit 1; }
    awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
                /Maximum resident set size/ { rss = $2 }
                END { printf "%.2f %d\n", s, rss }' "$WORK/$name.time" > "$WORK/$name"
}

CASTORE_ENV=(env XDG_DATA_HOME="$WORK/castore-data" XDG_CACHE_HOME="$WORK/castore-cache")

echo "tree: $TREE ($(find "$TREE" -type f | wc -l) files, $(find "$TREE" -type d | wc -l) directories," \
     "$(find "$TREE" -type l | wc -l) symlinks, $(du -s --apparent-size -B1 "$TREE" | cut -f1) bytes)"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

run castore-1 "${CASTORE_ENV[@]}" "$CASTORE" import --no-progress "$TREE"
run castore-2 "${CASTORE_ENV[@]}" "$CASTORE" import --no-progress "$TREE"
run memory-1 "$CASTORE" import --no-progress --blob-service memory:// --directory-service memory:// "$TREE"

export RESTIC_PASSWORD=benchmark RESTIC_CACHE_DIR="$WORK/restic-cache"
restic init --quiet --repo "$WORK/restic" > /dev/null
run restic-1 restic backup --quiet --repo "$WORK/restic" "$TREE"
run restic-2 restic backup --quiet --repo "$WORK/restic" "$TREE"

export BORG_BASE_DIR="$WORK/borg-base" BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes
borg init --encryption none "$WORK/borg"
run borg-1 borg create "$WORK/borg::first" "$TREE"
run borg-2 borg create "$WORK/borg::second" "$TREE"

if [ -n "${WITH_OBJECTSTORE:-}" ]; then
    OS="objectstore+file://$WORK/objectstore"
    run objectstore-1 "$CASTORE" import --no-progress --blob-service "$OS" --directory-service "$OS" "$TREE"
    run objectstore-2 "$CASTORE" import --no-progress --blob-service "$OS" --directory-service "$OS" "$TREE"
fi

if [ -n "${WITH_DAEMON:-}" ]; then
    # Each file a Put through gRPC; the second run asks the daemon whether it has each file's blob.
    "$CASTORE" daemon --listen 127.0.0.1:0 --blob-service memory:// --directory-service memory:// > "$WORK/daemon.log" 2>&1 &
    DAEMON=$!
    for _ in $(seq 150); do grep -q "listening on" "$WORK/daemon.log" && break; sleep 0.2; done
    URL=$(grep -o "grpc+http://127.0.0.1:[0-9]*" "$WORK/daemon.log" | head -1)
    run daemon-1 "${CASTORE_ENV[@]}" "$CASTORE" import --no-progress --blob-service "$URL" --directory-service "$URL" "$TREE"
    run daemon-2 "${CASTORE_ENV[@]}" "$CASTORE" import --no-progress --blob-service "$URL" --directory-service "$URL" "$TREE"
fi

echo "load average before and after: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg) (on $(nproc) cores)"
echo "store sizes: castore $(du -s -B1M "$WORK/castore-data" | cut -f1) MiB, restic $(du -s -B1M "$WORK/restic" | cut -f1) MiB," \
     "borg $(du -s -B1M "$WORK/borg" | cut -f1) MiB"
read -r R1 _ < "$WORK/restic-1"
read -r B1 _ < "$WORK/borg-1"
read -r B2 _ < "$WORK/borg-2"
printf '%-40s %10s %12s %11s %12s %9s %9s\n' "command" "first run" "peak RSS" "second run" "peak RSS" "1st/restic" "2nd/borg"
row() {
    local label=$1 a=$2 b=${3:-}
    read -r t1 m1 < "$WORK/$a"
    local t2="" m2="" r2=""
    if [ -n "$b" ]; then read -r t2 m2 < "$WORK/$b"; r2=$(awk -v x="$t2" -v y="$B2" 'BEGIN { printf "%.2fx", x / y }'); fi
    printf '%-40s %9ss %8s MiB %10s %12s %9s %9s\n' "$label" "$t1" "$((m1 / 1024))" "${t2:+${t2}s}" "${m2:+$((m2 / 1024)) MiB}" \
        "$(awk -v x="$t1" -v y="$R1" 'BEGIN { printf "%.2fx", x / y }')" "$r2"
}
row "castore import (default store, rocksdb)" castore-1 castore-2
row "castore import into memory://" memory-1
[ -n "${WITH_OBJECTSTORE:-}" ] && row "castore import (objectstore+file://)" objectstore-1 objectstore-2
[ -n "${WITH_DAEMON:-}" ] && row "castore import through a daemon (memory://)" daemon-1 daemon-2
row "restic backup" restic-1 restic-2
row "borg create -e none" borg-1 borg-2
echo "goals: first run <= 0.50x restic and below borg ($B1 s); second run below borg's ($B2 s); peak RSS < 256 MiB"
