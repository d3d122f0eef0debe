package dev.castore.store.grpc.wire;

import java.util.Arrays;
import java.util.Locale;

/**
 * The protobuf package a peer speaks. Both carry byte-identical messages; only the service names
 * in the method paths differ ({@code /snix.castore.v1.BlobService/Stat} vs
 * {@code /tvix.castore.v1.BlobService/Stat}), so a client must pick the one its server serves.
 */
public enum WirePackage {
    SNIX("snix.castore.v1"),
    TVIX("tvix.castore.v1");

    private final String protoPackage;

    WirePackage(String protoPackage) {
        this.protoPackage = protoPackage;
    }

    /** The package name, e.g. {@code snix.castore.v1}. */
    public String protoPackage() {
        return protoPackage;
    }

    /** The full name of the blob service, e.g. {@code snix.castore.v1.BlobService}. */
    public String blobServiceName() {
        return protoPackage + ".BlobService";
    }

    /** The full name of the directory service. */
    public String directoryServiceName() {
        return protoPackage + ".DirectoryService";
    }

    /**
     * The package named {@code name}: {@code snix.castore.v1} or {@code tvix.castore.v1}, or
     * the short forms {@code snix} and {@code tvix}.
     *
     * @throws IllegalArgumentException naming what is accepted
     */
    public static WirePackage parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(p -> p.protoPackage.equals(n) || p.name().toLowerCase(Locale.ROOT).equals(n))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown protobuf package '" + name
                        + "': accepted are snix.castore.v1 (or snix) and tvix.castore.v1 (or tvix)"));
    }
}
