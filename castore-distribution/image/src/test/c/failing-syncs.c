/*
 * Preloaded into a daemon by FailedSyncTest: while the file that CASTORE_TEST_FAILING_SYNCS names
 * exists, fsync, fdatasync and syncfs fail with EIO, as they do when the kernel could not write
 * dirty pages back; otherwise they are the C library's.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

static int failing(void) {
    const char *flag = getenv("CASTORE_TEST_FAILING_SYNCS");
    return flag != NULL && access(flag, F_OK) == 0;
}

#define FAILING(name)                                            \
    int name(int fd) {                                           \
        static int (*real)(int);                                 \
        if (real == NULL) {                                      \
            real = (int (*)(int)) dlsym(RTLD_NEXT, #name);       \
        }                                                        \
        if (failing()) {                                         \
            errno = EIO;                                         \
            return -1;                                           \
        }                                                        \
        return real(fd);                                         \
    }

FAILING(fsync)
FAILING(fdatasync)
FAILING(syncfs)
