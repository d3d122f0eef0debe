package dev.castore.http;

import com.sun.net.httpserver.Headers;

/** Conditional requests on an entity tag (RFC 9110 13.1.2): {@code If-None-Match}. */
final class Conditions {

    private Conditions() {}

    /** Whether {@code If-None-Match} names {@code etag} (weakly compared) or is {@code *}. */
    static boolean notModified(Headers request, String etag) {
        for (String value : request.getOrDefault("If-None-Match", java.util.List.of())) {
            for (String tag : value.split(",")) {
                String t = tag.strip();
                if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                    return true;
                }
            }
        }
        return false;
    }
}
