package dev.castore.store.bigtable;

import com.google.cloud.bigtable.admin.v2.BigtableTableAdminClient;
import com.google.cloud.bigtable.admin.v2.BigtableTableAdminSettings;
import com.google.cloud.bigtable.admin.v2.models.CreateTableRequest;
import com.google.cloud.bigtable.data.v2.BigtableDataClient;
import com.google.cloud.bigtable.data.v2.BigtableDataSettings;
import com.google.cloud.bigtable.emulator.core.EmulatorController;
import dev.castore.testkit.FaultProxy;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Bigtable emulator on a free loopback port, from the binary bundled in
 * google-cloud-bigtable-emulator-core, with an admin client to create tables and a raw data
 * client to look at (or damage) rows behind the store's back.
 */
final class TestEmulator implements AutoCloseable {

    static final String PROJECT = "project-1";
    static final String INSTANCE = "instance-1";
    static final String FAMILY = "cf1";

    private static TestEmulator shared;

    private final EmulatorController controller;
    private final BigtableTableAdminClient admin;
    private final BigtableDataClient raw;
    private final AtomicInteger tables = new AtomicInteger();

    private TestEmulator() throws Exception {
        controller = EmulatorController.createBundled();
        controller.start();
        int port = controller.getPort();
        admin = BigtableTableAdminClient.create(BigtableTableAdminSettings.newBuilderForEmulator(port)
                .setProjectId(PROJECT).setInstanceId(INSTANCE).build());
        raw = BigtableDataClient.create(BigtableDataSettings.newBuilderForEmulator(port)
                .setProjectId(PROJECT).setInstanceId(INSTANCE).build());
    }

    /** One emulator for all tests of this JVM that do not stop it; each test gets its own table. */
    static synchronized TestEmulator shared() throws Exception {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A private emulator, for tests that stop it. */
    static TestEmulator start() throws Exception {
        return new TestEmulator();
    }

    int port() {
        return controller.getPort();
    }

    /** A fresh table with the family {@link #FAMILY}. */
    String newTable() {
        String name = "table-" + tables.incrementAndGet();
        admin.createTable(CreateTableRequest.of(name).addFamily(FAMILY));
        return name;
    }

    /** The config of a store on {@code table} of this emulator. */
    BigtableDirectoryServiceConfig config(String table) {
        return BigtableDirectoryServiceConfig.of(PROJECT, INSTANCE, table, FAMILY).withEmulatorHost("localhost:" + port());
    }

    /**
     * The config of a store on {@code table} that reaches this emulator through {@code proxy}, with
     * calls timing out after 2 s: how the fault tests see a peer fail.
     */
    BigtableDirectoryServiceConfig configThrough(FaultProxy proxy, String table) {
        return config(table).withEmulatorHost("127.0.0.1:" + proxy.port()).withTimeout("2");
    }

    /** A store on a fresh table. */
    BigtableDirectoryService newService() throws IOException {
        return BigtableDirectoryService.connect(config(newTable()));
    }

    BigtableDataClient raw() {
        return raw;
    }

    /** Stops the emulator process; its data is gone. */
    void stop() {
        controller.stop();
    }

    @Override
    public void close() {
        try {
            raw.close();
            admin.close();
        } finally {
            if (controller.isRunning()) {
                controller.stop();
            }
        }
    }
}
