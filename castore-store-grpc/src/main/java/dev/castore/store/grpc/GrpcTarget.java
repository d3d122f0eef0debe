package dev.castore.store.grpc;

import dev.castore.api.spi.ServiceUrl;
import dev.castore.store.grpc.client.ClientSettings;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code url} of a grpc config, read once: {@code grpc+http://host:port},
 * {@code grpc+https://host:port} or {@code grpc+unix:///abs/path.sock}, optionally with
 * {@code ?wait-connect=1}. A config file's string binds through {@link #valueOf}, the URL form
 * (whose query also carries the client options) through {@link #fromUrlForm}; the config record
 * then reads its other fields into the client settings ({@link #withFields}), which building uses
 * as they are. The target owns what a field left out means: the default package, no TLS file, no
 * token. Equal when the settings are.
 */
public final class GrpcTarget {

    /** What a config without {@code url} is told. */
    static final String REQUIRED = "url is required: grpc+http://host:port, grpc+https://host:port or grpc+unix:///path.sock";

    /** The query parameters of the URL form, for messages. */
    private static final List<String> ACCEPTED = Stream.concat(Stream.of("wait-connect"),
            ClientSettings.URL_OPTIONS.keySet().stream()).sorted().toList();

    private final ServiceUrl url;
    private final Optional<ClientSettings> settings;

    private GrpcTarget(ServiceUrl url, Optional<ClientSettings> settings) {
        this.url = url;
        this.settings = settings;
    }

    /**
     * Reads a {@code url} as a config file gives it.
     *
     * @throws IllegalArgumentException naming what is wrong and what is accepted
     */
    public static GrpcTarget valueOf(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(REQUIRED);
        }
        return new GrpcTarget(ClientSettings.parseTarget(url), Optional.empty());
    }

    /**
     * The {@code url} field of a config record, which it requires.
     *
     * @throws IllegalArgumentException saying what the field takes when {@code url} is null
     */
    static GrpcTarget required(GrpcTarget url) {
        if (url == null) {
            throw new IllegalArgumentException(REQUIRED);
        }
        return url;
    }

    /** The {@code proto_package} a config means: {@code protoPackage}, or the default where it is left out. */
    static String protoPackage(String protoPackage) {
        return protoPackage == null ? GrpcProvider.DEFAULT_PACKAGE : protoPackage;
    }

    /** A file field as a Java caller with strings gives it: null or blank is not set. */
    static Optional<String> file(String path) {
        return Optional.ofNullable(path).filter(p -> !p.isBlank());
    }

    /** The target of the URL form: its query holds {@code wait-connect} and the client options. */
    static GrpcTarget fromUrlForm(ServiceUrl url) {
        ClientSettings.checkTarget(url);
        for (String key : url.query().keySet()) {
            if (!key.equals("wait-connect") && !ClientSettings.URL_OPTIONS.containsKey(key)) {
                throw new IllegalArgumentException("invalid gRPC url '" + url + "': unknown query parameter '" + key
                        + "'; accepted: " + ACCEPTED);
            }
        }
        return new GrpcTarget(url, Optional.empty());
    }

    /**
     * This target with the config's other fields read into its client settings: a package left
     * out is the default, a file left out (or blank) is not used.
     */
    GrpcTarget withFields(String protoPackage, Optional<String> tlsCaFile, Optional<String> tlsCertFile,
            Optional<String> tlsKeyFile, Optional<String> bearerTokenFile) {
        return new GrpcTarget(url, Optional.of(ClientSettings.of(url, protoPackage(protoPackage), tlsCaFile,
                tlsCertFile, tlsKeyFile, bearerTokenFile)));
    }

    /** The client settings read by {@link #withFields}, or those of the target alone. */
    ClientSettings settings() {
        return settings.orElseGet(() -> withFields(null, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()).settings());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GrpcTarget other && settings().equals(other.settings());
    }

    @Override
    public int hashCode() {
        return settings().hashCode();
    }

    /** The target, with {@code ?wait-connect=1} when it connects eagerly. */
    @Override
    public String toString() {
        return url.withoutQuery() + (settings().waitConnect() ? "?wait-connect=1" : "");
    }
}
