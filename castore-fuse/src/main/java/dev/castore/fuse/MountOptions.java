package dev.castore.fuse;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.spi.ServiceUrl;
import java.nio.file.Path;

/**
 * What a {@code fuse:///MOUNTPOINT?root=DIGEST} listen URL asks for.
 *
 * @param mountpoint the directory the tree is mounted on (absolute)
 * @param root the directory mounted
 */
public record MountOptions(Path mountpoint, B3Digest root) {

    /**
     * Reads a listen URL.
     *
     * @throws IllegalArgumentException naming what is wrong and what is accepted
     */
    public static MountOptions parse(ServiceUrl url) {
        if (!url.scheme().equals("fuse") || !url.host().isEmpty() || !url.path().startsWith("/")) {
            throw new IllegalArgumentException("unable to parse url '" + url + "': expected fuse:///ABSOLUTE/MOUNTPOINT"
                    + "?root=DIGEST");
        }
        for (String name : url.query().keySet()) {
            if (!name.equals("root")) {
                throw new IllegalArgumentException("unable to parse url '" + url + "': unknown parameter '" + name
                        + "'; accepted: root=DIGEST");
            }
        }
        String root = url.queryParameter("root").orElseThrow(() -> new IllegalArgumentException(
                "unable to parse url '" + url + "': root=DIGEST is required (the directory to mount)"));
        return new MountOptions(Path.of(url.path()), B3Digest.parse(root));
    }
}
