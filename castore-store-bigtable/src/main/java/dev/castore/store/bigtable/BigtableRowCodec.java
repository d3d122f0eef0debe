package dev.castore.store.bigtable;

import com.google.cloud.bigtable.data.v2.models.ConditionalRowMutation;
import com.google.cloud.bigtable.data.v2.models.Mutation;
import com.google.cloud.bigtable.data.v2.models.Row;
import com.google.cloud.bigtable.data.v2.models.RowCell;
import com.google.cloud.bigtable.data.v2.models.TargetId;
import com.google.protobuf.ByteString;
import dev.castore.api.CorruptDataException;
import dev.castore.api.InvalidRequestException;
import dev.castore.api.StorageException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.model.Directory;
import dev.castore.api.model.InvalidDirectoryException;
import java.util.List;

import static com.google.cloud.bigtable.data.v2.models.Filters.FILTERS;

/**
 * The row layout shared with tvix/snix: row key = column qualifier = lowercase hex of the digest,
 * one cell in the configured family holding the canonical encoding. Decoding verifies the cell
 * against the row key before anything else looks at it.
 */
final class BigtableRowCodec {

    private final String family;
    private final String table;

    BigtableRowCodec(BigtableDirectoryServiceConfig config) {
        this.family = config.familyName();
        this.table = config.tableName();
    }

    /** The mutation that stores {@code directory} unless its cell is already there. */
    ConditionalRowMutation conditionalPut(TargetId target, Directory directory) {
        String key = directory.digest().toHex();
        return ConditionalRowMutation.create(target, key)
                .condition(FILTERS.chain()
                        .filter(FILTERS.family().exactMatch(family))
                        .filter(FILTERS.qualifier().exactMatch(key)))
                .otherwise(Mutation.create()
                        .setCell(family, ByteString.copyFromUtf8(key), ByteString.copyFrom(directory.encode())));
    }

    /** Refuses directories whose encoding does not fit in one cell. */
    void checkCellLimit(Directory directory) throws InvalidRequestException {
        int length = directory.encodedLength();
        if (length > BigtableDirectoryService.CELL_LIMIT) {
            throw new InvalidRequestException("Directory exceeds cell limit on Bigtable: directory "
                    + directory.digest().toHex() + " encodes to " + length + " bytes, the limit is "
                    + BigtableDirectoryService.CELL_LIMIT + " bytes (10 MiB)");
        }
    }

    /**
     * The directory in {@code row}, read for {@code digest}.
     *
     * @throws CorruptDataException when the cell does not hash to the digest ("invalid digest") or
     *     is not a valid canonical directory
     * @throws StorageException when the row is not shaped as this store writes rows
     */
    Directory decode(B3Digest digest, Row row) throws StorageException {
        String key = digest.toHex();
        if (!row.getKey().equals(ByteString.copyFromUtf8(key))) {
            throw new StorageException("bigtable returned row '" + row.getKey().toStringUtf8() + "' of table '"
                    + table + "' when asked for row " + key);
        }
        List<RowCell> cells = row.getCells(family, key);
        if (cells.size() != 1 || row.getCells().size() != 1) {
            throw new StorageException("row " + key + " of table '" + table + "' has " + row.getCells().size()
                    + " cells, of which " + cells.size() + " in family '" + family + "' with qualifier " + key
                    + "; expected exactly one");
        }
        byte[] value = cells.getFirst().getValue().toByteArray();
        B3Digest actual = Blake3.hash(value);
        if (!actual.equals(digest)) {
            throw new CorruptDataException("invalid digest: row " + key + " of table '" + table + "' holds "
                    + value.length + " bytes whose BLAKE3 digest is " + actual.toHex());
        }
        Directory directory;
        try {
            directory = Directory.decode(value);
        } catch (InvalidDirectoryException e) {
            throw new CorruptDataException("row " + key + " of table '" + table + "' holds an invalid directory: "
                    + e.getMessage(), e);
        }
        if (!directory.digest().equals(digest)) {
            throw new CorruptDataException("row " + key + " of table '" + table + "' holds a directory in a "
                    + "non-canonical encoding (its canonical digest is " + directory.digest().toHex() + ")");
        }
        return directory;
    }
}
