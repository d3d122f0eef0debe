package dev.castore.store.grpc.client;

import dev.castore.api.spi.ConfigValues;
import dev.castore.api.spi.ServiceUrl;
import dev.castore.store.grpc.wire.WirePackage;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where and how a client connects: a validated {@code grpc+http}, {@code grpc+https} or
 * {@code grpc+unix} URL, the package it speaks, TLS files and a bearer token file.
 *
 * @param url the target, without query
 * @param waitConnect connect eagerly when the service is built ({@code wait-connect=1})
 */
public record ClientSettings(
        ServiceUrl url,
        boolean waitConnect,
        WirePackage wirePackage,
        Optional<Path> tlsCaFile,
        Optional<Path> tlsCertFile,
        Optional<Path> tlsKeyFile,
        Optional<Path> bearerTokenFile) {

    private static final Set<String> SCHEMES = Set.of("grpc+http", "grpc+https", "grpc+unix");

    public ClientSettings {
        if (tlsCertFile.isPresent() != tlsKeyFile.isPresent()) {
            throw new IllegalArgumentException("tls_cert_file and tls_key_file go together (a client certificate "
                    + "needs its key); got only " + (tlsCertFile.isPresent() ? "tls_cert_file" : "tls_key_file"));
        }
        if (!url.scheme().equals("grpc+https") && (tlsCaFile.isPresent() || tlsCertFile.isPresent())) {
            throw new IllegalArgumentException("TLS files are only used with grpc+https:// URLs, not with " + url);
        }
    }

    /**
     * Validates {@code url} the way tvix and snix do: {@code grpc+unix} has an absolute path and
     * no host; {@code grpc+http(s)} has a host and no path; {@code wait-connect} is the only query
     * parameter.
     *
     * @throws IllegalArgumentException naming what is wrong and what is accepted
     */
    public static ServiceUrl parseTarget(String url) {
        ServiceUrl u = ServiceUrl.parse(url);
        checkTarget(u);
        for (String key : u.query().keySet()) {
            if (!key.equals("wait-connect")) {
                throw new IllegalArgumentException("invalid gRPC url '" + url + "': unknown query parameter '"
                        + key + "'; the url accepts wait-connect=0|1 (package, TLS files and the token are "
                        + "config fields)");
            }
        }
        return u;
    }

    /**
     * Checks the scheme, host, port and path of {@code u} as {@link #parseTarget} does; its query is
     * not looked at.
     *
     * @throws IllegalArgumentException naming what is wrong and what is accepted
     */
    public static void checkTarget(ServiceUrl u) {
        String url = u.toString();
        if (!SCHEMES.contains(u.scheme())) {
            throw new IllegalArgumentException("invalid gRPC url '" + url + "': the scheme must be grpc+http, "
                    + "grpc+https or grpc+unix");
        }
        if (u.scheme().equals("grpc+unix")) {
            if (!u.host().isEmpty()) {
                throw new IllegalArgumentException("invalid gRPC url '" + url + "': grpc+unix takes no host, "
                        + "write grpc+unix:///absolute/path.sock");
            }
            if (!u.path().startsWith("/")) {
                throw new IllegalArgumentException("invalid gRPC url '" + url + "': grpc+unix needs an absolute "
                        + "socket path, e.g. grpc+unix:///run/castore.sock");
            }
        } else {
            if (u.host().isEmpty()) {
                throw new IllegalArgumentException("invalid gRPC url '" + url + "': a host is required, e.g. "
                        + u.scheme() + "://127.0.0.1:8000");
            }
            if (u.port().isEmpty()) {
                // tvix and snix read a missing port as 80 or 443, where no castore daemon listens.
                throw new IllegalArgumentException("invalid gRPC url '" + url + "': a port is required, e.g. "
                        + u.scheme() + "://" + u.host() + ":8000");
            }
            if (!u.path().isEmpty() && !u.path().equals("/")) {
                throw new IllegalArgumentException("invalid gRPC url '" + url + "': " + u.scheme()
                        + " URLs take no path, got '" + u.path() + "'");
            }
        }
    }

    /** Whether {@code wait-connect} asks for an eager connection, read by {@link ConfigValues#bool}; empty is no. */
    public static boolean waitConnect(ServiceUrl url) {
        String v = url.query().getOrDefault("wait-connect", "");
        try {
            return !v.isEmpty() && ConfigValues.bool("wait-connect", v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " in " + url, e);
        }
    }

    /** Settings for {@code url} (read by {@link #parseTarget}) speaking {@code protoPackage}, without TLS files or token. */
    public static ClientSettings of(String url, String protoPackage) {
        return of(parseTarget(url), protoPackage, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Settings for {@code target} (checked by {@link #checkTarget}; of its query only
     * {@code wait-connect} is read) and the config fields; a file that is absent, or blank as a
     * config file may give it, is not set.
     */
    public static ClientSettings of(ServiceUrl target, String protoPackage, Optional<String> tlsCaFile,
            Optional<String> tlsCertFile, Optional<String> tlsKeyFile, Optional<String> bearerTokenFile) {
        // The settings keep the target alone, so that the URL form and a config file compare equal.
        ServiceUrl withoutQuery = target.rawQuery().isEmpty() ? target : ServiceUrl.parse(target.withoutQuery());
        return new ClientSettings(withoutQuery, waitConnect(target), WirePackage.parse(protoPackage), path(tlsCaFile),
                path(tlsCertFile), path(tlsKeyFile), path(bearerTokenFile));
    }

    private static Optional<Path> path(Optional<String> file) {
        return file.filter(s -> !s.isBlank()).map(Path::of);
    }

    /** Query keys of the URL form that become config fields, with their field names. */
    public static final Map<String, String> URL_OPTIONS = Map.of(
            "package", "proto_package",
            "tls-ca-file", "tls_ca_file",
            "tls-cert-file", "tls_cert_file",
            "tls-key-file", "tls_key_file",
            "token-file", "bearer_token_file");
}
