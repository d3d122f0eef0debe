package dev.castore.api.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.CorruptDataException;
import dev.castore.api.StorageException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import dev.castore.api.model.InvalidDirectoryException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DirectoryGraphTest {

    static final Directory A = Directory.EMPTY;
    static final Directory B = Directory.builder().directory("a", A).build();
    static final Directory D = Directory.builder().directory("a", A).directory("b", B).build();
    /** 'a' points at C, 'b' at X, and X also points at C: the breadth-first order is not leaves-first reversed. */
    static final Directory C = Directory.builder().symlink("c", "target").build();
    static final Directory X = Directory.builder().directory("c", C).build();
    static final Directory R = Directory.builder().directory("a", C).directory("b", X).build();

    @Test
    void validatesLeavesFirstAndOrdersBothWays() {
        DirectoryGraph g = new DirectoryGraph();
        g.add(A);
        g.add(B);
        g.add(A);
        g.add(D);
        DirectoryGraph.ValidatedClosure c = g.validate();
        assertEquals(Optional.of(D.digest()), c.root());
        assertEquals(List.of(D, A, B), c.rootToLeaves());
        assertEquals(List.of(A, B, D), c.leavesToRoot());
    }

    @Test
    void rejectsUnknownReferencesWrongSizesAndSeveralRoots() {
        DirectoryGraph g = new DirectoryGraph();
        assertTrue(assertThrows(InvalidDirectoryException.class, () -> g.add(B)).getMessage()
                .startsWith("unknown directory was referenced: 'a' -> af1349b9"));
        g.add(A);
        Directory wrong = Directory.builder().directory("a", A.digest(), 7).build();
        assertTrue(assertThrows(InvalidDirectoryException.class, () -> g.add(wrong)).getMessage()
                .contains("has wrong size, specified 7, recorded 0"));
        g.add(C);
        assertTrue(assertThrows(InvalidDirectoryException.class, g::validate).getMessage()
                .startsWith("graph has disconnected roots"));
        assertEquals(Optional.empty(), new DirectoryGraph().validate().root());
    }

    @Test
    void leavesFirstOrderPutsEveryChildBeforeEveryParent() {
        List<Directory> order = DirectoryGraph.leavesFirst(R.digest(), Map.of(R.digest(), R, C.digest(), C, X.digest(), X));
        assertEquals(List.of(C, X, R), order);
        assertTrue(assertThrows(InvalidDirectoryException.class,
                () -> DirectoryGraph.leavesFirst(R.digest(), Map.of(R.digest(), R))).getMessage().contains("incomplete"));
    }

    @Test
    void rootFirstVerifierAcceptsTheTraversalAndRejectsStrangers() throws Exception {
        Map<B3Digest, Directory> store = Map.of(R.digest(), R, C.digest(), C, X.digest(), X);
        List<Directory> stream;
        try (Stream<Directory> s = BreadthFirstTraversal.of(R.digest(), d -> Optional.ofNullable(store.get(d))).asStream()) {
            stream = s.toList();
        }
        assertEquals(List.of(R, C, X), stream);
        RootFirstVerifier v = new RootFirstVerifier(R.digest());
        for (Directory d : stream) {
            v.accept(d);
        }
        v.finish();

        RootFirstVerifier wrongRoot = new RootFirstVerifier(R.digest());
        assertThrows(CorruptDataException.class, () -> wrongRoot.accept(X));
        RootFirstVerifier stranger = new RootFirstVerifier(D.digest());
        stranger.accept(D);
        assertTrue(assertThrows(CorruptDataException.class, () -> stranger.accept(C)).getMessage()
                .startsWith("received unexpected directory"));
        RootFirstVerifier premature = new RootFirstVerifier(D.digest());
        premature.accept(D);
        premature.accept(A);
        assertTrue(assertThrows(CorruptDataException.class, premature::finish).getMessage()
                .startsWith("premature end of stream"));
    }

    @Test
    void traversalOfAMissingRootIsEmptyAndOfAMissingMemberFails() throws Exception {
        try (ClosureStream s = BreadthFirstTraversal.of(D.digest(), d -> Optional.empty())) {
            assertEquals(Optional.empty(), s.next());
            assertEquals(Optional.empty(), s.next());
        }
        Map<B3Digest, Directory> partial = Map.of(D.digest(), D, A.digest(), A);
        try (ClosureStream s = BreadthFirstTraversal.of(D.digest(), d -> Optional.ofNullable(partial.get(d)))) {
            assertEquals(Optional.of(D), s.next());
            assertEquals(Optional.of(A), s.next());
            StorageException e = assertThrows(StorageException.class, s::next);
            assertEquals("directory " + B.digest().toHex() + " does not exist (it is part of the closure of "
                    + D.digest().toHex() + ")", e.getMessage());
        }
        try (Stream<Directory> s = BreadthFirstTraversal.of(D.digest(), d -> Optional.ofNullable(partial.get(d))).asStream()) {
            java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, s::toList);
            assertEquals(StorageException.class, e.getCause().getClass());
        }
    }
}
