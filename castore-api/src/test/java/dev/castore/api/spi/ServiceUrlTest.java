package dev.castore.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ServiceUrlTest {

    @Test
    void acceptsAnEmptyAuthority() {
        ServiceUrl u = ServiceUrl.parse("memory://");
        assertEquals("memory", u.typeTag());
        assertEquals("", u.host());
        assertEquals("", u.path());
        assertEquals(Optional.empty(), u.rawQuery());
    }

    @Test
    void splitsTheTypeTagFromTheInnerUrl() {
        ServiceUrl u = ServiceUrl.parse("objectstore+s3://bucket/some/prefix?aws_region=eu-west-1&endpoint=http%3A%2F%2F127.0.0.1%3A9000");
        assertEquals("objectstore", u.typeTag());
        assertEquals(Optional.of("s3"), u.innerScheme());
        assertEquals("s3://bucket/some/prefix?aws_region=eu-west-1&endpoint=http%3A%2F%2F127.0.0.1%3A9000", u.inner());
        assertEquals("bucket", u.host());
        assertEquals("/some/prefix", u.path());
        assertEquals(Map.of("aws_region", "eu-west-1", "endpoint", "http://127.0.0.1:9000"), u.query());
        assertEquals("objectstore+s3://bucket/some/prefix", u.withoutQuery());
    }

    @Test
    void readsHostsPortsAndUnixPaths() {
        ServiceUrl g = ServiceUrl.parse("grpc+http://[::1]:8000");
        assertEquals("[::1]", g.host());
        assertEquals(OptionalInt.of(8000), g.port());
        ServiceUrl unix = ServiceUrl.parse("grpc+unix:///run/castore.sock?wait-connect=1");
        assertEquals("", unix.host());
        assertEquals("/run/castore.sock", unix.path());
        assertEquals(Optional.of("1"), unix.queryParameter("wait-connect"));
        ServiceUrl bt = ServiceUrl.parse("bigtable://instance-1?project_id=project-1&table_name=table-1&family_name=cf1");
        assertEquals("instance-1", bt.host());
        assertEquals("cf1", bt.query().get("family_name"));
    }

    @Test
    void rejectsWhatIsNotAUrl() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceUrl.parse("/just/a/path"))
                .getMessage().startsWith("unable to parse url"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceUrl.parse("grpc+http://h:99999"))
                .getMessage().contains("port 99999"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceUrl.parse("cache://?near=a&near=b"))
                .getMessage().contains("given twice"));
    }

    /** Found by the URL fuzzer: {@code Y+://...} parsed, and its inner URL {@code ://...} did not. */
    @Test
    void refusesAnEmptySchemePartSoThatEveryInnerUrlParses() {
        for (String bad : new String[] {"Y+://%Y://%", "a++b://h", "a+1://h", "+a://h"}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceUrl.parse(bad))
                    .getMessage().startsWith("unable to parse url '" + bad + "'"), bad);
        }
        ServiceUrl nested = ServiceUrl.parse("a+b+c://h:1/p?x=1");
        assertEquals("b+c://h:1/p?x=1", nested.inner());
        assertEquals("c://h:1/p?x=1", ServiceUrl.parse(nested.inner()).inner());
        assertEquals("h", ServiceUrl.parse(ServiceUrl.parse(nested.inner()).inner()).host());
    }
}
