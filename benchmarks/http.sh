#!/bin/bash
# A large file over HTTP next to castore cat, from one store in one run (an objectstore+file://
# store, which two processes can read at once; the embedded RocksDB one is held by one): the built image's
# `castore serve-http` (JDK HTTP server, the server's JVM already running) read with
# `curl -o /dev/null`, and `castore cat` (JVM start included) into /dev/null, alternating.
#
# Usage (from anywhere): benchmarks/http.sh
#   SIZE=1024       file size in MiB
#   RUNS=3          runs of each
#   WORK=/var/tmp/castore-http-bench   where the file and the store go (a disk, not tmpfs)
#   SKIP_BUILD=1    use the image as it is
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${SIZE:-1024}
RUNS=${RUNS:-3}
WORK=${WORK:-/var/tmp/castore-http-bench}
C="$(pwd)/castore-distribution/image/target/castore/bin/castore"
if [ -z "${SKIP_BUILD:-}" ]; then
    ./mvnw -q package -DskipTests -pl castore-distribution/image -am >&2
fi
rm -rf "$WORK" && mkdir -p "$WORK/src"
export XDG_DATA_HOME="$WORK/data" XDG_CACHE_HOME="$WORK/cache"
STORE=(--blob-service "objectstore+file://$WORK/store" --directory-service "objectstore+file://$WORK/store")
head -c "$((SIZE << 20))" /dev/urandom > "$WORK/src/big.bin"
dir=$("$C" import --no-progress "${STORE[@]}" "$WORK/src" | sed -n 's/^  digest: //p')
blob=$("$C" ls "${STORE[@]}" "$dir" | awk '/big.bin/ {print $3}')
rm -f "$WORK/src/big.bin"
"$C" serve-http "${STORE[@]}" "$dir" --listen 127.0.0.1:0 > "$WORK/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    grep -q 'listening on' "$WORK/serve.log" && break
    sleep 0.1
done
url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$WORK/serve.log")big.bin
echo "file: $SIZE MiB, blob $blob, served at $url"
printf '%-34s %8s %10s\n' "reader" "seconds" "MB/s"
for run in $(seq 1 "$RUNS"); do
    s=$(date +%s.%N)
    curl -sf -o /dev/null "$url"
    e=$(date +%s.%N)
    printf '%-34s %8.2f %10.0f\n' "http: curl -o /dev/null (run $run)" "$(echo "$e - $s" | bc)" \
        "$(echo "$SIZE * 1.048576 / ($e - $s)" | bc -l)"
    s=$(date +%s.%N)
    "$C" cat "${STORE[@]}" "$blob" > /dev/null
    e=$(date +%s.%N)
    printf '%-34s %8.2f %10.0f\n' "castore cat > /dev/null (run $run)" "$(echo "$e - $s" | bc)" \
        "$(echo "$SIZE * 1.048576 / ($e - $s)" | bc -l)"
done
