package dev.castore.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.spi.Listener;
import dev.castore.api.spi.ServiceUrl;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A listing as a browser draws it: headless Chromium (Debian's {@code chromium}, which run-tests
 * installs when missing) takes a screenshot of the root listing, which must be the size asked
 * for, mostly the white page, with dark text and the listing's blue links drawn on it.
 */
class ListingScreenshotTest {

    @Test
    void chromiumDrawsTheListing(@TempDir Path tmp) throws Exception {
        HttpFrontEndTest tree = new HttpFrontEndTest();
        tree.store();
        Path png = tmp.resolve("listing.png");
        try (Listener listener = new HttpListenerProvider().listen(
                ServiceUrl.parse("http://127.0.0.1:0?root=" + tree.root.toHex()), tree.blobs, tree.directories)) {
            chromium(tmp, "--window-size=800,600", "--screenshot=" + png, listener.address());
        }
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(800, image.getWidth());
        assertEquals(600, image.getHeight());
        int white = 0;
        int dark = 0;
        int linkBlue = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (r > 245 && g > 245 && b > 245) {
                    white++;
                } else if (r < 80 && g < 80 && b < 80) {
                    dark++;
                } else if (b > 140 && r < 60 && g < 110) {
                    linkBlue++;
                }
            }
        }
        int pixels = 800 * 600;
        assertTrue(white > pixels * 0.7, "mostly page background: " + white + " of " + pixels);
        assertTrue(dark > 500, "text (the title and the table) drawn: " + dark + " dark pixels");
        assertTrue(linkBlue > 200, "the entries' links drawn in the listing's blue: " + linkBlue + " pixels");
    }

    private static void chromium(Path profile, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--user-data-dir=" + profile.resolve("profile")));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("this test needs headless Chromium: apt-get install chromium (run-tests installs it)", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(profile.resolve("listing.png"))) {
            p.destroyForcibly();
            throw new AssertionError("chromium failed: " + output);
        }
    }
}
