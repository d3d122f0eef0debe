#!/bin/bash
# Start-up of the castore command next to restic and borg, in one run: a new process per run
# (a cold JVM; the page cache warm), hyperfine's mean and the user CPU. Each tool works on a
# small repository of its own made first: one directory of a few files imported or backed up.
#   --version         the version line
#   plugins           castore's list of store types (restic: 'restic version', borg: 'borg --version'
#                     again have no equivalent; 'snapshots' and 'list' are the listing commands)
#   ls                castore ls of the tree on the embedded default store; restic ls latest; borg list ::ARCHIVE
#   through a daemon  castore ls and cat against a daemon (memory://) on loopback: the gRPC client's start
# Usage: benchmarks/startup.sh [RUNS]   (default 10). castore runs from the built image, or from
# $CASTORE (a bin/castore) when set.
# Installs restic, borgbackup and hyperfine with apt-get when missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-10}

need=()
command -v restic >/dev/null || need+=(restic)
command -v borg >/dev/null || need+=(borgbackup)
command -v hyperfine >/dev/null || need+=(hyperfine)
if [ ${#need[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || { echo "missing: ${need[*]}; install them (apt-get install ${need[*]})" >&2; exit 1; }
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

CASTORE=${CASTORE:-$PWD/castore-distribution/image/target/castore/bin/castore}
[ -x "$CASTORE" ] || ./mvnw -q package -DskipTests -pl castore-distribution/image -am
WORK=$(mktemp -d /var/tmp/castore-startup.XXXXXX)
DAEMON_PID=
trap '[ -z "$DAEMON_PID" ] || kill "$DAEMON_PID"; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/src/sub"
for i in 1 2 3; do echo "file $i" > "$WORK/src/f$i"; done
echo nested > "$WORK/src/sub/g"

export XDG_DATA_HOME="$WORK/castore-data" XDG_CACHE_HOME="$WORK/castore-cache"
"$CASTORE" import -q --name startup "$WORK/src" > "$WORK/digest"
export RESTIC_REPOSITORY="$WORK/restic" RESTIC_PASSWORD=startup
restic init -q >/dev/null
restic backup -q "$WORK/src" >/dev/null
export BORG_REPO="$WORK/borg" BORG_PASSPHRASE=startup BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes
borg init -e none >/dev/null 2>&1
borg create "::startup" "$WORK/src" >/dev/null 2>&1

DIGEST=$(cat "$WORK/digest")

# A daemon on loopback with the same tree, for the commands that start the gRPC client.
"$CASTORE" daemon --store memory:// --listen 127.0.0.1:0 > "$WORK/daemon.log" 2>&1 &
DAEMON_PID=$!
for _ in $(seq 100); do grep -q 'listening on' "$WORK/daemon.log" && break; sleep 0.1; done
DAEMON=$(sed -n 's/.*listening on \(grpc+http:[^ ]*\).*/\1/p' "$WORK/daemon.log")
[ -n "$DAEMON" ] || { cat "$WORK/daemon.log" >&2; exit 1; }
"$CASTORE" import -q --store "$DAEMON" "$WORK/src" > /dev/null
hyperfine -N -w 1 -r "$RUNS" --export-json "$WORK/startup.json" \
    -n "castore --version" "$CASTORE --version" \
    -n "castore --version (JVM)" "$(dirname "$CASTORE")/java -m dev.castore.cli/dev.castore.cli.Main --version" \
    -n "castore plugins" "$CASTORE plugins" \
    -n "castore ls DIGEST (default store)" "$CASTORE ls $DIGEST" \
    -n "castore ls NAME (default store)" "$CASTORE ls startup" \
    -n "castore ls DIGEST (through a daemon)" "$CASTORE ls --store $DAEMON $DIGEST" \
    -n "castore cat DIGEST:f1 (through a daemon)" "$CASTORE cat --store $DAEMON $DIGEST:f1" \
    -n "restic version" "restic version" \
    -n "restic snapshots" "restic snapshots -q" \
    -n "restic ls latest" "restic ls -q latest" \
    -n "borg --version" "borg --version" \
    -n "borg list" "borg list" \
    -n "borg list ::startup" "borg list ::startup" > /dev/null
python3 - "$WORK/startup.json" <<'PY'
import json, sys
print("| command | wall (mean ± σ) | user CPU |")
print("|---|---|---|")
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"| {r['command']} | {r['mean']:.3f} s ± {r['stddev']:.3f} | {r['user']:.3f} s |")
PY
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
