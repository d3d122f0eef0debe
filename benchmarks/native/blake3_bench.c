// The official BLAKE3 C implementation (with its x86-64 assembly, the code b3sum runs) hashing
// prefixes of one file held in memory, on one thread: the native reference of benchmarks/blake3.sh.
// Usage: blake3_bench FILE SIZE... ; prints "SIZE NANOSECONDS" per size, best of several runs.
#include "blake3.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s FILE SIZE...\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (f == NULL) {
        perror(argv[1]);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    long length = ftell(f);
    rewind(f);
    unsigned char *input = malloc(length);
    if (input == NULL || fread(input, 1, length, f) != (size_t) length) {
        fprintf(stderr, "cannot read %s\n", argv[1]);
        return 1;
    }
    fclose(f);
    unsigned char out[BLAKE3_OUT_LEN];
    for (int a = 2; a < argc; a++) {
        long size = atol(argv[a]);
        if (size < 0 || size > length) {
            fprintf(stderr, "size %ld is not within the file's %ld bytes\n", size, length);
            return 1;
        }
        // About 0.2 s of hashing per measurement, ten measurements, the best one counts.
        long iterations = 1;
        for (;;) {
            double start = now();
            for (long i = 0; i < iterations; i++) {
                blake3_hasher hasher;
                blake3_hasher_init(&hasher);
                blake3_hasher_update(&hasher, input, size);
                blake3_hasher_finalize(&hasher, out, BLAKE3_OUT_LEN);
            }
            if (now() - start > 0.02) {
                break;
            }
            iterations *= 2;
        }
        iterations *= 10;
        double best = 1e30;
        for (int run = 0; run < 10; run++) {
            double start = now();
            for (long i = 0; i < iterations; i++) {
                blake3_hasher hasher;
                blake3_hasher_init(&hasher);
                blake3_hasher_update(&hasher, input, size);
                blake3_hasher_finalize(&hasher, out, BLAKE3_OUT_LEN);
            }
            double t = (now() - start) / iterations;
            if (t < best) {
                best = t;
            }
        }
        printf("%ld %.1f\n", size, best * 1e9);
    }
    return 0;
}
