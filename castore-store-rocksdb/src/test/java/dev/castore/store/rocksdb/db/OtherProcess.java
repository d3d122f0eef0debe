package dev.castore.store.rocksdb.db;

import dev.castore.api.spi.Access;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.file.Path;

/**
 * Another process holding a store: {@code main(DIR, ACCESS)} acquires the database of DIR for
 * ACCESS, prints {@code open} (or the error) and holds it until its standard input ends.
 */
public final class OtherProcess {

    private OtherProcess() {}

    public static void main(String[] args) throws Exception {
        StoreDatabase db;
        try {
            db = StoreDatabase.acquire(Path.of(args[0]), Access.valueOf(args[1]));
        } catch (Exception e) {
            System.out.println("failed: " + e.getMessage());
            return;
        }
        System.out.println("open " + (db.readOnly() ? "read-only" : "read-write"));
        System.out.flush();
        while (System.in.read() >= 0) {
            // held until the test closes our input
        }
        db.release();
    }

    /** Starts one holding {@code dir} for {@code access}; returns once it has opened it. */
    static Process start(Path dir, Access access) throws Exception {
        String javaCommand = ProcessHandle.current().info().command().orElseThrow();
        String path = String.join(File.pathSeparator, System.getProperty("java.class.path", ""),
                System.getProperty("jdk.module.path", ""));
        Process p = new ProcessBuilder(javaCommand, "--enable-native-access=ALL-UNNAMED", "-cp", path,
                OtherProcess.class.getName(), dir.toString(), access.name())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream())).readLine();
        if (line == null || !line.startsWith("open ")) {
            p.destroy();
            throw new IllegalStateException("the other process did not open " + dir + ": " + line);
        }
        return p;
    }

    /** Ends a process from {@link #start}, which releases the store. */
    static void stop(Process p) throws Exception {
        p.getOutputStream().close();
        p.waitFor();
    }
}
