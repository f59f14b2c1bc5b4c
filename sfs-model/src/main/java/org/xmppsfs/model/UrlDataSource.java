package org.xmppsfs.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.xmppsfs.model.xml.XmlElement;

/**
 * XEP-0103 {@code <url-data xmlns='http://jabber.org/protocol/url-data' target sid>} with the XEP-0104 HTTP
 * scheme children ({@code http:auth}, {@code http:cookie}, {@code http:header}).
 *
 * <p>Header values: XEP-0104 §Providing Headers puts the value in a {@code value} attribute, while the
 * XEP-0103 example puts it in the element text. Both are read; the attribute form (the normative one) is
 * written.
 */
public record UrlDataSource(
        String target,
        Optional<String> sid,
        List<Desc> descs,
        List<HttpAuth> auths,
        List<HttpCookie> cookies,
        List<HttpHeader> headers,
        List<XmlElement> extensions) implements Source {

    public UrlDataSource {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(sid, "sid");
        descs = List.copyOf(descs);
        auths = List.copyOf(auths);
        cookies = List.copyOf(cookies);
        headers = List.copyOf(headers);
        extensions = List.copyOf(extensions);
    }

    /** A plain URL source, the common case (an XEP-0363 GET URL). */
    public static UrlDataSource of(String target) {
        return new UrlDataSource(target, Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** True when the target is a bare URL a legacy client could fetch (no auth, cookies or headers needed). */
    public boolean isSingleUrl() {
        return auths.isEmpty() && cookies.isEmpty() && headers.isEmpty();
    }

    /** XEP-0104 {@code <http:auth scheme>} with its {@code <http:auth-param name value/>} children. */
    public record HttpAuth(String scheme, List<AuthParam> params) {
        public HttpAuth {
            Objects.requireNonNull(scheme, "scheme");
            params = List.copyOf(params);
        }
    }

    /** XEP-0104 {@code <http:auth-param name value/>}; {@code value} may be empty. */
    public record AuthParam(String name, String value) {
        public AuthParam {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * XEP-0104 {@code <http:cookie>}. Optional attributes stay optional so that a round-trip does not add
     * defaults that were not sent; the effective values apply the XEP-0104 defaults.
     */
    public record HttpCookie(String name, String value, Optional<String> comment, Optional<String> domain,
            Optional<String> path, OptionalLong maxAge, Optional<Boolean> secure, Optional<String> version) {
        public HttpCookie {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(comment, "comment");
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(maxAge, "maxAge");
            Objects.requireNonNull(secure, "secure");
            Objects.requireNonNull(version, "version");
        }

        public static HttpCookie of(String name, String value) {
            return new HttpCookie(name, value, Optional.empty(), Optional.empty(), Optional.empty(), OptionalLong.empty(),
                    Optional.empty(), Optional.empty());
        }

        /** XEP-0104 §cookie: max-age defaults to 0. */
        public long effectiveMaxAge() {
            return maxAge.orElse(0);
        }

        /** XEP-0104 §cookie: secure defaults to false. */
        public boolean effectiveSecure() {
            return secure.orElse(false);
        }

        /** XEP-0104 §cookie: version defaults to 1.0. */
        public String effectiveVersion() {
            return version.orElse("1.0");
        }
    }

    /** XEP-0104 {@code <http:header name value/>}: a request header to send when fetching. */
    public record HttpHeader(String name, String value) {
        public HttpHeader {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }
}
