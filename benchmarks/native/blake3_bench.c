// The official BLAKE3 C implementation (with its x86-64 assembly, the code b3sum runs) hashing
// prefixes of one file held in memory: the native reference of benchmarks/blake3.sh.
// Usage: blake3_bench [-t THREADS] FILE SIZE... ; prints "SIZE NANOSECONDS" per size, best of
// several runs. With -t, THREADS threads hash the prefix at once, each on its own, and the time
// is the wall time per message over all of them.
#include "blake3.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const unsigned char *input;
static long size;
static long iterations;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void *hash_many(void *unused) {
    (void) unused;
    unsigned char out[BLAKE3_OUT_LEN];
    for (long i = 0; i < iterations; i++) {
        blake3_hasher hasher;
        blake3_hasher_init(&hasher);
        blake3_hasher_update(&hasher, input, size);
        blake3_hasher_finalize(&hasher, out, BLAKE3_OUT_LEN);
    }
    return NULL;
}

// Wall time of `iterations` hashes on each of `threads` threads.
static double run(int threads) {
    pthread_t ids[64];
    double start = now();
    for (int t = 0; t < threads; t++) {
        if (pthread_create(&ids[t], NULL, hash_many, NULL) != 0) {
            fprintf(stderr, "cannot start a thread\n");
            exit(1);
        }
    }
    for (int t = 0; t < threads; t++) {
        pthread_join(ids[t], NULL);
    }
    return now() - start;
}

int main(int argc, char **argv) {
    int threads = 1;
    int first = 1;
    if (argc > 2 && strcmp(argv[1], "-t") == 0) {
        threads = atoi(argv[2]);
        first = 3;
    }
    if (threads < 1 || threads > 64 || argc < first + 2) {
        fprintf(stderr, "usage: %s [-t THREADS] FILE SIZE...\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(argv[first], "rb");
    if (f == NULL) {
        perror(argv[first]);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    long length = ftell(f);
    rewind(f);
    unsigned char *bytes = malloc(length);
    if (bytes == NULL || fread(bytes, 1, length, f) != (size_t) length) {
        fprintf(stderr, "cannot read %s\n", argv[first]);
        return 1;
    }
    fclose(f);
    input = bytes;
    for (int a = first + 1; a < argc; a++) {
        size = atol(argv[a]);
        if (size < 0 || size > length) {
            fprintf(stderr, "size %ld is not within the file's %ld bytes\n", size, length);
            return 1;
        }
        // About 0.2 s of hashing per measurement, ten measurements, the best one counts.
        iterations = 1;
        while (run(threads) <= 0.02) {
            iterations *= 2;
        }
        iterations *= 10;
        double best = 1e30;
        for (int r = 0; r < 10; r++) {
            double t = run(threads) / ((double) iterations * threads);
            if (t < best) {
                best = t;
            }
        }
        printf("%ld %.1f\n", size, best * 1e9);
    }
    return 0;
}
