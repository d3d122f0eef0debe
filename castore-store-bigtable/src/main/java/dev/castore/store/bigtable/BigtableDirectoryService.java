package dev.castore.store.bigtable;

import com.google.api.core.ApiFuture;
import com.google.api.gax.rpc.ApiException;
import com.google.cloud.bigtable.data.v2.BigtableDataClient;
import com.google.cloud.bigtable.data.v2.models.Filters;
import com.google.cloud.bigtable.data.v2.models.Row;
import com.google.cloud.bigtable.data.v2.models.TableId;
import dev.castore.api.InvalidRequestException;
import dev.castore.api.StorageException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.BreadthFirstTraversal;
import dev.castore.api.directory.ClosurePutter;
import dev.castore.api.directory.DirectoryGraph;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import dev.castore.api.directory.ClosureStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static com.google.cloud.bigtable.data.v2.models.Filters.FILTERS;

/**
 * Directories in a Bigtable table, laid out as tvix/snix lay them out: the row key and the column
 * qualifier are the lowercase hex of the directory's digest, the cell (in the configured family)
 * holds its canonical protobuf encoding. Any stored directory can be read, not only roots.
 *
 * <p>Reads check that the cell hashes to the row key before decoding it; a mismatch is a
 * {@link dev.castore.api.CorruptDataException}, never data. Writes are conditional mutations
 * that set the cell only when it is absent, so concurrent writers of one directory are safe.
 * A closure is written leaves first, a level at a time, so a directory is never visible before
 * the directories it refers to. Thread-safe.
 */
public final class BigtableDirectoryService implements DirectoryService {

    /** The largest cell this store writes: 10 MiB, Bigtable's recommended cell limit. */
    public static final int CELL_LIMIT = 10 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(BigtableDirectoryService.class);
    /** Conditional puts of one closure level in flight at once; bounds memory and server load. */
    private static final int MAX_PUTS_IN_FLIGHT = 64;

    private final BigtableDirectoryServiceConfig config;
    private final BigtableDataClient client;
    private final Optional<ClientEventLoop> loop;
    private final TableId table;
    private final BigtableRowCodec codec;

    BigtableDirectoryService(BigtableDirectoryServiceConfig config, BigtableDataClient client) {
        this(config, client, Optional.empty());
    }

    private BigtableDirectoryService(BigtableDirectoryServiceConfig config, BigtableDataClient client,
            Optional<ClientEventLoop> loop) {
        this.config = config;
        this.client = client;
        this.loop = loop;
        this.table = TableId.of(config.tableName());
        this.codec = new BigtableRowCodec(config);
    }

    /** Connects to the instance of {@code config} (or to the emulator it names). */
    public static BigtableDirectoryService connect(BigtableDirectoryServiceConfig config) throws IOException {
        ClientEventLoop loop = new ClientEventLoop(Math.min(config.channelSize(), Runtime.getRuntime().availableProcessors()));
        var settings = BigtableClientSettings.of(config, System.getenv(), Optional.of(loop));
        LOG.info("bigtable directory service: project '{}', instance '{}', table '{}', family '{}', app profile '{}'"
                        + ", {} channels, timeout {}{}{}", config.projectId(), config.instanceName(),
                config.tableName(), config.familyName(), config.appProfileId(), config.channelSize(),
                config.timeoutDuration(), config.isReadOnly() ? ", read-only" : "",
                EmulatorAddress.of(config, System.getenv()).map(e -> ", emulator at " + e).orElse(""));
        try {
            return new BigtableDirectoryService(config, BigtableDataClient.create(settings), Optional.of(loop));
        } catch (IOException | RuntimeException e) {
            loop.close();
            throw e;
        }
    }

    /** The config this service was built from. */
    public BigtableDirectoryServiceConfig config() {
        return config;
    }

    @Override
    public Optional<Directory> get(B3Digest digest) throws IOException {
        return resolve(digest, readAsync(digest));
    }

    @Override
    public B3Digest put(Directory directory) throws IOException {
        requireWritable(directory.digest());
        codec.checkCellLimit(directory);
        await(List.of(directory), List.of(putAsync(directory)));
        return directory.digest();
    }

    @Override
    public ClosureStream getRecursive(B3Digest root) {
        return BreadthFirstTraversal.of(root, new PrefetchingLookup(this::readAsync, this::resolve));
    }

    @Override
    public DirectoryPutter putter() throws IOException {
        if (config.isReadOnly()) {
            throw readOnly("a closure");
        }
        return new ClosurePutter(this::writeClosure);
    }

    @Override
    public void close() throws IOException {
        try {
            client.close();
        } catch (RuntimeException e) {
            throw new StorageException("closing the bigtable client of instance '" + config.instanceName()
                    + "' failed: " + e.getMessage(), e);
        } finally {
            loop.ifPresent(ClientEventLoop::close);
        }
    }

