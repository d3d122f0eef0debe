#!/bin/bash
# The measurement that chose the HTTP front end's server: the JDK's com.sun.net.httpserver next
# to Jetty 12.1, each a one-file server (benchmarks/http-servers/), on loopback, alternating:
# curl of a 1 GiB body and 3000 small GETs on one keep-alive connection.
#
# Usage (from anywhere): benchmarks/http-servers.sh   (ROUNDS=3, JETTY=12.1.12)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
JETTY=${JETTY:-12.1.12}
. .mvn/jdk.sh
JAVA=$(java_command)
JAVAC=$(dirname "$JAVA")/javac
repo=$(./mvnw -q help:evaluate -Dexpression=settings.localRepository -DforceStdout)
./mvnw -q dependency:get -Dartifact=org.eclipse.jetty:jetty-server:$JETTY >&2
cp=$(find "$repo/org/eclipse/jetty" -name "jetty-*-$JETTY.jar" | grep -E 'jetty-(server|http|io|util)-' | tr '\n' ':')
cp=$cp$(find "$repo/org/slf4j/slf4j-api" -name 'slf4j-api-2*.jar' | sort | tail -1)
out=$(mktemp -d)
trap 'kill $jdk $jetty 2>/dev/null || true; rm -rf "$out"' EXIT
"$JAVAC" -d "$out" -cp "$cp" benchmarks/http-servers/*.java
"$JAVA" -Xmx128m -cp "$out:$cp" JdkServe 18081 & jdk=$!
"$JAVA" -Xmx128m -cp "$out:$cp" JettyServe 18082 2>/dev/null & jetty=$!
sleep 3
for round in $(seq 1 "$ROUNDS"); do
    for server in jdk:18081 jetty:18082; do
        port=${server#*:}
        big=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/big")
        s=$(date +%s.%N)
        curl -s -o /dev/null "http://127.0.0.1:$port/small?[1-3000]"
        e=$(date +%s.%N)
        printf 'round %d %-6s 1 GiB %6.2f s   3000 small GETs %6.2f s\n' "$round" "${server%:*}" "$big" "$(echo "$e - $s" | bc)"
    done
done
