# The JDK castore builds and runs with, for ./mvnw and the benchmark scripts (sourced):
# JAVA_HOME when that is >= 25, else the newest JDK >= 25 under /usr/lib/jvm.
# pick_jdk prints its directory, or nothing when there is none; java_command prints its java
# or fails saying what to install.

feature_version() { # prints the feature version of the JDK at $1, or nothing
  [ -x "$1/bin/java" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(feature_version "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then echo "$JAVA_HOME"; return; fi
  fi
  best= bestv=0
  for d in /usr/lib/jvm/*; do
    [ -d "$d" ] || continue
    v=$(feature_version "$d")
    if [ -n "$v" ] && [ "$v" -ge 25 ] && [ "$v" -gt "$bestv" ]; then best=$d bestv=$v; fi
  done
  echo "$best"
}

java_command() {
  jdk=$(pick_jdk)
  if [ -z "$jdk" ]; then
    echo "castore needs a JDK >= 25: install one (e.g. Temurin 25 under /usr/lib/jvm) or set JAVA_HOME to it." >&2
    return 1
  fi
  echo "$jdk/bin/java"
}
