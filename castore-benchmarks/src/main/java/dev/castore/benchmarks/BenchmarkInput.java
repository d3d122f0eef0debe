package dev.castore.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the input of {@link Blake3Benchmark} for a given size to a file, so that native tools
 * (b3sum) hash exactly the same bytes. Usage: {@code BenchmarkInput SIZE FILE}.
 */
public final class BenchmarkInput {

    private BenchmarkInput() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: BenchmarkInput SIZE FILE");
        }
        Files.write(Path.of(args[1]), Blake3Inputs.content(Integer.parseInt(args[0])));
    }
}
