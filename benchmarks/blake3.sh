#!/bin/bash
# BLAKE3 throughput: castore's portable, vector and native (the C library through FFM) implementations, three other Java
# libraries (JMH, castore-benchmarks), and native b3sum on the same bytes, in one run; then
# independent messages on every core at once, next to the C library doing the same.
# Usage (from anywhere): benchmarks/blake3.sh [more JMH options, e.g. -p size=67108864]
# JMH_OPTS replaces the default iteration settings, which are short: the machine has 2 cores.
# Needs b3sum (apt-get install b3sum) and python3 (to read JMH's JSON); with gcc, it also builds
# the official C implementation from Debian's sources and times it in memory on the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=castore-benchmarks/target/benchmarks.jar
if [ ! -f "$JAR" ] || [ -n "$(find castore-api/src castore-blake3-vector/src castore-blake3-native/src castore-benchmarks/src -newer "$JAR" -type f | head -1)" ]; then
    ./mvnw -q -pl castore-benchmarks -am package -DskipTests
fi
# castore's native BLAKE3 loads its library from here (built with the module, where gcc is).
NATIVE_LIBRARY=-Dcastore.blake3.library=$PWD/castore-blake3-native/target/native/libcastore-blake3.so
. .mvn/jdk.sh
JAVA=$(java_command)
command -v b3sum >/dev/null || { echo "b3sum is missing: apt-get install b3sum" >&2; exit 1; }

SIZE=$((64 * 1024 * 1024))
INPUT=/tmp/castore-blake3-bench-64MiB.bin
if [ ! -f "$INPUT" ] || [ "$(stat -c %s "$INPUT")" != "$SIZE" ]; then
    "$JAVA" -cp "$JAR" dev.castore.benchmarks.BenchmarkInput "$SIZE" "$INPUT"
fi
EMPTY=/tmp/castore-blake3-bench-empty.bin
: > "$EMPTY"
cat "$INPUT" > /dev/null   # into the page cache

# Best of 15 wall-clock runs, in nanoseconds.
best_ns() {
    local best=999999999999 start end t
    for _ in $(seq 15); do
        start=$(date +%s%N); "$@" > /dev/null; end=$(date +%s%N)
        t=$((end - start)); [ "$t" -lt "$best" ] && best=$t
    done
    echo "$best"
}
b3sum_times() {
    local startup one all
    startup=$(best_ns b3sum --num-threads 1 "$EMPTY")
    one=$(best_ns b3sum --num-threads 1 "$INPUT")
    all=$(best_ns b3sum "$INPUT")
    echo "$startup $one $all"
}

# The native reference in memory: the official C implementation with its assembly, from the
# sources Debian ships in librust-blake3-dev (the crate b3sum is built from), compiled here.
NATIVE=/tmp/castore-blake3-native
native_times() {
    if [ ! -x "$NATIVE/blake3_bench" ] || [ benchmarks/native/blake3_bench.c -nt "$NATIVE/blake3_bench" ]; then
        command -v gcc >/dev/null || { echo "gcc is missing (apt-get install gcc): no in-memory native reference" >&2; return; }
        rm -rf "$NATIVE" && mkdir -p "$NATIVE"
        (cd "$NATIVE" && apt-get download librust-blake3-dev >/dev/null 2>&1 && dpkg -x librust-blake3-dev_*.deb src) || return
        local c
        c=$(echo "$NATIVE"/src/usr/share/cargo/registry/blake3-*/c)
        gcc -O3 -pthread -I"$c" -o "$NATIVE/blake3_bench" benchmarks/native/blake3_bench.c "$c/blake3.c" \
            "$c/blake3_dispatch.c" "$c/blake3_portable.c" "$c"/blake3_{sse2,sse41,avx2,avx512}_x86-64_unix.S || return
    fi
    "$NATIVE/blake3_bench" "$INPUT" 1024 262144 "$SIZE"
}
NATIVE_TIMES=$(native_times | tr '\n' ' ')
# The same on every core at once: independent messages, one thread per core.
NATIVE_MESSAGES=$([ -x "$NATIVE/blake3_bench" ] && "$NATIVE/blake3_bench" -t "$(nproc)" "$INPUT" 1024 262144 "$SIZE" | tr '\n' ' ' || true)

LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)
read -r S1 O1 A1 <<< "$(b3sum_times)"
RESULTS=/tmp/castore-blake3-jmh.json
# shellcheck disable=SC2086
"$JAVA" -jar "$JAR" 'Blake3(Messages)?Benchmark' ${JMH_OPTS:--wi 3 -i 3 -w 2s -r 2s -f 1} \
    -jvmArgsPrepend "$NATIVE_LIBRARY --enable-native-access=ALL-UNNAMED" -rf json -rff "$RESULTS" "$@" > /tmp/castore-blake3-jmh.log
read -r S2 O2 A2 <<< "$(b3sum_times)"

