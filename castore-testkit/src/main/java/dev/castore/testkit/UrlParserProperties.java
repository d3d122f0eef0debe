package dev.castore.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.castore.api.spi.Registration;
import dev.castore.api.spi.ServiceBuilder;
import dev.castore.api.spi.ServiceBuilderProvider;
import dev.castore.api.spi.ServiceUrl;
import dev.castore.api.spi.UrlParser;

/**
 * What every store's URL parser must do with any text, for fuzz tests to check: parse it into a
 * config, or fail with an {@link IllegalArgumentException} that says why; nothing else (no other
 * exception, no null, no config whose references cannot be listed). Messages may quote the URL as
 * given, control characters included: the command escapes what it prints.
 */
public final class UrlParserProperties {

    private UrlParserProperties() {}

    /**
     * Hands {@code text} to every URL parser of {@code provider}, as the URL {@code scheme + text}
     * (the scheme a store's URLs start with, e.g. {@code objectstore+}), and checks the outcome.
     */
    public static void check(ServiceBuilderProvider provider, String scheme, String text) {
        ServiceUrl url;
        try {
            url = ServiceUrl.parse(scheme + text);
        } catch (IllegalArgumentException e) {
            return;
        }
        for (Registration<?> r : provider.registrations()) {
            if (r.urlParser().isEmpty()) {
                continue;
            }
            UrlParser<?> parser = r.urlParser().get();
            ServiceBuilder<?> config;
            try {
                config = parser.parse(url);
            } catch (IllegalArgumentException e) {
                assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a rejected URL says why");
                continue;
            }
            assertNotNull(config, () -> r.type() + " parsed " + url + " to null");
            assertNotNull(config.references());
        }
    }
}
