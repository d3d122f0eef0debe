package dev.castore.store.objectstore;

import dev.castore.api.blob.BlobService;
import dev.castore.api.spi.CompositionContext;
import dev.castore.api.spi.ServiceBuilder;
import dev.castore.api.spi.ServiceUrl;
import dev.castore.store.objectstore.blob.ObjectStoreBlobService;
import dev.castore.api.chunking.FastCdc;
import java.io.IOException;
import java.util.Map;

/**
 * Config of a blob service of type {@code objectstore}: blobs chunked with FastCDC into an object
 * store, in the tvix/snix layout. The URL and options are read into typed settings once, here;
 * building opens those.
 *
 * @param objectStoreUrl {@code s3://bucket[/prefix]}, {@code file:///absolute/path} or
 *     {@code memory:///} (required)
 * @param objectStoreOptions options of the store, e.g. S3 credentials, region and endpoint
 *     (required, as in tvix/snix, but may be empty)
 * @param avgChunkSize the average chunk size in bytes (default 262144); chunks are at least half
 *     and at most twice that
 */
public record ObjectStoreBlobServiceConfig(ObjectStoreLocation objectStoreUrl, Map<String, String> objectStoreOptions,
        Integer avgChunkSize)
        implements ServiceBuilder<BlobService> {

    /** The average chunk size of tvix/snix. */
    public static final int DEFAULT_AVG_CHUNK_SIZE = 262_144;

    /** Smallest and largest average chunk size whose min (avg / 2) and max (2 * avg) FastCDC accepts. */
    public static final int MIN_AVG_CHUNK_SIZE = FastCdc.MAXIMUM_MIN / 2;
    public static final int MAX_AVG_CHUNK_SIZE = 2 * FastCdc.MINIMUM_MAX + 1;

    public ObjectStoreBlobServiceConfig {
        ObjectStoreLocation.required(objectStoreUrl);
        if (objectStoreOptions == null) {
            throw new IllegalArgumentException("object_store_options is required for an objectstore blob service "
                    + "(it may be empty: {})");
        }
        objectStoreOptions = Map.copyOf(objectStoreOptions);
        avgChunkSize = avgChunkSize == null ? DEFAULT_AVG_CHUNK_SIZE : avgChunkSize;
        if (avgChunkSize < MIN_AVG_CHUNK_SIZE || avgChunkSize > MAX_AVG_CHUNK_SIZE) {
            throw new IllegalArgumentException("avg_chunk_size " + avgChunkSize + " is not in " + MIN_AVG_CHUNK_SIZE
                    + ".." + MAX_AVG_CHUNK_SIZE + " (FastCDC needs 64 <= avg/2 <= 1048576 and 1024 <= 2*avg)");
        }
        objectStoreUrl = objectStoreUrl.withOptions(objectStoreOptions);
    }

    /** The config of {@code objectStoreUrl} as a config file gives it. */
    public ObjectStoreBlobServiceConfig(String objectStoreUrl, Map<String, String> objectStoreOptions, Integer avgChunkSize) {
        this(objectStoreUrl == null ? null : ObjectStoreLocation.valueOf(objectStoreUrl), objectStoreOptions, avgChunkSize);
    }

    /**
     * The config for {@code objectstore+<url>}: the URL after {@code objectstore+} without its query
     * becomes {@code object_store_url}, each query parameter an option; the chunk size is the default.
     */
    public static ObjectStoreBlobServiceConfig fromUrl(ServiceUrl url) {
        return new ObjectStoreBlobServiceConfig(ObjectStoreLocation.fromUrlForm(url), url.query(), null);
    }

    @Override
    public BlobService build(String instanceName, CompositionContext context) throws IOException {
        return new ObjectStoreBlobService(objectStoreUrl.open(context), avgChunkSize);
    }
}
