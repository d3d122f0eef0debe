package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every config snippet in the README parses, and what it tells a plugin author to run names real files. */
class ReadmeSnippetsTest {

    private static final Pattern FENCE = Pattern.compile("(?ms)^```(toml|json|yaml)\\n(.*?)^```$");

    private static String readme() throws Exception {
        Path examples = Path.of(System.getProperty("castore.examples", "../examples"));
        return Files.readString(examples.resolve("../../README.md"));
    }

    @Test
    void everyTomlJsonAndYamlSnippetParses() throws Exception {
        Matcher m = FENCE.matcher(readme());
        List<String> failures = new ArrayList<>();
        int snippets = 0;
        while (m.find()) {
            snippets++;
            ObjectMapper mapper = switch (m.group(1)) {
                case "toml" -> new TomlMapper();
                case "yaml" -> new YAMLMapper();
                default -> new ObjectMapper();
            };
            try {
                mapper.readTree(m.group(2));
            } catch (Exception e) {
                failures.add(m.group(1) + " snippet " + snippets + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        assertTrue(snippets >= 6, "found " + snippets + " snippets");
        assertEquals(List.of(), failures);
    }

    @Test
    void thePluginBuildLineNamesTheApiJarTheTarballShips() throws Exception {
        String readme = readme();
        Matcher m = Pattern.compile("--module-path (\\S+\\.jar)").matcher(readme);
        assertTrue(m.find(), "the plugin build line");
        String jar = m.group(1);
        assertTrue(jar.startsWith("castore/"), jar);
        assertTrue(Files.isRegularFile(Image.home().resolveSibling(jar)), jar + " is in the image");
        Image.Result javac = Image.run(Map.of(), "--version");
        assertEquals(0, javac.code());
    }

    @Test
    void theImageShipsDocsExamplesCompletionManPageAndSdkJars() throws Exception {
        Path home = Image.home();
        for (String file : new String[] {"README.md", "examples/s3-bigtable-cache.toml", "examples/castore.service",
                "sdk/castore-api.jar", "sdk/castore-testkit.jar", "share/bash-completion/completions/castore",
                "share/man/man1/castore.1"}) {
            assertTrue(Files.isRegularFile(home.resolve(file)), file);
        }
        String completion = Files.readString(home.resolve("share/bash-completion/completions/castore"));
        assertTrue(completion.contains("complete -F _complete_castore") && completion.contains("roots"), completion);
        String man = Files.readString(home.resolve("share/man/man1/castore.1"));
        assertTrue(man.startsWith(".TH CASTORE 1") && man.contains(".SH castore IMPORT") && man.contains("\\-\\-exclude"),
                man.substring(0, Math.min(400, man.length())));
        Image.Result help = Image.run(Map.of(), "generate-completion");
        assertEquals(completion, help.out());
    }
}
