package dev.castore.store.grpc.server;

import dev.castore.api.spi.ConfigValues;
import dev.castore.api.spi.ServiceUrl;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * What a listen URL asks for. Forms: {@code grpc+http://host:port}, {@code grpc+unix:///abs/path.sock},
 * {@code grpc+https://host:port?tls-cert-file=/cert.pem&tls-key-file=/key.pem}; port 0 picks a free
 * port. Query parameters: {@code tls-cert-file}, {@code tls-key-file} (both required for https),
 * {@code tls-client-ca-file} (then clients must present a certificate signed by it),
 * {@code token-file} (then every castore call needs {@code authorization: Bearer <the file's
 * content>}), {@code reflection=0} to turn server reflection off.
 */
public record ListenOptions(
        ServiceUrl url,
        Optional<Path> tlsCertFile,
        Optional<Path> tlsKeyFile,
        Optional<Path> tlsClientCaFile,
        Optional<Path> tokenFile,
        boolean reflection) {

    /** The listen URL schemes. */
    public static final Set<String> SCHEMES = Set.of("grpc+http", "grpc+https", "grpc+unix");

    private static final Set<String> KEYS = Set.of("tls-cert-file", "tls-key-file", "tls-client-ca-file",
            "token-file", "reflection");

    /**
     * Reads a listen URL.
     *
     * @throws IllegalArgumentException naming what is wrong and what is accepted
     */
    public static ListenOptions parse(ServiceUrl url) {
        String u = url.raw();
        if (!SCHEMES.contains(url.scheme())) {
            throw new IllegalArgumentException("invalid listen url '" + u + "': use grpc+http://host:port, "
                    + "grpc+https://host:port?tls-cert-file=...&tls-key-file=... or grpc+unix:///path.sock");
        }
        for (String key : url.query().keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("invalid listen url '" + u + "': unknown query parameter '" + key
                        + "'; accepted: " + KEYS.stream().sorted().toList());
            }
        }
        if (url.scheme().equals("grpc+unix")) {
            if (!url.host().isEmpty() || !url.path().startsWith("/")) {
                throw new IllegalArgumentException("invalid listen url '" + u + "': write grpc+unix:///absolute/path.sock"
                        + " (no host, an absolute path)");
            }
        } else if (url.host().isEmpty() || url.port().isEmpty() || !(url.path().isEmpty() || url.path().equals("/"))) {
            throw new IllegalArgumentException("invalid listen url '" + u + "': write " + url.scheme()
                    + "://host:port (a host and a port, no path; port 0 picks a free one)");
        }
        Optional<Path> cert = path(url, "tls-cert-file");
        Optional<Path> key = path(url, "tls-key-file");
        Optional<Path> clientCa = path(url, "tls-client-ca-file");
        boolean https = url.scheme().equals("grpc+https");
        if (https && (cert.isEmpty() || key.isEmpty())) {
            throw new IllegalArgumentException("invalid listen url '" + u + "': grpc+https needs tls-cert-file and "
                    + "tls-key-file (PEM files)");
        }
        if (!https && (cert.isPresent() || key.isPresent() || clientCa.isPresent())) {
            throw new IllegalArgumentException("invalid listen url '" + u + "': TLS files need grpc+https");
        }
        boolean reflection;
        try {
            reflection = ConfigValues.bool("reflection", url.query().getOrDefault("reflection", "1"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid listen url '" + u + "': " + e.getMessage(), e);
        }
        return new ListenOptions(url, cert, key, clientCa, path(url, "token-file"), reflection);
    }

    private static Optional<Path> path(ServiceUrl url, String key) {
        return url.queryParameter(key).filter(s -> !s.isBlank()).map(Path::of);
    }
}
