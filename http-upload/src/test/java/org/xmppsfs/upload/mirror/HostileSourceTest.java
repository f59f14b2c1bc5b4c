package org.xmppsfs.upload.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Mirror sources that try to reach the service's own network through a host name, or to read something other
 * than a web resource through a non-HTTP scheme. Every one is refused before any connection is made, with a
 * reason that names the host and address, or the scheme. Host names are resolved either by the system (only
 * {@code localhost}, which the hosts file maps to loopback) or by a resolver the test controls, so nothing
 * depends on external DNS.
 */
class HostileSourceTest {

    private final LocalHttp http;
    /** Names the test resolver knows; anything else "does not resolve". */
    private final Map<String, List<String>> names = Map.of(
            "intranet.example.net", List.of("10.1.2.3"),
            "metadata.example.net", List.of("169.254.169.254"),
            "router.example.net", List.of("192.168.0.1"),
            "loopback6.example.net", List.of("::1"),
            "mapped.example.net", List.of("::ffff:127.0.0.1"),
            // one public and one private answer: the client could connect to either, so the name is refused
            "mixed.example.net", List.of("93.184.216.34", "172.16.5.5"));
    private final AtomicInteger lookups = new AtomicInteger();

    HostileSourceTest() throws IOException {
        http = new LocalHttp().on("/file", e -> LocalHttp.bytes(e, "secret".getBytes(StandardCharsets.UTF_8)));
    }

    @AfterEach
    void close() {
        http.close();
    }

    private static MirrorConfig config(boolean allowHttp) {
        return MirrorConfig.defaults().withAllowHttp(allowHttp).withAllowList(List.of())
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    private InetAddress[] resolve(String host) throws UnknownHostException {
        lookups.incrementAndGet();
        List<String> addresses = names.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        InetAddress[] out = new InetAddress[addresses.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = InetAddress.getByName(addresses.get(i)); // literals only: never a DNS query
        }
        return out;
    }

    private static String refusal(GuardedFetcher fetcher, URI source) {
        return assertThrows(FetchRefusedException.class, () -> fetcher.open(source)).getMessage();
    }

    @Test
    void localhostIsRefusedAfterResolutionBeforeConnecting() {
        // the system resolver, as in production: localhost comes from the hosts file
        try (GuardedFetcher fetcher = new GuardedFetcher(config(true))) {
            String why = refusal(fetcher, http.url("localhost", "/file"));
            assertTrue(why.startsWith("source host localhost refused: address 127.0.0.1 is not public"), why);
            assertTrue(why.contains("127.0.0.0/8"), "the reason names the range: " + why);
            assertEquals(0, http.requests.get(), "refused before connecting");
        }
    }

    @Test
    void namesResolvingToPrivateLoopbackOrLinkLocalAddressesAreRefused() {
        try (GuardedFetcher fetcher = new GuardedFetcher(config(false), this::resolve)) {
            assertEquals("source host intranet.example.net refused: address 10.1.2.3 is not public (10.0.0.0/8)",
                    refusal(fetcher, URI.create("https://intranet.example.net/file")));
            assertEquals("source host metadata.example.net refused: address 169.254.169.254 is not public (169.254.0.0/16)",
                    refusal(fetcher, URI.create("https://metadata.example.net/latest/meta-data/")));
            assertEquals("source host router.example.net refused: address 192.168.0.1 is not public (192.168.0.0/16)",
                    refusal(fetcher, URI.create("https://router.example.net/")));
            String v6 = refusal(fetcher, URI.create("https://loopback6.example.net/"));
            assertTrue(v6.startsWith("source host loopback6.example.net refused: address 0:0:0:0:0:0:0:1 is not public"), v6);
            String mapped = refusal(fetcher, URI.create("https://mapped.example.net/"));
            assertTrue(mapped.startsWith("source host mapped.example.net refused: address ") && mapped.contains("127.0.0.1")
                    && mapped.contains("not public"), mapped);
            assertEquals("source host mixed.example.net refused: address 172.16.5.5 is not public (172.16.0.0/12)",
                    refusal(fetcher, URI.create("https://mixed.example.net/")),
                    "every address a name resolves to must be public");
            assertEquals("source host nowhere.example.net does not resolve",
                    refusal(fetcher, URI.create("https://nowhere.example.net/")));
        }
    }

    @Test
    void loopbackLiteralsInEveryNotationAreRefused() {
        try (GuardedFetcher fetcher = new GuardedFetcher(config(true))) {
            for (String host : List.of("[::ffff:127.0.0.1]", "[::1]", "[0:0:0:0:0:0:0:1]", "127.1.2.3", "0.0.0.0")) {
                String why = refusal(fetcher, http.url(host, "/file"));
                assertTrue(why.startsWith("source host " + host + " refused: address ") && why.contains("is not public"),
                        host + ": " + why);
            }
            assertEquals(0, http.requests.get(), "refused before connecting");
        }
    }

    @Test
    void nonHttpSchemesAreRefusedNamingTheScheme() {
        // allowHttp=true: even the most permissive setting reads nothing but http(s)
        try (GuardedFetcher fetcher = new GuardedFetcher(config(true), this::resolve)) {
            int port = http.url("127.0.0.1", "/").getPort();
            for (String url : List.of("file:///etc/passwd", "file:/etc/passwd", "FILE:///etc/passwd",
                    "jar:file:/tmp/x.jar!/secret.txt", "jar:https://files.example.net/x.jar!/a",
                    "gopher://127.0.0.1:" + port + "/_GET%20/file", "ftp://127.0.0.1:" + port + "/file",
                    "dict://127.0.0.1:" + port + "/", "ldap://127.0.0.1/", "netdoc:/etc/passwd", "data:,secret")) {
                URI source = URI.create(url);
                String why = refusal(fetcher, source);
                assertEquals("only http and https sources can be mirrored, not '"
                        + source.getScheme().toLowerCase(java.util.Locale.ROOT) + "'", why, url);
            }
            // a URL without a scheme at all is refused the same way
            assertEquals("only http and https sources can be mirrored, not ''", refusal(fetcher, URI.create("//127.0.0.1/file")));
        }
        assertEquals(0, http.requests.get(), "nothing was connected to");
        assertEquals(0, lookups.get(), "the scheme is judged before any name is resolved");
    }

    @Test
    void plainHttpIsRefusedWhenHttpsIsRequired() {
        // the default: https only; the scheme is refused before the host is even looked up
        try (GuardedFetcher fetcher = new GuardedFetcher(config(false), this::resolve)) {
            assertEquals("only https sources can be mirrored, not 'http'",
                    refusal(fetcher, URI.create("http://files.example.net/a.png")));
            assertEquals("only https sources can be mirrored, not 'file'", refusal(fetcher, URI.create("file:///etc/passwd")));
            assertEquals("only https sources can be mirrored, not 'http'", refusal(fetcher, http.url("127.0.0.1", "/file")));
        }
        assertEquals(0, lookups.get());
        assertEquals(0, http.requests.get());
        assertFalse(MirrorConfig.defaults().allowHttp(), "https is required unless configured otherwise");
    }
}
