package dev.castore.store.bigtable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castore.api.directory.DirectoryGraph;
import dev.castore.api.model.Directory;
import dev.castore.testkit.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The split of a closure into levels written leaves first. */
class ClosureLevelsTest {

    @Test
    void aChainOfAHundredThousandDirectoriesHasAsManyLevelsLeafFirst() {
        List<Directory> chain = Fixtures.chain(100_000);
        DirectoryGraph graph = new DirectoryGraph();
        chain.forEach(graph::add);

        List<List<Directory>> levels = ClosureLevels.of(graph.validate());

        assertEquals(100_000, levels.size());
        assertEquals(List.of(chain.getFirst()), levels.getFirst());
        assertEquals(List.of(chain.getLast()), levels.getLast());
        assertEquals(List.of(chain.get(50_000)), levels.get(50_000));
    }

    @Test
    void aDirectorySitsOneAboveItsDeepestChild() {
        Directory leaf = Fixtures.DIRECTORY_A;
        Directory middle = Directory.builder().directory("a", leaf).build();
        Directory root = Directory.builder().directory("deep", middle).directory("shallow", Fixtures.DIRECTORY_WITH_KEEP).build();
        DirectoryGraph graph = new DirectoryGraph();
        List.of(leaf, Fixtures.DIRECTORY_WITH_KEEP, middle, root).forEach(graph::add);

        List<List<Directory>> levels = ClosureLevels.of(graph.validate());

        assertEquals(3, levels.size());
        assertEquals(2, levels.get(0).size());
        assertEquals(List.of(middle), levels.get(1));
        assertEquals(List.of(root), levels.get(2));
    }
}
