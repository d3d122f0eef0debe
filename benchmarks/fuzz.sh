#!/bin/sh
# Runs every fuzz target (Jazzer) for longer than the normal build does and prints, per target,
# the executions and the seconds it fuzzed. Usage (from the repository root):
#   benchmarks/fuzz.sh [DURATION]      e.g. benchmarks/fuzz.sh 2m   (default: the fuzz-long profile's)
# A failing input is written to <module>/target/fuzz/crash-*; make it a plain regression test.
set -eu
cd "$(dirname "$0")/.."
log=target/fuzz-run.log
mkdir -p target
duration=${1:+-Dfuzz.duration=$1}
status=0
./mvnw -B verify -Pfuzz-long ${duration} -Dtest='*FuzzTest' -Dsurefire.failIfNoSpecifiedTests=false \
    -pl castore-api,castore-composition,castore-store-objectstore,castore-store-grpc,castore-store-bigtable -am \
    >"$log" 2>&1 || status=$?
# libFuzzer's last line per target ("Done N runs in S second(s)") comes before surefire names the class.
awk '/^Done [0-9]+ runs in/ { runs = $2; secs = $5 }
     /Tests run:.* -- in .*FuzzTest/ { printf "%-60s %12s executions %6s s\n", $NF, runs, secs; runs = "-"; secs = "-" }' "$log"
grep -E 'BUILD (SUCCESS|FAILURE)' "$log" || true
[ "$status" = 0 ] || echo "fuzz.sh: the build failed, see $log" >&2
exit "$status"
