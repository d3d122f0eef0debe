#!/bin/sh
# Builds the castore runtime image: jlink over the explicit modules in target/modules, the JDK
# modules that plugins need, the plugins/<name>/ directories, the launcher, and a tarball.
# Usage: build-image.sh JAVA_HOME TARGET_DIR VERSION PLUGINS_SOURCE_DIR LAUNCHER EXAMPLES_DIR README BLAKE3_LIBRARY
set -eu
java_home=$1
target=$2
version=$3
plugin_sources=$4
launcher=$5
examples=$6
readme=$7
blake3_library=$8
image="$target/castore"

# JDK modules the image's own modules do not require but plugins do (found with jdeps over each
# plugin's closure, plus java.compiler, which error_prone_annotations' descriptor requires and jdeps
# does not report; java.desktop, which the descriptors of Commons Compress and Commons Lang (the
# tar plugin) require; jdk.httpserver, the server of the http plugin). Plugin layers resolve them
# because the launcher adds them to the boot layer.
jdk_modules=java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.security.sasl,java.sql,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.jfr,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs
# What the launcher resolves: every module of the image but the incubating Vector API, which
# only the optional SIMD BLAKE3 module uses (added by the launcher on request, or for the daemon
# and the commands that move data in an image without the native BLAKE3's library) and which
# warns once resolved.
boot_modules=dev.castore.cli,dev.castore.store.memory,dev.castore.blake3.ffm,org.slf4j.simple,$jdk_modules

# picocli's classes are Java 5 bytecode, which the ahead-of-time cache below does not link (so
# every command parsed and verified them at start): the image links a copy of its jar rewritten
# as Java 8 class files with stack maps, the same code otherwise (src/main/build/Java8ClassFiles.java).
modules="$target/image-modules"
rm -rf "$modules"
mkdir -p "$modules"
for jar in "$target/modules"/*.jar; do
    case ${jar##*/} in
        picocli-*.jar) "$java_home/bin/java" "$(dirname "$0")/../build/Java8ClassFiles.java" "$jar" "$modules/${jar##*/}" ;;
        *) cp "$jar" "$modules/" ;;
    esac
done

rm -rf "$image"
"$java_home/bin/jlink" \
    --module-path "$modules" \
    --add-modules $boot_modules,jdk.incubator.vector \
    --output "$image" \
    --strip-debug --no-header-files --no-man-pages --compress=zip-6 \
    --generate-cds-archive >/dev/null

# The archive for heaps over 32 GiB: a command-line tool does not run with those.
rm -f "$image/lib/server/classes_nocoops.jsa"

mkdir -p "$image/plugins"
for dir in "$plugin_sources"/*/target/plugin/*; do
    [ -d "$dir" ] || continue
    cp -R "$dir" "$image/plugins/"
done

# zstd-jni is a multi-release jar: on Java 22 and later its classes call zstd through the FFM API,
# and link every zstd function and constant they might call (over a hundred downcalls, each a class
# the JVM generates and the JIT compiles) when the first of them loads. That cost each command that
# compresses or decompresses about 0.15 s of wall time and 0.2 s of CPU before its first byte: an
# import of 1 GiB into file:// took 2.71 to 2.95 s with them, 2.46 to 2.48 s without (BENCHMARKS.md,
# "The data path"). The plugins keep its JNI classes, those it runs on older Javas, which load the
# same native library and look each function up when first called. (The alternative it names,
# -Djdk.util.jar.enableMultiRelease=false, would turn off the versions of every jar a plugin loads.)
# Its library for this machine goes into the image's lib/, where the JNI classes find it by its
# versioned name before they would copy it out of the jar into the temporary directory, as they
# do on every start otherwise (0.04 s, and a file left behind by each command that is killed).
case $(uname -m) in
    x86_64) zstd_platform=linux/amd64 ;;
    *) zstd_platform=linux/$(uname -m) ;;
esac
for jar in "$image"/plugins/*/zstd-jni-*.jar; do
    [ -f "$jar" ] || continue
    unpacked="$target/zstd-jni-unpacked"
    rm -rf "$unpacked" && mkdir -p "$unpacked"
    (cd "$unpacked" && "$java_home/bin/jar" --extract --file "$jar")
    rm -rf "$unpacked/META-INF/versions"
    for library in "$unpacked/$zstd_platform"/libzstd-jni-*.so; do
        [ -f "$library" ] && cp "$library" "$image/lib/"
    done
    mv "$unpacked/META-INF/MANIFEST.MF" "$target/zstd-jni.mf"
    "$java_home/bin/jar" --create --file "$jar.tmp" --manifest "$target/zstd-jni.mf" -C "$unpacked" .
    mv "$jar.tmp" "$jar"
    rm -rf "$unpacked" "$target/zstd-jni.mf"
