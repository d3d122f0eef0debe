#!/bin/bash
# What the benchmark scripts share (sourced, from the repository root, by bash scripts with
# `set -euo pipefail`): the castore command of the built image, a module's test classes to run a
# driver from, and daemons from the image on free loopback ports, stopped on exit.
. .mvn/jdk.sh
JAVA=$(java_command)
CASTORE=castore-distribution/image/target/castore/bin/castore

# build_image: builds the runtime image unless it is there already.
build_image() {
    [ -x "$CASTORE" ] || ./mvnw -q package -DskipTests -pl castore-distribution/image -am
}

# build_test_classpath MODULE [MAVEN_ARGS...]: compiles MODULE's tests and writes its test
# classpath, for test_classpath.
build_test_classpath() {
    local module=$1; shift
    ./mvnw -q -pl "$module" "$@" test-compile dependency:build-classpath \
        -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
}

# test_classpath MODULE: MODULE's test and main classes with every dependency.
test_classpath() {
    echo "$1/target/test-classes:$1/target/classes:$(cat "$1/target/benchmark.classpath")"
}

# work_dir NAME: a fresh directory under /var/tmp as $WORK; it goes on exit, after every daemon
# started by daemon_start is stopped.
work_dir() {
    WORK=$(mktemp -d "/var/tmp/$1.XXXXXX")
    daemon_pids=()
    trap stop_daemons EXIT
}

stop_daemons() {
    for p in "${daemon_pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}

# daemon_start NAME ARGS...: `castore daemon ARGS` on a free loopback port, its data in
# $WORK/NAME-data, its log in $WORK/NAME.log; sets daemon_pid. Runs in this shell, so that the
# exit trap can stop it; the launcher execs the JVM, so the pid is the daemon's own.
daemon_start() {
    local name=$1; shift
    XDG_DATA_HOME="$WORK/$name-data" "$CASTORE" daemon --listen 127.0.0.1:0 "$@" > "$WORK/$name.log" 2>&1 &
    daemon_pid=$!
    daemon_pids+=("$daemon_pid")
}

# daemon_logged NAME [PATTERN]: what the daemon NAME logged matching PATTERN (default: its gRPC
# URL), once it says it is listening.
daemon_logged() {
    for _ in $(seq 150); do
        grep -q "listening on" "$WORK/$1.log" 2>/dev/null && break
        sleep 0.2
    done
    grep -o "${2:-grpc+http://127.0.0.1:[0-9]*}" "$WORK/$1.log" | head -1
}

# native_blake3: builds the native BLAKE3 module and sets NATIVE_BLAKE3_CP (its jar) and
# NATIVE_BLAKE3_ARGS (where its library is), so that a driver run from test classes hashes as the
# image does (`-Dcastore.blake3=portable` after them picks the Java code instead).
native_blake3() {
    ./mvnw -q -pl castore-blake3-native -am install -DskipTests
    NATIVE_BLAKE3_CP=$(ls castore-blake3-native/target/castore-blake3-native-*.jar | head -1)
    NATIVE_BLAKE3_ARGS=(--enable-native-access=ALL-UNNAMED
        -Dcastore.blake3.library="$PWD/castore-blake3-native/target/native/libcastore-blake3.so")
}
