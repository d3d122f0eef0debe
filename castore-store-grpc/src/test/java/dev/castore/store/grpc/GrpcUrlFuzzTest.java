package dev.castore.store.grpc;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.castore.testkit.UrlParserProperties;

/** {@code grpc+...} client URLs (transport, TLS files, token file, package) parse or fail with a reason. */
class GrpcUrlFuzzTest {

    private static final String[] SCHEMES = {"grpc+http://", "grpc+https://", "grpc+unix://", "grpc+"};

    @FuzzTest(maxDuration = "5s")
    void grpcUrlsParseOrFailWithAReason(FuzzedDataProvider data) {
        UrlParserProperties.check(new GrpcProvider(), data.pickValue(SCHEMES), data.consumeRemainingAsString());
    }
}
