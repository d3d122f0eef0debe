package dev.castore.store.objectstore.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.castore.store.objectstore.ObjectStoreProvider;
import dev.castore.testkit.UrlParserProperties;

/** {@code objectstore+...} URLs (store URL, S3 options in the query) parse or fail with a reason. */
class ObjectStoreUrlFuzzTest {

    private static final String[] SCHEMES = {"objectstore+s3://", "objectstore+file://", "objectstore+memory://", "objectstore+"};

    @FuzzTest(maxDuration = "5s")
    void objectStoreUrlsParseOrFailWithAReason(FuzzedDataProvider data) {
        String scheme = data.pickValue(SCHEMES);
        UrlParserProperties.check(new ObjectStoreProvider(), scheme, data.consumeRemainingAsString());
    }
}
