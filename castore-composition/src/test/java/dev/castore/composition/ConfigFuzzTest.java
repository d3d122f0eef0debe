package dev.castore.composition;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.castore.api.spi.CompositionException;
import dev.castore.api.spi.ServiceKind;
import dev.castore.composition.combinator.CombinatorProvider;
import dev.castore.store.memory.MemoryProvider;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Composition files in JSON, TOML and YAML, and the reference check over what they parse to:
 * arbitrary text is either a composition or a {@link ConfigException} that says why, never
 * another exception (messages may quote the input; the command escapes what it prints). The
 * first byte picks the format, the rest is the text.
 */
class ConfigFuzzTest {

    private static final StoreRegistry REGISTRY = registry();

    private static StoreRegistry registry() {
        try {
            return StoreRegistry.of(List.of(new MemoryProvider(), new CombinatorProvider()));
        } catch (CompositionException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void configsParseOrFailWithAReason(byte[] input) {
        if (input.length == 0) {
            return;
        }
        ConfigFormat format = ConfigFormat.values()[(input[0] & 0xff) % ConfigFormat.values().length];
        String text = new String(Arrays.copyOfRange(input, 1, input.length), StandardCharsets.UTF_8);
        CompositionConfig config;
        try {
            config = CompositionConfig.parse(REGISTRY, text, format);
        } catch (ConfigException e) {
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a config error says why");
            return;
        }
        for (ServiceKind<?> kind : ServiceKind.values()) {
            for (String name : config.names(kind)) {
                try {
                    ReferenceCheck.check(new Binder(REGISTRY), config, kind, name);
                } catch (CompositionException e) {
                    assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a reference error says why");
                }
            }
        }
    }
}
