package dev.castore.store.bigtable;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.castore.testkit.UrlParserProperties;

/** {@code bigtable://instance?...} URLs parse or fail with a reason. */
class BigtableUrlFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void bigtableUrlsParseOrFailWithAReason(FuzzedDataProvider data) {
        UrlParserProperties.check(new BigtableProvider(), "bigtable://", data.consumeRemainingAsString());
    }
}
