package dev.castore.api.chunking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The fixture files of the spec, kept in castore-api/src/test/fixtures, found through the system property the build sets. */
final class SpecFixtures {

    /** The system property naming the fixtures directory (set by the module's pom). */
    static final String PROPERTY = "castore.spec.fixtures";

    private SpecFixtures() {}

    /** The bytes of fixture {@code name}; fails with a message saying where it was looked for. */
    static byte[] read(String name) throws IOException {
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("system property " + PROPERTY + " is not set; the module's pom sets it to "
                    + "${maven.multiModuleProjectDirectory}/castore-api/src/test/fixtures");
        }
        Path file = Path.of(dir, name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("spec fixture " + file.toAbsolutePath().normalize() + " is missing: the "
                    + "fixtures are kept in castore-api/src/test/fixtures");
        }
        return Files.readAllBytes(file);
    }
}
