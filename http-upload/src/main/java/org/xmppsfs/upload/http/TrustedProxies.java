package org.xmppsfs.upload.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Honours {@code Forwarded} / {@code X-Forwarded-*} only on connections from configured proxies (IP literals or
 * CIDR ranges): anyone else could otherwise claim any client address and evade per-address limits.
 */
final class TrustedProxies implements HttpConfiguration.Customizer {

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges = new ArrayList<>();
    private final ForwardedRequestCustomizer forwarded = new ForwardedRequestCustomizer();

    TrustedProxies(List<String> specs) {
        for (String spec : specs) {
            int slash = spec.indexOf('/');
            byte[] addr = literal(slash < 0 ? spec : spec.substring(0, slash));
            int prefix = slash < 0 ? addr.length * 8 : Integer.parseInt(spec.substring(slash + 1));
            if (prefix < 0 || prefix > addr.length * 8) {
                throw new IllegalArgumentException("proxy.trusted: bad prefix length in " + spec);
            }
            ranges.add(new Range(addr, prefix));
        }
    }

    private static byte[] literal(String ip) {
        if (!ip.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("proxy.trusted: not an IP address: " + ip);
        }
        try {
            return InetAddress.getByName(ip).getAddress(); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("proxy.trusted: not an IP address: " + ip, e);
        }
    }

    boolean trusts(String address) {
        if (address == null || ranges.isEmpty()) {
            return false;
        }
        try {
            byte[] a = literal(address);
            return ranges.stream().anyMatch(r -> r.contains(a));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        return trusts(Request.getRemoteAddr(request)) ? forwarded.customize(request, responseHeaders) : request;
    }
}
