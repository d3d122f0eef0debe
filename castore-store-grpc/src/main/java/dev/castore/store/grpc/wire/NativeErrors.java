package dev.castore.store.grpc.wire;

import io.grpc.netty.shaded.io.netty.channel.unix.Errors;

/**
 * The error numbers behind the failures of netty's native transport (epoll, Unix sockets). Their
 * messages are the C library's words, in the user's locale ("Die Adresse wird bereits
 * verwendet"); the number is the same in every one. Linux's numbers, the same on x86-64 and arm64.
 */
public final class NativeErrors {

    public static final int EACCES = 13;
    public static final int EADDRINUSE = 98;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ECONNRESET = 104;

    private NativeErrors() {}

    /** The error number of {@code t} when netty's native transport raised it, else 0. */
    public static int errno(Throwable t) {
        return t instanceof Errors.NativeIoException n ? -n.expectedErr() : 0;
    }
}
