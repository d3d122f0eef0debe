package dev.castore.composition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castore.composition.combinator.CombinatorProvider;
import dev.castore.store.grpc.GrpcProvider;
import dev.castore.store.memory.MemoryProvider;
import dev.castore.store.objectstore.ObjectStoreProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The README's example of each decorator binds, and its graph has no problem. */
class DecoratorExamplesTest {

    @ParameterizedTest
    @ValueSource(strings = {"### A byte-bounded read cache", "### Mirroring", "### Sharding", "### Remembering has"})
    void theReadmeExampleBindsWithoutProblems(String heading) throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        Matcher m = Pattern.compile("(?ms)```toml\n(.*?)^```$").matcher(readme.substring(readme.indexOf(heading)));
        m.find();
        StoreRegistry registry = StoreRegistry.of(List.of(new MemoryProvider(), new CombinatorProvider(),
                new ObjectStoreProvider(), new GrpcProvider()));
        CompositionConfig config = CompositionConfig.parse(registry, m.group(1), ConfigFormat.TOML);
        assertEquals(List.of(), config.problems(registry));
    }
}
