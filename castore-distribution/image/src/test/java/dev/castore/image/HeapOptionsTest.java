package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's heap settings (-Xms64m -Xmn32m -XX:SurvivorRatio=2) apply unless
 * CASTORE_JAVA_OPTS names a heap size: then the user's settings alone apply, and a heap smaller
 * than the launcher's initial one starts instead of stopping the JVM.
 */
class HeapOptionsTest {

    /** Imports a small file into memory:// with {@code opts}; the JVM's own line about {@code what}. */
    private static String heap(Path tmp, String opts, String what) throws Exception {
        Path file = Files.writeString(tmp.resolve("f"), "heap");
        Path log = tmp.resolve("gc-" + Math.abs(opts.hashCode()) + ".log");
        Image.Result r = Image.run(Map.of("CASTORE_JAVA_OPTS", (opts + " -Xlog:gc+init=info:file=" + log).strip()),
                "import", "-q", "--store", "memory://", file.toString());
        assertEquals(0, r.code(), opts + ": " + r.err());
        assertEquals(64, r.out().strip().length(), r.out());
        return Files.readAllLines(log).stream().filter(l -> l.contains(what)).findFirst().orElseThrow();
    }

    @Test
    void theLaunchersHeapAppliesByDefault(@TempDir Path tmp) throws Exception {
        assertTrue(heap(tmp, "", "Heap Initial Capacity:").endsWith(" 64M"));
    }

    @Test
    void aHeapCapBelowTheLaunchersInitialHeapStarts(@TempDir Path tmp) throws Exception {
        for (String cap : new String[] {"-Xmx48m", "-XX:MaxHeapSize=40m"}) {
            String max = heap(tmp, cap, "Heap Max Capacity:");
            assertTrue(max.endsWith(" " + cap.replaceAll("\\D", "") + "M"), cap + ": " + max);
        }
    }

    @Test
    void anInitialHeapAtTheLaunchersYoungGenerationStarts(@TempDir Path tmp) throws Exception {
        assertTrue(heap(tmp, "-Xms32m", "Heap Initial Capacity:").endsWith(" 32M"));
    }

    @Test
    void aMaximumAboveTheLaunchersInitialHeapIsTaken(@TempDir Path tmp) throws Exception {
        assertTrue(heap(tmp, "-Xmx512m", "Heap Max Capacity:").endsWith(" 512M"));
    }
}
