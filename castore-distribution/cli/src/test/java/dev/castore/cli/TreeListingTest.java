package dev.castore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import dev.castore.api.model.PathComponent;
import dev.castore.api.model.SymlinkNode;
import dev.castore.api.model.SymlinkTarget;
import dev.castore.cli.listing.TreeListing;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What ls prints: one line per entry, names and targets escaped, any depth. */
class TreeListingTest {

    private final StoredTrees trees = new StoredTrees();

    @Test
    void namesAndTargetsWithControlBytesStayOnTheirLine() throws Exception {
        B3Digest blob = trees.blob("payload");
        String digest = blob.toHex();
        Directory inner = Directory.builder()
                .file("x\u001b[2J", blob, 7, true)
                .build();
        Directory root = trees.put(List.of(inner, Directory.builder()
                .directory("a\\b", inner)
                .file("evil\n- 0 forged", blob, 7, false)
                .add(PathComponent.of(new byte[] {'n', (byte) 0xff}), new SymlinkNode(SymlinkTarget.of("t")))
                .symlink("link", "\u001b]0;title\u0007/\u202etxt")
                .build()));
        StringWriter out = new StringWriter();

        new TreeListing(new PrintWriter(out), trees.closure(root)).list(root, true);

        String blank = " ".repeat(64);
        assertEquals(String.join("\n",
                "d " + String.format("%12d", inner.size()) + " " + inner.digest().toHex() + " a\\\\b/",
                "x            7 " + digest + " a\\\\b/x\\x1b[2J",
                "- " + String.format("%12d", 7) + " " + digest + " evil\\n- 0 forged",
                "l              " + blank + " link -> \\x1b]0;title\\x07/\\xe2\\x80\\xaetxt",
                "l              " + blank + " n\\xff -> t") + "\n", out.toString());
    }

    @Test
    void anArrowInANameIsEscapedSoTheTargetStartsAtTheFirstArrow() throws Exception {
        Directory root = trees.put(List.of(Directory.builder()
                .symlink("a -> b", "c -> d")
                .file("x->y", trees.blob("payload"), 7, false)
                .build()));
        StringWriter out = new StringWriter();

        new TreeListing(new PrintWriter(out), trees.closure(root)).list(root, false);

        String blank = " ".repeat(64);
        assertEquals(String.join("\n",
                "l              " + blank + " a -\\x3e b -> c -> d",
                "- " + String.format("%12d", 7) + " " + trees.blob("payload").toHex() + " x-\\x3ey") + "\n", out.toString());
    }

    @Test
    void aChainOfAHundredThousandDirectoriesIsListedWhole() throws Exception {
        Directory root = trees.chain(100_000);
        LineCounter out = new LineCounter();

        new TreeListing(new PrintWriter(out), trees.closure(root)).list(root, true);

        // Directories at depth 1..99,999 ("d/d/.../d/"), then the file at the bottom.
        long chars = 0;
        for (long depth = 1; depth < 100_000; depth++) {
            chars += 80 + 2 * depth + 1;
        }
        chars += 80 + 2 * 99_999 + 1 + 1;
        assertEquals(100_000, out.lines);
        assertEquals(chars, out.chars);
    }

    /** Counts lines and characters without keeping them: the paths of a deep tree weigh gigabytes. */
    private static final class LineCounter extends Writer {
        long lines;
        long chars;

        /** Paths come this way; they hold no line break (names are escaped). */
        @Override
        public void write(char[] buffer, int offset, int length) {
            chars += length;
        }

        @Override
        public void write(String s, int offset, int length) {
            chars += length;
            for (int i = offset; i < offset + length; i++) {
                lines += s.charAt(i) == '\n' ? 1 : 0;
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
