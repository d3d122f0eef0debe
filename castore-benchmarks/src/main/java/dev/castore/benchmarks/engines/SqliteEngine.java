package dev.castore.benchmarks.engines;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * SQLite in WAL mode with {@code synchronous=NORMAL} (commits are not synced; a checkpoint is),
 * one connection: SQLite has a single writer anyway. Rows are committed in transactions of about
 * 64 MiB; the end commits and checkpoints (which syncs).
 */
final class SqliteEngine implements Engine {

    private static final long BATCH_BYTES = 64L << 20;

    private final Connection db;
    private final PreparedStatement hasChunk;
    private final PreparedStatement putChunk;
    private final PreparedStatement putIndex;
    private long pending;

    SqliteEngine(Path dir) throws IOException {
        try {
            java.nio.file.Files.createDirectories(dir);
            db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("store.db"));
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("CREATE TABLE IF NOT EXISTS chunks (digest BLOB PRIMARY KEY, data BLOB NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS blobs (digest BLOB PRIMARY KEY, chunks BLOB NOT NULL)");
            }
            db.setAutoCommit(false);
            hasChunk = db.prepareStatement("SELECT 1 FROM chunks WHERE digest = ?");
            putChunk = db.prepareStatement("INSERT OR IGNORE INTO chunks (digest, data) VALUES (?, ?)");
            putIndex = db.prepareStatement("INSERT OR IGNORE INTO blobs (digest, chunks) VALUES (?, ?)");
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }

    @Override
    public synchronized boolean has(byte[] digest) throws IOException {
        try {
            hasChunk.setBytes(1, digest);
            try (ResultSet r = hasChunk.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }

    @Override
    public synchronized void putChunk(byte[] digest, byte[] data) throws IOException {
        insert(putChunk, digest, data);
    }

    @Override
    public synchronized void putIndex(byte[] digest, byte[] index) throws IOException {
        insert(putIndex, digest, index);
    }

    private void insert(PreparedStatement st, byte[] digest, byte[] value) throws IOException {
        try {
            st.setBytes(1, digest);
            st.setBytes(2, value);
            st.executeUpdate();
            pending += value.length;
            if (pending > BATCH_BYTES) {
                db.commit();
                pending = 0;
            }
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }

    @Override
    public synchronized void sync() throws IOException {
        try {
            db.commit();
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(FULL)");
            }
            db.commit();
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            db.close();
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }
}