    /** Writes a validated closure level by level, leaves first; every cell size is checked before the first write. */
    private void writeClosure(DirectoryGraph.ValidatedClosure closure) throws IOException {
        requireWritable(closure.root().orElseThrow());
        List<List<Directory>> levels = ClosureLevels.of(closure);
        for (List<Directory> level : levels) {
            for (Directory d : level) {
                codec.checkCellLimit(d);
            }
        }
        for (List<Directory> level : levels) {
            writeLevel(level);
        }
    }

    /** Puts the directories of one level with at most {@link #MAX_PUTS_IN_FLIGHT} in flight; stops at the first error. */
    private void writeLevel(List<Directory> level) throws IOException {
        Semaphore inFlight = new Semaphore(MAX_PUTS_IN_FLIGHT);
        AtomicBoolean failed = new AtomicBoolean();
        List<ApiFuture<Boolean>> futures = new ArrayList<>(level.size());
        try {
            for (Directory d : level) {
                inFlight.acquire();
                if (failed.get()) {
                    break;
                }
                ApiFuture<Boolean> f = putAsync(d);
                f.addListener(() -> {
                    inFlight.release();
                    if (!succeeded(f)) {
                        failed.set(true);
                    }
                }, Runnable::run);
                futures.add(f);
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing directories to bigtable");
        }
        await(level.subList(0, futures.size()), futures);
    }

    private static boolean succeeded(ApiFuture<Boolean> done) {
        try {
            done.get();
            return true;
        } catch (ExecutionException | InterruptedException | java.util.concurrent.CancellationException e) {
            return false;
        }
    }

    private ApiFuture<Row> readAsync(B3Digest digest) {
        String key = digest.toHex();
        return client.readRowAsync(table, key, readFilter(key));
    }

    /** Waits for the read of {@code digest}; verifies and decodes the row. */
    private Optional<Directory> resolve(B3Digest digest, ApiFuture<Row> read) throws IOException {
        Row row;
        try {
            row = read.get();
        } catch (ExecutionException e) {
            String what = "get of directory " + digest.toHex();
            if (e.getCause() instanceof ApiException api) {
                throw failure(what, api);
            }
            throw new StorageException(what + " from table '" + config.tableName() + "' failed: " + e.getCause(),
                    e.getCause());
        } catch (InterruptedException e) {
            read.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading directory " + digest.toHex() + " from bigtable");
        }
        return row == null ? Optional.empty() : Optional.of(codec.decode(digest, row));
    }

    private ApiFuture<Boolean> putAsync(Directory directory) {
        return client.checkAndMutateRowAsync(codec.conditionalPut(table, directory));
    }

    /** Waits for every put; reports the first failure (cancelling the rest). */
    private void await(List<Directory> directories, List<ApiFuture<Boolean>> futures) throws IOException {
        for (int i = 0; i < futures.size(); i++) {
            try {
                futures.get(i).get();
            } catch (ExecutionException e) {
                futures.forEach(f -> f.cancel(true));
                Throwable cause = e.getCause();
                String what = "put of directory " + directories.get(i).digest().toHex();
                if (cause instanceof ApiException api) {
                    throw failure(what, api);
                }
                throw new StorageException(what + " into table '" + config.tableName() + "' failed: " + cause, cause);
            } catch (InterruptedException e) {
                futures.forEach(f -> f.cancel(true));
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while writing directories to bigtable");
            }
        }
    }

    private Filters.Filter readFilter(String key) {
        // The newest cell only: a table shared with other writers may hold older versions of the same bytes.
        return FILTERS.chain()
                .filter(FILTERS.family().exactMatch(config.familyName()))
                .filter(FILTERS.qualifier().exactMatch(key))
                .filter(FILTERS.limit().cellsPerColumn(1));
    }

    private void requireWritable(B3Digest digest) throws InvalidRequestException {
        if (config.isReadOnly()) {
            throw readOnly("directory " + digest.toHex());
        }
    }

    private InvalidRequestException readOnly(String what) {
        return new InvalidRequestException("bigtable directory service on instance '" + config.instanceName()
                + "' (table '" + config.tableName() + "') is read-only (is_read_only = true): refusing to put " + what);
    }

    private StorageException failure(String what, ApiException e) {
        return new StorageException(what + " in table '" + config.tableName() + "' of bigtable instance '"
                + config.instanceName() + "' failed (timeout " + config.timeoutDuration().toMillis() + " ms, retries "
                + "included): " + e.getStatusCode().getCode() + ": " + reason(e), e);
    }

    /** The client's message, but for a connection that could not be made, why and what to check. */
    static String reason(ApiException e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return "cannot connect: " + c.getMessage() + "; is Bigtable (or its emulator) reachable at that address?";
            }
        }
        return e.getMessage();
    }
}
