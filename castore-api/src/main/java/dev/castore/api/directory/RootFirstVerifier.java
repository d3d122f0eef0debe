package dev.castore.api.directory;

import dev.castore.api.CorruptDataException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.SizeFormula;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks a closure received root first, as a recursive get delivers it: the first directory must
 * be the requested root, every later one must have been referenced (with its real size) by one
 * received before, none twice, and at the end nothing referenced may be missing.
 */
public final class RootFirstVerifier {

    private final B3Digest root;
    private final SizeFormula formula;
    /** Referenced but not yet received, with the size the referencing edge gave. */
    private final Map<B3Digest, Long> expected = new HashMap<>();
    /** Received so far, with their real sizes. */
    private final Map<B3Digest, Long> received = new HashMap<>();
    private final int maxDirectories;
    private final long maxBytes;
    private long bytes;

    public RootFirstVerifier(B3Digest root) {
        this(root, SizeFormula.TVIX_COMPAT);
    }

    public RootFirstVerifier(B3Digest root, SizeFormula formula) {
        this(root, formula, DirectoryGraph.MAX_DIRECTORIES, DirectoryGraph.MAX_BYTES);
    }

    /** With other limits than the documented ones, to test them at a size a test can afford. */
    RootFirstVerifier(B3Digest root, SizeFormula formula, int maxDirectories, long maxBytes) {
        this.root = root;
        this.formula = formula;
        this.maxDirectories = maxDirectories;
        this.maxBytes = maxBytes;
    }

    /**
     * Accepts the next directory or fails with {@link CorruptDataException}, also when the closure
     * grows beyond {@link DirectoryGraph#MAX_DIRECTORIES} or {@link DirectoryGraph#MAX_BYTES}.
     */
    public void accept(Directory directory) throws CorruptDataException {
        B3Digest digest = directory.digest();
        bytes += directory.encodedLength();
        if (received.size() >= maxDirectories) {
            throw new CorruptDataException("closure of " + root.toHex() + " exceeds the limit of " + maxDirectories
                    + " directories");
        }
        if (bytes > maxBytes) {
            throw new CorruptDataException("closure of " + root.toHex() + " exceeds the limit of " + maxBytes
                    + " bytes of directories");
        }
        if (received.isEmpty()) {
            if (!digest.equals(root)) {
                throw new CorruptDataException("received unexpected directory " + digest.toHex()
                        + ": the first one must be the requested root " + root.toHex());
            }
        } else {
            Long size = expected.remove(digest);
            if (size == null) {
                throw new CorruptDataException("received unexpected directory " + digest.toHex());
            }
            long actual = directory.size(formula);
            if (size != actual) {
                throw new CorruptDataException("directory " + digest.toHex() + " has wrong size, specified "
                        + Long.toUnsignedString(size) + ", recorded " + Long.toUnsignedString(actual));
            }
        }
        received.put(digest, directory.size(formula));
        for (Directory.Entry<DirectoryNode> e : directory.directories()) {
            B3Digest child = e.node().digest();
            Long known = received.get(child);
            if (known != null) {
                if (known != e.node().size()) {
                    throw new CorruptDataException("directory " + child.toHex() + " has wrong size, specified "
                            + Long.toUnsignedString(e.node().size()) + ", recorded " + Long.toUnsignedString(known));
                }
                continue;
            }
            Long previous = expected.putIfAbsent(child, e.node().size());
            if (previous != null && previous != e.node().size()) {
                throw new CorruptDataException("directory " + child.toHex() + " is referenced with two sizes, "
                        + Long.toUnsignedString(previous) + " and " + Long.toUnsignedString(e.node().size()));
            }
        }
    }

    /** Whether anything was received (an empty recursive get means "not found"). */
    public boolean receivedAny() {
        return !received.isEmpty();
    }

    /** Fails when a referenced directory never arrived ("premature end of stream"). */
    public void finish() throws CorruptDataException {
        if (!received.isEmpty() && !expected.isEmpty()) {
            throw new CorruptDataException("premature end of stream: " + expected.size()
                    + " referenced directories are missing, e.g. " + expected.keySet().iterator().next().toHex());
        }
    }
}
