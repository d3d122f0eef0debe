package dev.castore.http;

import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.EscapedText;
import dev.castore.api.model.FileNode;
import dev.castore.api.model.Node;
import dev.castore.api.model.PathComponent;
import dev.castore.api.model.SymlinkNode;
import java.util.Map;

/**
 * A directory as a page (HTML) or a document (JSON). Names and targets appear in the escaped form
 * every castore command prints ({@link EscapedText}); links carry the raw name bytes,
 * percent-encoded, so that every entry can be followed, UTF-8 or not.
 */
final class Listing {

    private Listing() {}

    /** The HTML page of {@code dir}, shown at {@code path} (escaped text, ending in {@code /}). */
    static String html(String path, Directory dir) {
        StringBuilder b = new StringBuilder(256 + 160 * dir.entries().size());
        String title = "Index of " + html(path);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width\"><title>").append(title)
                .append("</title>\n<style>body{font:15px/1.4 system-ui,sans-serif;margin:2em;color:#222}")
                .append("h1{font-size:1.3em}table{border-collapse:collapse}td,th{padding:.2em 1.2em .2em 0;text-align:left}")
                .append("td.n{text-align:right;font-variant-numeric:tabular-nums}code{color:#666}a{color:#0645ad}</style>")
                .append("</head>\n<body><h1>").append(title).append("</h1>\n<table><thead><tr><th>name</th><th>kind</th>")
                .append("<th>size</th><th>digest</th></tr></thead><tbody>\n");
        if (!path.equals("/")) {
            b.append("<tr><td><a href=\"../\">../</a></td><td>directory</td><td></td><td></td></tr>\n");
        }
        for (Map.Entry<PathComponent, Node> e : dir.entries().entrySet()) {
            String href = Paths.encode(e.getKey().toBytes());
            String name = html(e.getKey().toString());
            b.append("<tr><td>");
            switch (e.getValue()) {
                case DirectoryNode d -> b.append("<a href=\"").append(href).append("/\">").append(name).append("/</a></td>")
                        .append("<td>directory</td><td class=\"n\">").append(d.size()).append("</td><td><code>")
                        .append(d.digest().toHex(), 0, 12).append("</code></td>");
                case FileNode f -> b.append("<a href=\"").append(href).append("\">").append(name).append("</a></td>")
                        .append("<td>").append(f.executable() ? "file (executable)" : "file").append("</td><td class=\"n\">")
                        .append(f.size()).append("</td><td><code>").append(f.digest().toHex(), 0, 12).append("</code></td>");
                case SymlinkNode s -> b.append("<a href=\"").append(href).append("\">").append(name).append("</a> &rarr; ")
                        .append(html(s.target().toString())).append("</td><td>symlink</td><td></td><td></td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</tbody></table>\n</body></html>\n").toString();
    }

    /** The JSON document of {@code dir}: its path, digest and entries in name order. */
    static String json(String path, Directory dir) {
        StringBuilder b = new StringBuilder(128 + 160 * dir.entries().size());
        b.append("{\"path\":").append(json(path)).append(",\"digest\":\"").append(dir.digest().toHex())
                .append("\",\"entries\":[");
        boolean first = true;
        for (Map.Entry<PathComponent, Node> e : dir.entries().entrySet()) {
            b.append(first ? "\n" : ",\n").append("{\"name\":").append(json(e.getKey().toString()));
            first = false;
            switch (e.getValue()) {
                case DirectoryNode d -> b.append(",\"kind\":\"directory\",\"size\":").append(d.size())
                        .append(",\"digest\":\"").append(d.digest().toHex()).append('"');
                case FileNode f -> b.append(",\"kind\":\"file\",\"size\":").append(f.size()).append(",\"digest\":\"")
                        .append(f.digest().toHex()).append("\",\"executable\":").append(f.executable());
                case SymlinkNode s -> b.append(",\"kind\":\"symlink\",\"target\":").append(json(s.target().toString()));
            }
            b.append('}');
        }
        return b.append("\n]}\n").toString();
    }

    static String html(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String json(String text) {
        StringBuilder b = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
