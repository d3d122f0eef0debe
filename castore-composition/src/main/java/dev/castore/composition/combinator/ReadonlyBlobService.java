package dev.castore.composition.combinator;

import dev.castore.api.InvalidRequestException;
import dev.castore.api.blob.BlobListing;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.Durability;
import dev.castore.api.blob.ForwardingBlobService;
import java.io.IOException;
import java.util.Optional;

/**
 * A blob service that serves its inner service's reads and refuses every write with an
 * {@link InvalidRequestException} naming the instance. The inner service is closed by the
 * composition that built it, not here.
 */
public final class ReadonlyBlobService extends ForwardingBlobService {

    private final String name;

    public ReadonlyBlobService(String name, BlobService inner) {
        super(inner);
        this.name = name;
    }

    @Override
    public BlobWriter openWriter() throws IOException {
        throw refused("blob", name);
    }

    @Override
    public BlobWriter openWriter(Durability durability) throws IOException {
        throw refused("blob", name);
    }

    /** Nothing is ever written through this service, so there is nothing to make durable. */
    @Override
    public void sync() {}

    static InvalidRequestException refused(String kind, String name) {
        return new InvalidRequestException(kind + " service '" + name + "' is read-only (type readonly): writes are refused");
    }

    /** The inner store's listing: its blobs are the ones served here. */
    @Override
    public Optional<BlobListing> listing() {
        return delegate().listing();
    }
}
