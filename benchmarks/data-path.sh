#!/bin/bash
# The data path as users run it: the castore command from the built image (JVM start included)
# importing, serving and reading large random files, next to native tools on the same files in
# the same run: b3sum (one thread and all cores), zstd -1, restic backup and borg create.
#
# Usage (from anywhere): benchmarks/data-path.sh
#   SIZES="1024 4096"   file sizes in MiB (default both)
#   RUNS=3              runs per measurement; the table shows the best and the median
#   WORK=/var/tmp/castore-bench   where files and repositories go (a disk, not tmpfs; about nine
#                                 times the largest size free besides the files, checked first)
#   SKIP_BUILD=1        use the image as it is
#   DELETION_SETTLE=61  seconds without deletions before the objectstore+file:// imports (see there)
# Installs b3sum, zstd, restic and borgbackup from Debian when missing (as root). As root, the
# kernel's clean page cache is dropped before each row but the reads of a store (the input read
# back in), so that each starts from the same cache; reads run on what was just written.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SIZES=${SIZES:-"1024 4096"}
RUNS=${RUNS:-3}
WORK=${WORK:-/var/tmp/castore-bench}
C="$ROOT/castore-distribution/image/target/castore/bin/castore"

missing=()
for tool in b3sum zstd restic borg; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
    pkgs=${missing[*]}
    pkgs=${pkgs/borg/borgbackup}
    echo "installing $pkgs" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $pkgs >/dev/null
fi
if [ -z "${SKIP_BUILD:-}" ]; then
    ./mvnw -q package -DskipTests -pl castore-distribution/image -am >&2
fi
# The JDK that ./mvnw picks (>= 25) and test classpaths, for s3proxy.
. benchmarks/harness.sh

mkdir -p "$WORK"
# Room for the input files not made yet and, for the largest size, the three runs' stores of one
# measurement, restic's and borg's repositories, the daemon's store (with its warm-up's GiB) and
# s3proxy's: 35 GiB at the peak of a run of 4 GiB, besides its files. Checked up front, so that no
# measurement fails half-way with ENOSPC.
largest=$(printf '%s\n' $SIZES | sort -n | tail -1)
need_mib=$((9 * largest + 2048))
for size in $SIZES; do
    [ -f "$WORK/random-${size}MiB.bin" ] || need_mib=$((need_mib + size))
done
[ -f "$WORK/warmup-1024MiB.bin" ] || need_mib=$((need_mib + 1024))
free_mib=$(df --output=avail -B1M "$WORK" | tail -1 | tr -d ' ')
if [ "$free_mib" -lt "$need_mib" ]; then
    echo "$WORK has $free_mib MiB free; SIZES=\"$SIZES\" needs about $need_mib MiB (WORK=... to use another disk)" >&2
    exit 1
fi
RESULTS="$WORK/results.tsv"
: > "$RESULTS"

