package dev.castore.archive.tar;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.FileNode;
import dev.castore.api.model.Node;
import dev.castore.api.model.PathComponent;
import dev.castore.api.model.SymlinkNode;
import dev.castore.api.model.SymlinkTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

/**
 * The digest of a local tree as {@code castore import} computes it (names as bytes, a file
 * executable when its owner may execute it), for the tests to compare with. The trees here are
 * shallow; the command itself walks with a stack.
 */
final class LocalTree {

    private LocalTree() {}

    static B3Digest digest(Path dir) throws IOException {
        return ((DirectoryNode) node(dir)).digest();
    }

    private static Node node(Path p) throws IOException {
        if (Files.isSymbolicLink(p)) {
            return new SymlinkNode(SymlinkTarget.of(Files.readSymbolicLink(p).toString().getBytes(StandardCharsets.UTF_8)));
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            Directory.Builder b = Directory.builder();
            try (DirectoryStream<Path> children = Files.newDirectoryStream(p)) {
                for (Path c : children) {
                    b.add(PathComponent.of(c.getFileName().toString().getBytes(StandardCharsets.UTF_8)), node(c));
                }
            }
            return DirectoryNode.of(b.build());
        }
        byte[] data = Files.readAllBytes(p);
        boolean exec = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE);
        return new FileNode(Blake3.hash(data), data.length, exec);
    }
}
