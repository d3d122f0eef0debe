package dev.castore.api.spi;

import dev.castore.api.blob.BlobService;
import dev.castore.api.directory.DirectoryService;
import java.util.List;
import java.util.Optional;

/**
 * A kind of service, and with it a namespace of instance names: one composition may hold a blob
 * service and a directory service both named {@code root}.
 *
 * @param <T> the service interface
 */
public final class ServiceKind<T> {

    /** Blob services; the config section {@code blobservices}. */
    public static final ServiceKind<BlobService> BLOB =
            new ServiceKind<>("blob", "blobservices", BlobService.class);

    /** Directory services; the config section {@code directoryservices}. */
    public static final ServiceKind<DirectoryService> DIRECTORY =
            new ServiceKind<>("directory", "directoryservices", DirectoryService.class);

    private static final List<ServiceKind<?>> ALL = List.of(BLOB, DIRECTORY);

    private final String name;
    private final String configSection;
    private final Class<T> type;

    private ServiceKind(String name, String configSection, Class<T> type) {
        this.name = name;
        this.configSection = configSection;
        this.type = type;
    }

    /** Every kind. */
    public static List<ServiceKind<?>> values() {
        return ALL;
    }

    /** The kind whose config section is {@code section} ({@code blobservices}, {@code directoryservices}). */
    public static Optional<ServiceKind<?>> bySection(String section) {
        return ALL.stream().filter(k -> k.configSection.equals(section)).findFirst();
    }

    /** Short name: {@code blob} or {@code directory}. */
    public String name() {
        return name;
    }

    /** The top-level key of config files that holds instances of this kind. */
    public String configSection() {
        return configSection;
    }

    /** The service interface. */
    public Class<T> type() {
        return type;
    }

    @Override
    public String toString() {
        return name;
    }
}
