#!/bin/sh
# Builds libcastore-blake3.so: the official BLAKE3 C implementation with its assembly (the code
# b3sum runs) and castore's entry points (src/main/c), with gcc, from the C sources Debian ships
# in librust-blake3-dev (downloaded with apt-get, which needs no root once the package lists are
# there; as root it updates them when the package is unknown). Where that cannot be done it warns
# in one line and builds nothing: the image then hashes with the Java implementations.
# Usage: build-library.sh MODULE_DIR TARGET_DIR
set -eu
module=$1
target=$2
out="$target/native"
lib="$out/libcastore-blake3.so"
glue="$module/src/main/c/castore_blake3.c"

warn() {
    echo "[WARNING] castore-blake3-native: $1; the native BLAKE3 is left out (the portable and vector ones remain)" >&2
    exit 0
}

if [ -f "$lib" ] && [ "$lib" -nt "$glue" ] && [ "$lib" -nt "$0" ]; then
    exit 0
fi
command -v gcc >/dev/null 2>&1 || warn "gcc is missing (apt-get install gcc)"

# The sources: CASTORE_BLAKE3_C (a directory with blake3.c), those of an installed
# librust-blake3-dev, or the package downloaded and unpacked into target/.
sources=${CASTORE_BLAKE3_C:-}
if [ -n "$sources" ] && [ ! -f "$sources/blake3.c" ]; then
    warn "CASTORE_BLAKE3_C is $sources, which has no blake3.c"
fi
if [ -z "$sources" ]; then
    for c in /usr/share/cargo/registry/blake3-*/c; do
        [ -f "$c/blake3.c" ] && sources=$c
    done
fi
if [ -z "$sources" ]; then
    download="$target/blake3-c"
    for c in "$download"/src/usr/share/cargo/registry/blake3-*/c; do
        [ -f "$c/blake3.c" ] && sources=$c
    done
    if [ -z "$sources" ]; then
        command -v apt-get >/dev/null 2>&1 || warn "no apt-get to fetch the BLAKE3 C sources (Debian's librust-blake3-dev); set CASTORE_BLAKE3_C to a directory with blake3.c"
        rm -rf "$download"
        mkdir -p "$download"
        fetch() { (cd "$download" && apt-get download librust-blake3-dev >/dev/null 2>&1); }
        if ! fetch; then
            if [ "$(id -u)" = 0 ] && ! apt-cache show librust-blake3-dev >/dev/null 2>&1; then
                apt-get update -qq >/dev/null 2>&1 || true
            fi
            fetch || warn "apt-get download librust-blake3-dev failed (no network or no package lists: apt-get update)"
        fi
        dpkg -x "$download"/librust-blake3-dev_*.deb "$download/src" || warn "cannot unpack librust-blake3-dev"
        for c in "$download"/src/usr/share/cargo/registry/blake3-*/c; do
            [ -f "$c/blake3.c" ] && sources=$c
        done
        [ -n "$sources" ] || warn "librust-blake3-dev has no C sources (blake3-*/c)"
    fi
fi

# The SIMD code for the processor family, chosen at run time by blake3_dispatch.c.
case $(uname -m) in
    x86_64) simd="$sources/blake3_sse2_x86-64_unix.S $sources/blake3_sse41_x86-64_unix.S $sources/blake3_avx2_x86-64_unix.S $sources/blake3_avx512_x86-64_unix.S" ;;
    aarch64) simd="-DBLAKE3_USE_NEON=1 $sources/blake3_neon.c" ;;
    *) simd="-DBLAKE3_NO_SSE2 -DBLAKE3_NO_SSE41 -DBLAKE3_NO_AVX2 -DBLAKE3_NO_AVX512" ;;
esac
mkdir -p "$out"
# shellcheck disable=SC2086
gcc -O3 -DNDEBUG -fPIC -shared -fvisibility=hidden -Wl,-z,noexecstack -I"$sources" -o "$lib.tmp" \
    "$glue" "$sources/blake3_dispatch.c" "$sources/blake3_portable.c" $simd \
    || warn "gcc could not build the library from $sources"
mv "$lib.tmp" "$lib"
