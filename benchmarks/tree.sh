# The benchmark tree of tree-import.sh and engines.sh (sourced): a copy of /usr/share and the
# Temurin 25 JDK, made once under /var/tmp, so that installing packages does not change it.
# benchmark_tree prints its path.
benchmark_tree() {
    local tree=/var/tmp/castore-bench-tree
    local jdk
    jdk=$(ls -d /usr/lib/jvm/temurin-25-jdk-* 2>/dev/null | head -1)
    [ -n "$jdk" ] || { echo "the Temurin 25 JDK is missing under /usr/lib/jvm" >&2; exit 1; }
    if [ ! -f "$tree.complete" ]; then
        rm -rf "$tree" "$tree.complete"
        mkdir -p "$tree"
        cp -a /usr/share "$tree/share"
        cp -a "$jdk" "$tree/jdk"
        touch "$tree.complete"
    fi
    echo "$tree"
}