done

# The SIMD BLAKE3 is kept out of the image's modules: as a system module it would be bound as a
# service provider, and so resolve the incubator module, on every start.
mkdir -p "$image/optional/blake3-vector"
cp "$target/blake3-vector/castore-blake3-vector.jar" "$image/optional/blake3-vector/"

# The native BLAKE3's library (the official C implementation, castore-blake3-native), where its
# module could build it; without it the image hashes with the Java implementations.
if [ -f "$blake3_library" ]; then
    cp "$blake3_library" "$image/lib/libcastore-blake3.so"
else
    echo "[WARNING] the image has no native BLAKE3 ($blake3_library was not built): it hashes with the Java implementations" >&2
fi

sed "s/@BOOT_MODULES@/$boot_modules/" "$launcher" > "$image/bin/castore"
chmod 755 "$image/bin/castore"
cp "$(dirname "$launcher")/client-compiler-directives.json" "$image/lib/"
echo "$version" > "$image/CASTORE_VERSION"

# The version line the launcher answers --version with, as the command prints it.
rm -f "$image/lib/castore-version"
"$image/bin/castore" --version > "$image/lib/castore-version.tmp"
mv "$image/lib/castore-version.tmp" "$image/lib/castore-version"

# What each plugin provides, so that a command loads only the plugins it needs.
"$image/bin/castore" plugins --index >/dev/null

# Ahead-of-time caches of the classes the command loads, linked, with method profiles, made from
# a training run: the commands users run most, on the embedded default store, on file:// and
# through a daemon on loopback, all in one JVM (`castore aot-training`). The plugins' classes are
# in them too (the JVM caches classes of custom loaders that come from jars), so a command through
# the gRPC client or on the default store starts without parsing and linking them again. The JVM
# takes a cache only with the module options it was made with: castore.aot is made with the
# default modules (every command with the native BLAKE3, and CASTORE_BLAKE3=portable or native);
# castore-vector.aot with the SIMD BLAKE3 module resolved, made only for an image without the
# native library, where the daemon and the data commands hash with the SIMD one by default.
rm -f "$image/lib/castore.aot" "$image/lib/castore-vector.aot"

# The lambda forms the commands use, for the caches: a cache holds the JDK's lambda-form holder
# classes regenerated with the forms that lib/classlist names, and a form that is in none of them is
# generated at run time, a class spun through the class-file API each (35 of them in an import
# through a daemon, most for reflection and native downcalls, 66 classes in all). A run of the
# training without a cache lists the forms it resolves (TRACE_RESOLVE); those lib/classlist lacks
# are added to it, as the JDK's own build names its forms there.
rm -rf "$target/aot-training"
CASTORE_JAVA_OPTS="-XX:AOTMode=off -Djava.lang.invoke.MethodHandle.TRACE_RESOLVE=true" "$image/bin/castore" \
    aot-training "$target/aot-training" >"$target/lambda-forms.log" 2>&1 \
    || { cat "$target/lambda-forms.log" >&2; exit 1; }
