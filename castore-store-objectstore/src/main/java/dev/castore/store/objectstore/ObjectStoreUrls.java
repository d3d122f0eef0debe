package dev.castore.store.objectstore;

import dev.castore.api.spi.ServiceUrl;

/** The URL form {@code objectstore+<object store url>[?options]} shared by both service kinds. */
final class ObjectStoreUrls {

    private ObjectStoreUrls() {}

    /** The object store URL: the part after {@code objectstore+}, without query and fragment. */
    static String storeUrl(ServiceUrl url) {
        if (url.innerScheme().isEmpty()) {
            throw new IllegalArgumentException("'" + url + "' names no object store; expected objectstore+s3://bucket/prefix, "
                    + "objectstore+file:///absolute/path or objectstore+memory:///");
        }
        String inner = url.inner();
        int cut = inner.length();
        for (char c : new char[] {'?', '#'}) {
            int i = inner.indexOf(c);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        return inner.substring(0, cut);
    }
}
