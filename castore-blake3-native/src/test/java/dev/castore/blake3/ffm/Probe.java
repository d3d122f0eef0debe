package dev.castore.blake3.ffm;

import dev.castore.api.digest.Blake3;
import dev.castore.api.spi.Blake3Provider;

/** Prints the implementation in use and why the others cannot run; for {@link NativeBlake3UnavailableTest}. */
public final class Probe {

    private Probe() {}

    public static void main(String[] args) {
        System.out.println(Blake3.implementationName());
        for (Blake3Provider p : Blake3.providers()) {
            p.unavailableReason().ifPresent(reason -> System.out.println(p.name() + ": " + reason));
        }
        Blake3.hash(new byte[3]);
    }
}
