package dev.castore.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The source of a small third-party store, compiled by the tests against the image's api jar: a
 * blob service type that counts the blobs written through it and passes everything to the blob
 * service named by its {@code inner} field.
 */
final class ExamplePlugin {

    private ExamplePlugin() {}

    private static final String PROVIDER = """
            package com.example.counting;

            import dev.castore.api.spi.Registration;
            import dev.castore.api.spi.ServiceBuilderProvider;
            import dev.castore.api.spi.ServiceKind;
            import java.util.List;

            public final class CountingProvider implements ServiceBuilderProvider {
                @Override
                public List<Registration<?>> registrations() {
                    return List.of(Registration.of(ServiceKind.BLOB, "TAG", CountingBlobServiceConfig.class));
                }
            }
            """;

    private static final String CONFIG = """
            package com.example.counting;

            import dev.castore.api.blob.BlobService;
            import dev.castore.api.blob.BlobWriter;
            import dev.castore.api.blob.Durability;
            import dev.castore.api.blob.ForwardingBlobService;
            import dev.castore.api.spi.CompositionContext;
            import dev.castore.api.spi.ServiceBuilder;
            import dev.castore.api.spi.ServiceKind;
            import dev.castore.api.spi.ServiceReference;
            import java.io.IOException;
            import java.util.List;
            import java.util.concurrent.atomic.AtomicLong;

            public record CountingBlobServiceConfig(String inner) implements ServiceBuilder<BlobService> {
                public CountingBlobServiceConfig {
                    if (inner == null) {
                        throw new IllegalArgumentException("inner is required: the blob service to count writes for");
                    }
                }

                @Override
                public BlobService build(String name, CompositionContext context) throws IOException {
                    BlobService delegate = context.resolve(ServiceKind.BLOB, inner);
                    AtomicLong writes = new AtomicLong();
                    return new ForwardingBlobService(delegate) {
                        @Override
                        public BlobWriter openWriter(Durability durability) throws IOException {
                            writes.incrementAndGet();
                            return super.openWriter(durability);
                        }

                        @Override
                        public BlobWriter openWriter() throws IOException {
                            return openWriter(Durability.ON_COMMIT);
                        }

                        @Override
                        public void close() {
                            System.err.println("TAG store '" + name + "': " + writes.get() + " blobs written");
                        }
                    };
                }

                @Override
                public List<ServiceReference> references() {
                    return List.of(new ServiceReference(ServiceKind.BLOB, inner, "inner"));
                }
            }
            """;

    private static final String MODULE_INFO = """
            module com.example.castore.counting {
                requires dev.castore.api;
                exports com.example.counting;
                provides dev.castore.api.spi.ServiceBuilderProvider with com.example.counting.CountingProvider;
            }
            """;

    /** Builds the plugin as a modular jar registering {@code tag}. */
    static Path modularJar(Path work, String tag) throws IOException, InterruptedException {
        Path src = sources(work.resolve("src-modular"), tag);
        Files.writeString(src.resolve("module-info.java"), MODULE_INFO);
        Path classes = work.resolve("classes-modular");
        Image.tool("javac", "-d", classes.toString(), "--module-path", Image.apiJar().toString(),
                src.resolve("module-info.java").toString(), src.resolve("com/example/counting/CountingProvider.java").toString(),
                src.resolve("com/example/counting/CountingBlobServiceConfig.java").toString());
        Path jar = work.resolve("counting-modular.jar");
        Image.tool("jar", "--create", "--file", jar.toString(), "--module-version", "1.2.3", "-C", classes.toString(), ".");
        return jar;
    }

    /** Builds the plugin as a plain jar with META-INF/services, registering {@code tag}. */
    static Path plainJar(Path work, String tag) throws IOException, InterruptedException {
        Path src = sources(work.resolve("src-plain"), tag);
        Path classes = work.resolve("classes-plain");
        Image.tool("javac", "-d", classes.toString(), "--class-path", Image.apiJar().toString(),
                src.resolve("com/example/counting/CountingProvider.java").toString(),
                src.resolve("com/example/counting/CountingBlobServiceConfig.java").toString());
        Path services = Files.createDirectories(classes.resolve("META-INF/services"));
        Files.writeString(services.resolve("dev.castore.api.spi.ServiceBuilderProvider"), "com.example.counting.CountingProvider\n");
        Path jar = work.resolve("counting-plain.jar");
        Image.tool("jar", "--create", "--file", jar.toString(), "-C", classes.toString(), ".");
        return jar;
    }

    private static Path sources(Path root, String tag) throws IOException {
        Path pkg = Files.createDirectories(root.resolve("com/example/counting"));
        Files.writeString(pkg.resolve("CountingProvider.java"), PROVIDER.replace("TAG", tag), StandardCharsets.UTF_8);
        Files.writeString(pkg.resolve("CountingBlobServiceConfig.java"), CONFIG.replace("TAG", tag), StandardCharsets.UTF_8);
        return root;
    }
}