rm -rf "$target/aot-training"
sed -n 's/^@lambda-form-invoker //p' "$image/lib/classlist" | sort -u >"$target/lambda-forms.listed"
sed -n 's/^\(\[\(LF\|SPECIES\)_RESOLVE\] .*\) (\(success\|fail\|salvaged\|generated\))$/\1/p' "$target/lambda-forms.log" \
    | sort -u | comm -13 "$target/lambda-forms.listed" - | sed 's/^/@lambda-form-invoker /' >>"$image/lib/classlist"
rm -f "$target/lambda-forms.listed"

modes=default
[ -f "$image/lib/libcastore-blake3.so" ] || modes="default vector"
for mode in $modes; do
    cache=castore.aot
    [ $mode = default ] || cache=castore-$mode.aot
    # castore.aot: trained with what it is made for, the native BLAKE3 where there is one (the
    # launcher's choice), else the portable one (not the SIMD one the launcher then picks for data).
    blake3=$mode
    if [ $mode = default ]; then
        blake3=
        [ -f "$image/lib/libcastore-blake3.so" ] || blake3=portable
    fi
    rm -rf "$target/aot-training"
    CASTORE_BLAKE3=$blake3 CASTORE_JAVA_OPTS="-XX:AOTCacheOutput=$image/lib/$cache.tmp -Xlog:aot=off" "$image/bin/castore" \
        aot-training "$target/aot-training" >"$target/aot-training-$mode.log" 2>&1 \
        || { cat "$target/aot-training-$mode.log" >&2; exit 1; }
    rm -rf "$target/aot-training"
    # Renamed only once made: the launcher uses a cache that is there, so the other mode's
    # training must not start from a half-written one.
    mv "$image/lib/$cache.tmp" "$image/lib/$cache"
done

# ls, stat and roots get a cache of their own, made from them alone (`castore aot-training
# --listing`) on a tree imported first by a JVM of its own, so that the import's classes stay out
# of it: the JVM maps and loads every class of its cache as it starts, and this one has fewer by a
# third. Made with the BLAKE3 they run with: the native one, or the portable one in an image
# without its library.
rm -f "$image/lib/castore-list.aot"
listing="$target/aot-listing"
rm -rf "$listing"
mkdir -p "$listing/tree/sub"
echo "castore training tree" > "$listing/tree/README"
echo "notes" > "$listing/tree/sub/notes.txt"
ln -s ../README "$listing/tree/sub/link"
XDG_DATA_HOME="$listing/data" XDG_CACHE_HOME="$listing/cache" "$image/bin/castore" import -q --name training "$listing/tree" >/dev/null
listing_blake3=
[ -f "$image/lib/libcastore-blake3.so" ] || listing_blake3=portable
CASTORE_BLAKE3=$listing_blake3 CASTORE_JAVA_OPTS="-XX:AOTCacheOutput=$image/lib/castore-list.aot.tmp -Xlog:aot=off" "$image/bin/castore" \
    aot-training --listing "$listing" >"$target/aot-training-listing.log" 2>&1 \
    || { cat "$target/aot-training-listing.log" >&2; exit 1; }
rm -rf "$listing"
mv "$image/lib/castore-list.aot.tmp" "$image/lib/castore-list.aot"

# What an operator and a plugin author need next to the command: the README, example configs and
# a systemd unit, the api and testkit jars to build and test a plugin against, bash completion and
# the manual page (both made by the command from its own model, so they match --help).
cp "$readme" "$image/README.md"
mkdir -p "$image/examples" "$image/sdk" "$image/share/bash-completion/completions" "$image/share/man/man1"
cp "$examples"/* "$image/examples/"
cp "$target/sdk/castore-api.jar" "$target/sdk/castore-testkit.jar" "$image/sdk/"
"$image/bin/castore" generate-completion > "$image/share/bash-completion/completions/castore"
"$image/bin/castore" generate-man-page > "$image/share/man/man1/castore.1"

tar -C "$target" -czf "$target/castore-$version-linux-$(uname -m).tar.gz" castore