# measure LABEL SIZE_MIB SETUP_COMMAND COMMAND...: runs SETUP (e.g. a fresh repository) then the
# command, RUNS times; records wall seconds and peak RSS (KiB) of each run.
measure() {
    local label=$1 size=$2 setup=$3
    shift 3
    local walls=() rss=()
    for run in $(seq "$RUNS"); do
        eval "$setup"
        sync
        # Every row but the reads of a store starts from the same page cache: the kernel's clean
        # cache dropped, the input read back in. What earlier rows wrote (restic's and borg's
        # repositories, the stores) stayed cached and slowed later writers' page allocation:
        # the default store's 1 GiB import took 3.0 to 3.6 s after three file:// imports, 1.9 s
        # after a drop. Before a measurement's first run only, so that the store a read row
        # reads (the first run's) stays cached. FRESH= before a row skips it (reads).
        if [ "$run" = 1 ] && [ -n "${FRESH-1}" ] && [ -w /proc/sys/vm/drop_caches ]; then
            echo 1 > /proc/sys/vm/drop_caches
            cat "$INPUT" > /dev/null
        fi
        # @RUN@ in an argument becomes the run's number: a store of its own per run, where the
        # setup cannot empty one (an S3 bucket).
        local args=("${@//@RUN@/$run}")
        # @DAEMON_URL@: the daemon the setup started (fresh_daemon below).
        [ -f "$WORK/daemon.url" ] && args=("${args[@]//@DAEMON_URL@/$(cat "$WORK/daemon.url")}")
        /usr/bin/time -o "$WORK/time.txt" -f "%e %M" "${args[@]}" >/dev/null 2>"$WORK/stderr.txt" || {
            echo "FAILED: $label: ${args[*]}" >&2; cat "$WORK/stderr.txt" >&2; return 1; }
        read -r wall kib < "$WORK/time.txt"
        walls+=("$wall"); rss+=("$kib")
    done
    local best median peak
    best=$(printf '%s\n' "${walls[@]}" | sort -n | head -1)
    median=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
    peak=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
    printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$size" "$best" "$median" "$peak" >> "$RESULTS"
    printf '%-58s %5s MiB  best %6.2f s  median %6.2f s  peak RSS %5d MiB\n' "$label" "$size" "$best" "$median" $((peak / 1024)) >&2
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_for_port() {
    for _ in $(seq 1200); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.05
    done
    echo "nothing listens on port $1" >&2
    return 1
}

# An S3 server on loopback for the object store's S3 figures: s3proxy with its file system
# backend, as the object store's tests run it.
start_s3proxy() {
    build_test_classpath castore-store-objectstore-s3 -am >&2
    # A port file left by an earlier run would be read before the new server truncates it.
    rm -f "$WORK/s3proxy.port"
    "$JAVA" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$(test_classpath castore-store-objectstore-s3)" \
        dev.castore.store.objectstore.s3.S3ProxyServer castore >"$WORK/s3proxy.port" 2>"$WORK/s3proxy.log" &
    S3_PID=$!
    for _ in $(seq 1200); do
        S3_PORT=$(head -1 "$WORK/s3proxy.port" 2>/dev/null || true)
        [ -n "$S3_PORT" ] && return 0
        sleep 0.05
    done
    echo "s3proxy did not start:" >&2; cat "$WORK/s3proxy.log" >&2
    return 1
}

S3_URL() {
    echo "objectstore+s3://castore/bench-$1?aws_endpoint=http://127.0.0.1:$S3_PORT&aws_allow_http=true&aws_access_key_id=castore-test-key&aws_secret_access_key=castore-test-secret&aws_region=us-east-1"
}

# The daemon on a free port with the given stores; prints its pid. A daemon runs for long: the
# measurements start once it has settled (DAEMON_SETTLE seconds, default 8), which is when it
# has compiled its SIMD lanes.
start_daemon() {
    local port=$1
    shift
    "$C" daemon --listen "127.0.0.1:$port" "$@" >"$WORK/daemon.log" 2>&1 &
    echo $!
}

settle() {
    wait_for_port "$1"
    sleep "${DAEMON_SETTLE:-8}"
}

vm_hwm_kib() {
    sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$1/status"
}

# A daemon of its own for each import through one (fresh_daemon RUN, the setup of that row),
# started with DAEMON_ARGS and warmed by an import of a GiB of other bytes, so that every run puts
# a blob the daemon does not hold yet into a daemon that has compiled its put path, as the
# in-process imports put theirs into new stores: into a daemon that has the blob, the default
# store finds its chunks and writes none (a 1 GiB import 2.2 s against 3.1 s), and memory://
# writes the blob and frees it again; after a warm-up of 128 MiB, the first GiB put took 0.1 to
# 0.4 s more than the next. Its URL goes to $WORK/daemon.url for @DAEMON_URL@.
DAEMON_PID=
fresh_daemon() {
    stop_daemon
    rm -rf "$WORK"/daemon-data-*
    local port url
    port=$(free_port)
    url="grpc+http://127.0.0.1:$port"
    DAEMON_PID=$(XDG_DATA_HOME="$WORK/daemon-data-$1" start_daemon "$port" "${DAEMON_ARGS[@]}")
    settle "$port"
    echo "$url" > "$WORK/daemon.url"
    "$C" import -q --no-progress --no-files-cache --blob-service "$url" --directory-service "$url" "$WARMUP" >/dev/null
}

# await_exit PID TENTHS: waits until PID has exited, at most TENTHS tenths of a second; fails if it has not.
await_exit() {
    for _ in $(seq "$2"); do
        kill -0 "$1" 2>/dev/null || return 0
        sleep 0.1
    done
    ! kill -0 "$1" 2>/dev/null
}

stop_daemon() {
    [ -n "$DAEMON_PID" ] || return 0
    kill "$DAEMON_PID"
    if ! await_exit "$DAEMON_PID" 300; then
        # A daemon that outlives 30 s after SIGTERM would hold its port and store for the next run.
        echo "the daemon $DAEMON_PID did not stop in 30 s after SIGTERM: killed" >&2
        kill -9 "$DAEMON_PID" 2>/dev/null || true
        await_exit "$DAEMON_PID" 50 || true
    fi
    DAEMON_PID=
    rm -f "$WORK/daemon.url"
}

# through_daemon BEHIND SIZE FILE DIGEST ARGS...: import FILE through daemons started with ARGS
# (BEHIND names their store in the labels), each run into a new one; then cat it back through the
# last, and that daemon's peak RSS.
through_daemon() {
    local behind=$1 size=$2 file=$3 digest=$4
    shift 4
    DAEMON_ARGS=("$@")
    measure "castore import through the daemon (gRPC, $behind)" "$size" 'fresh_daemon $run' \
        "$C" import --no-progress --no-files-cache --blob-service @DAEMON_URL@ --directory-service @DAEMON_URL@ "$file"
    FRESH= measure "castore cat through the daemon (gRPC, $behind)" "$size" ":" \
        "$C" cat --blob-service @DAEMON_URL@ "$digest"
    printf 'daemon (%s) after puts and reads\t%s\t%s\t%s\t%s\n' "$behind" "$size" 0 0 "$(vm_hwm_kib "$DAEMON_PID")" >> "$RESULTS"
    stop_daemon
    rm -rf "$WORK"/daemon-data-*
}

# The daemons' warm-up input: other bytes than any measured file's.
WARMUP="$WORK/warmup-1024MiB.bin"
if [ ! -f "$WARMUP" ] || [ "$(stat -c %s "$WARMUP")" != $((1024 * 1024 * 1024)) ]; then
    head -c $((1024 * 1024 * 1024)) /dev/urandom > "$WARMUP"
fi

start_s3proxy
trap 'kill $S3_PID 2>/dev/null || true; stop_daemon' EXIT

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for size in $SIZES; do
    file="$WORK/random-${size}MiB.bin"
    INPUT=$file
    if [ ! -f "$file" ] || [ "$(stat -c %s "$file")" != $((size * 1024 * 1024)) ]; then
        head -c $((size * 1024 * 1024)) /dev/urandom > "$file"
    fi
    cat "$file" > /dev/null
    digest=$(b3sum --no-names "$file")

    measure "b3sum --num-threads 1" "$size" ":" b3sum --num-threads 1 "$file"
    measure "b3sum" "$size" ":" b3sum "$file"
    measure "zstd -1" "$size" ":" zstd -q -1 -c "$file"
    measure "restic backup (fresh repository)" "$size" \
        "rm -rf '$WORK/restic'; RESTIC_PASSWORD=bench restic -q -r '$WORK/restic' init >/dev/null" \
        env RESTIC_PASSWORD=bench restic -q -r "$WORK/restic" backup "$file"
    measure "borg create -e none (fresh repository)" "$size" \
        "rm -rf '$WORK/borg'; BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes borg init -e none '$WORK/borg'" \
        env BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes borg create "$WORK/borg::a" "$file"

    measure "castore import, memory://" "$size" ":" \
        "$C" import --no-progress --no-files-cache --blob-service memory:// --directory-service memory:// "$file"
    # Each import into a directory of its own, and nothing deleted in the minute before: on ext4
    # without a journal (this machine's root file system) the kernel passes over inodes freed in
    # the last minute (six while their inode table is not yet written back) each time it
    # allocates one, so an import of a file per chunk right after thousands of files were
    # deleted (the previous run's store) spent 1 to 2 s more in the kernel. BENCHMARKS.md,
    # "The data path", has the figures of both.
    sync
    sleep "${DELETION_SETTLE:-61}"
    measure "castore import, objectstore+file://" "$size" ":" \
        "$C" import --no-progress --no-files-cache --blob-service "objectstore+file://$WORK/os-$size-@RUN@" --directory-service "objectstore+file://$WORK/os-$size-@RUN@" "$file"
    FRESH= measure "castore cat from objectstore+file:// to /dev/null" "$size" ":" \
        "$C" cat --blob-service "objectstore+file://$WORK/os-$size-1" "$digest"

    # The embedded default store, as the README's first command uses it: a store of its own per
    # run (XDG_DATA_HOME), and the blob read back from the first. Its few large files are deleted
    # at once; file://'s many small ones at the end (see above).
    measure "castore import, embedded default store" "$size" ":" \
        env XDG_DATA_HOME="$WORK/ds-$size-@RUN@" "$C" import --no-progress --no-files-cache "$file"
    FRESH= measure "castore cat from the embedded default store to /dev/null" "$size" ":" \
        env XDG_DATA_HOME="$WORK/ds-$size-1" "$C" cat "$digest"
    rm -rf "$WORK/ds-$size-"*

    through_daemon "memory:// behind" "$size" "$file" "$digest" --blob-service memory:// --directory-service memory://
    through_daemon "default store" "$size" "$file" "$digest"

    # Each import into a prefix of its own: into one that has the chunks, an import uploads nothing.
    measure "castore import, objectstore+s3:// (s3proxy on loopback)" "$size" ":" \
        "$C" import --no-progress --no-files-cache --blob-service "$(S3_URL "$size-@RUN@")" --directory-service "$(S3_URL "$size-@RUN@")" "$file"
    FRESH= measure "castore cat from objectstore+s3:// (s3proxy on loopback)" "$size" ":" \
        "$C" cat --blob-service "$(S3_URL "$size-1")" "$digest"
    rm -rf "$WORK/os-$size-"* "$WORK/restic" "$WORK/borg"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# The table: throughput ratios against b3sum --num-threads 1 on the same size, best runs.
python3 - "$RESULTS" <<'EOF'
import sys, collections
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
ref = {r[1]: float(r[2]) for r in rows if r[0] == "b3sum --num-threads 1"}
sizes = sorted({r[1] for r in rows}, key=int)
print("| command | " + " | ".join(f"{s} MiB: best / median, x b3sum -j1, peak RSS" for s in sizes) + " |")
print("|---|" + "---|" * len(sizes))
by = collections.OrderedDict()
for r in rows:
    by.setdefault(r[0], {})[r[1]] = r
for label, per in by.items():
    cells = []
    for s in sizes:
        r = per.get(s)
        if r is None:
            cells.append("")
        elif float(r[2]) == 0:
            cells.append(f"peak RSS {int(r[4]) // 1024} MiB")
        else:
            cells.append(f"{float(r[2]):.2f} / {float(r[3]):.2f} s, {ref[s] / float(r[2]):.2f}x, {int(r[4]) // 1024} MiB")
    print(f"| {label} | " + " | ".join(cells) + " |")
EOF
