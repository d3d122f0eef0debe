package dev.castore.cli.roots;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.ClosureStream;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.FileNode;
import dev.castore.api.model.Node;
import dev.castore.api.model.PathComponent;
import dev.castore.api.model.SymlinkNode;
import dev.castore.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link TreeAddress} into what it points at. The root is a digest (64 hex digits,
 * {@code b3:}, {@code blake3-}), else a root name, else a hex prefix of exactly one named root's
 * digest. A path is walked directory by directory; a store that keeps directories only by their
 * closure root (objectstore) cannot look up a subdirectory alone, so on a miss the root's whole
 * closure is fetched once and the walk goes on in it.
 */
public final class TreeResolver {

    /** How commands describe the addresses they take. */
    public static final String ADDRESS_HELP = "A digest (hex, b3:..., blake3-...), a root name (import --name) or a prefix"
            + " of a named root's digest, optionally followed by :path/inside (DIGEST:path, NAME:path).";

    /** Said when a directory is not found by its digest alone. */
    public static final String SUBDIRECTORY_HINT = "; a store that keeps directories by closure root (objectstore) finds a"
            + " subdirectory only through its root: give ROOT:path/to/it";

    /**
     * What an address resolved to: a digest, the node when a path was walked (its kind known), and
     * the root the path was walked from (the digest itself without a path).
     */
    public record Target(B3Digest digest, Optional<Node> node, B3Digest root) {}

    private final RootsFile roots;
    private final DirectoryLookup directories;

    /** The directory service, opened only when a path is walked. */
    @FunctionalInterface
    public interface DirectoryLookup {
        DirectoryService get() throws IOException;
    }

    public TreeResolver(RootsFile roots, DirectoryLookup directories) {
        this.roots = roots;
        this.directories = directories;
    }

    /** Resolves {@code text} ({@code ROOT} or {@code ROOT:path}). */
    public Target resolve(String text) throws IOException {
        TreeAddress address = TreeAddress.parse(text);
        B3Digest root = root(address.root());
        if (address.path().isEmpty()) {
            return new Target(root, Optional.empty(), root);
        }
        return walk(root, address);
    }

    /** The digest a root text stands for. */
    public B3Digest root(String text) throws IOException {
        if (text.matches("[0-9a-fA-F]{64}") || text.startsWith(B3Digest.TVIX_PREFIX) || text.startsWith(B3Digest.SNIX_PREFIX)) {
            try {
                return B3Digest.parse(text);
            } catch (IllegalArgumentException e) {
                throw new CliException(CliException.USAGE, e.getMessage());
            }
        }
        List<NamedRoot> named = roots.current();
        for (NamedRoot r : named) {
            if (r.name().equals(text)) {
                return r.digest();
            }
        }
        if (text.matches("[0-9a-fA-F]{4,63}")) {
            String prefix = text.toLowerCase(Locale.ROOT);
            List<B3Digest> matches = named.stream().map(NamedRoot::digest).distinct()
                    .filter(d -> d.toHex().startsWith(prefix)).toList();
            if (matches.size() == 1) {
                return matches.getFirst();
            }
            if (matches.size() > 1) {
                throw new CliException(CliException.USAGE, "digest prefix " + text + " is ambiguous among the named roots: "
                        + String.join(", ", matches.stream().map(B3Digest::toHex).toList()));
            }
        }
        throw new CliException(CliException.USAGE, "invalid digest '" + text + "': neither 64 hex digits, b3:... or"
                + " blake3-..., nor a root name, nor a prefix (4 hex digits or more) of a named root's digest (castore roots"
                + " lists them)");
    }

    /**
     * The directory {@code target} names, if it is one: looked up by its digest, else, when it was
     * reached by a path, in its root's closure (a store that keeps directories by closure root).
     */
    public Optional<Directory> directory(Target target) throws IOException {
        if (target.node().isPresent() && !(target.node().get() instanceof DirectoryNode)) {
            return Optional.empty();
        }
        DirectoryService service = directories.get();
        Optional<Directory> dir = service.get(target.digest());
        if (dir.isPresent() || target.node().isEmpty()) {
            return dir;
        }
        try (ClosureStream all = service.getRecursive(target.root())) {
            for (Optional<Directory> d = all.next(); d.isPresent(); d = all.next()) {
                if (d.get().digest().equals(target.digest())) {
                    return d;
                }
            }
            return Optional.empty();
        }
    }

    private Target walk(B3Digest root, TreeAddress address) throws IOException {
        DirectoryService service = directories.get();
        Map<B3Digest, Directory> closure = null;
        B3Digest current = root;
        Node node = null;
        for (int i = 0; i < address.path().size(); i++) {
            Optional<Directory> dir = service.get(current);
            if (dir.isEmpty()) {
                if (closure == null) {
                    closure = closure(service, root, address);
                }
                dir = Optional.ofNullable(closure.get(current));
            }
            if (dir.isEmpty()) {
                throw new CliException(CliException.NOT_FOUND, "directory " + current.toHex() + " (" + address.root() + ":"
                        + String.join("/", address.path().subList(0, i)) + ") is not in the directory service");
            }
            String name = address.path().get(i);
            String parent = address.root() + ":" + String.join("/", address.path().subList(0, i));
            node = dir.get().get(PathComponent.of(name.getBytes(StandardCharsets.UTF_8))).orElseThrow(() ->
                    new CliException(CliException.NOT_FOUND, "no " + name + " in " + parent));
            boolean last = i == address.path().size() - 1;
            switch (node) {
                case DirectoryNode d -> current = d.digest();
                case FileNode f when last -> current = f.digest();
                case SymlinkNode s when last -> current = null;
                default -> throw new CliException(CliException.NOT_FOUND, address.root() + ":"
                        + String.join("/", address.path().subList(0, i + 1)) + " is not a directory");
            }
        }
        if (current == null) {
            throw new CliException(CliException.USAGE, address + " is a symlink (to " + ((SymlinkNode) node).target()
                    + "); name its target's path instead");
        }
        return new Target(current, Optional.of(node), root);
    }

    private static Map<B3Digest, Directory> closure(DirectoryService service, B3Digest root, TreeAddress address)
            throws IOException {
        Map<B3Digest, Directory> closure = new HashMap<>();
        try (ClosureStream all = service.getRecursive(root)) {
            for (Directory d : all.toList()) {
                closure.put(d.digest(), d);
            }
        }
        if (closure.isEmpty()) {
            throw new CliException(CliException.NOT_FOUND, "directory " + root.toHex() + " (" + address.root()
                    + ") is not in the directory service");
        }
        return closure;
    }
}