# CPU seconds of one thread, which neighbours on a shared machine disturb far less than wall
# time: b3sum's user time (best of 15; its sys time is mapping the file, which the Java side does not do) against the hashing thread's CPU time in Java.
TIMEFORMAT='%U %S'
best_cpu=999
for _ in $(seq 15); do
    t=$( { time b3sum --num-threads 1 "$INPUT" > /dev/null; } 2>&1 | awk '{print $1}')
    best_cpu=$(awk -v a="$t" -v b="$best_cpu" 'BEGIN { print (a < b) ? a : b }')
done
CPU_JAVA=$("$JAVA" --add-modules jdk.incubator.vector "$NATIVE_LIBRARY" --enable-native-access=ALL-UNNAMED -cp "$JAR" dev.castore.benchmarks.Blake3CpuTime "$SIZE" 10 2>/dev/null)

echo "load average before and after: $LOAD1 / $(cut -d' ' -f1-3 /proc/loadavg) (on $(nproc) cores)"
python3 - "$RESULTS" "$SIZE" "$S1" "$O1" "$A1" "$S2" "$O2" "$A2" "$(nproc)" "$best_cpu" "$CPU_JAVA" "$NATIVE_TIMES" "$NATIVE_MESSAGES" <<'PY'
import json, sys
def sizes_to_ns(arg):
    words = arg.split()
    return {int(words[i]): float(words[i + 1]) for i in range(0, len(words) - 1, 2)}
native = sizes_to_ns(sys.argv[12])
native_messages = sizes_to_ns(sys.argv[13])
results, size = sys.argv[1], int(sys.argv[2])
s1, o1, a1, s2, o2, a2 = map(int, sys.argv[3:9])
cores = sys.argv[9]
# b3sum: best of the runs before and after JMH, minus the start-up time of hashing an empty file.
one = min(o1 - s1, o2 - s2)
allc = min(a1 - s1, a2 - s2)
b3one = size / one * 1e3
b3all = size / allc * 1e3
print(f"b3sum --num-threads 1: {b3one:8.0f} MB/s   b3sum ({cores} cores): {b3all:8.0f} MB/s   (64 MiB from page cache, start-up subtracted)")
if native:
    print("C library, one thread, in memory: " + "   ".join(f"{n}: {t:,.0f} ns = {n / t * 1e3:.0f} MB/s" for n, t in sorted(native.items())))
print()
# The references are best-of figures (b3sum: best of 15 runs; C: best of 10 batches of about
# 0.2 s), so the ratios take the best measured JMH iteration (2 s each by default) too; the mean
# of all iterations is shown beside it.
def best_ns(r):
    raw = [x for fork in r["primaryMetric"]["rawData"] for x in fork]
    return 1 / max(raw) if r["mode"] == "thrpt" else min(raw)
def duration(ns):
    return f"{ns:,.0f} ns" if ns < 1e6 else f"{ns / 1e6:,.2f} ms"
print(f"{'benchmark':<20} {'size':>10} {'mean':>14} {'best':>14} {'MB/s':>9} {'vs b3sum -1':>12} {'vs b3sum':>9} {'vs C, 1 thread':>15}")
runs = json.load(open(results))
for r in (r for r in runs if r["mode"] != "thrpt"):
    name = r["benchmark"].rsplit(".", 1)[1]
    n = int(r["params"]["size"])
    ns = best_ns(r)
    mbs = n / ns * 1e3
    vs_c = f"{native[n] / ns:14.2f}x" if n in native else f"{'':>15}"
    print(f"{name:<20} {n:>10} {duration(r['primaryMetric']['score']):>14} {duration(ns):>14} {mbs:9.0f} {mbs / b3one:11.2f}x {mbs / b3all:8.2f}x {vs_c}")
print("(MB/s and ratios from the best iteration, as the references are best-of figures)")
messages = [r for r in runs if r["mode"] == "thrpt"]
if messages:
    print()
    print(f"independent messages on all {cores} cores at once, one thread per core (time per message over all threads):")
    if native_messages:
        print("  C library: " + "   ".join(f"{n}: {t:,.0f} ns" for n, t in sorted(native_messages.items())))
    for r in messages:
        name = r["benchmark"].rsplit(".", 1)[1]
        n = int(r["params"]["size"])
        ns = best_ns(r)
        vs_c = f"{native_messages[n] / ns:.2f}x C" if n in native_messages else ""
        print(f"  {name:<18} {n:>10}  mean {duration(1 / r['primaryMetric']['score']):>12}  best {duration(ns):>12} {n / ns * 1e3:9.0f} MB/s   {vs_c}")
print()
b3cpu = size / float(sys.argv[10]) / 1e6
print(f"per CPU second of one thread, 64 MiB: b3sum --num-threads 1 {b3cpu:.0f} MB/s (user time, start-up included)")
for line in sys.argv[11].splitlines():
    name, mbs = line.split()
    print(f"  {name:<10} {float(mbs):6.0f} MB/s = {float(mbs) / b3cpu:.2f}x b3sum --num-threads 1")
PY
