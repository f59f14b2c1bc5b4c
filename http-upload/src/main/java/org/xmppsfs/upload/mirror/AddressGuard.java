package org.xmppsfs.upload.mirror;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether the mirror may connect to an address: the server-side request forgery guard.
 *
 * <p>Refused unless an allow-list entry permits it: loopback, "this network" (0/8, {@code ::}), private
 * (10/8, 172.16/12, 192.168/16, fc00::/7), carrier-grade NAT (100.64/10), link-local (169.254/16 including the
 * cloud metadata address 169.254.169.254, fe80::/10), multicast, benchmarking (198.18/15), documentation and
 * reserved ranges (192.0.0/24, 192.0.2/24, 198.51.100/24, 203.0.113/24, 240/4, broadcast). IPv6 addresses that
 * embed an IPv4 address (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d}, NAT64
 * {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) are judged by the IPv4 address they carry.
 */
public final class AddressGuard {

    private static final List<Cidr> NON_PUBLIC = List.of(
            Cidr.parse("0.0.0.0/8"), Cidr.parse("10.0.0.0/8"), Cidr.parse("100.64.0.0/10"), Cidr.parse("127.0.0.0/8"),
            Cidr.parse("169.254.0.0/16"), Cidr.parse("172.16.0.0/12"), Cidr.parse("192.0.0.0/24"),
            Cidr.parse("192.0.2.0/24"), Cidr.parse("192.168.0.0/16"), Cidr.parse("198.18.0.0/15"),
            Cidr.parse("198.51.100.0/24"), Cidr.parse("203.0.113.0/24"), Cidr.parse("224.0.0.0/4"),
            Cidr.parse("240.0.0.0/4"),
            Cidr.parse("::/128"), Cidr.parse("::1/128"), Cidr.parse("fc00::/7"), Cidr.parse("fe80::/10"),
            Cidr.parse("fec0::/10"), Cidr.parse("ff00::/8"), Cidr.parse("100::/64"), Cidr.parse("2001:db8::/32"));

    private final List<AllowEntry> allowList;

    public AddressGuard(List<String> allowList) {
        this.allowList = allowList.stream().map(AllowEntry::parse).toList();
    }

    /** True when the host name itself is on the allow list (then its addresses are not checked). */
    public boolean hostAllowed(String host) {
        String h = normalizeHost(host);
        return allowList.stream().anyMatch(e -> e instanceof AllowEntry.Host n && n.name().equals(h));
    }

    /** Why connecting to {@code address} is refused, or empty when it is public or allowed. */
    public Optional<String> refusal(InetAddress address) {
        for (AllowEntry e : allowList) {
            if (e instanceof AllowEntry.Range r && r.cidr().contains(address)) {
                return Optional.empty();
            }
        }
        InetAddress judged = embeddedIpv4(address).orElse(address);
        for (Cidr c : NON_PUBLIC) {
            if (c.contains(judged)) {
                return Optional.of("address " + address.getHostAddress() + " is not public (" + c + ")");
            }
        }
        if (judged.isAnyLocalAddress() || judged.isLoopbackAddress() || judged.isLinkLocalAddress()
                || judged.isSiteLocalAddress() || judged.isMulticastAddress()) {
            return Optional.of("address " + address.getHostAddress() + " is not public");
        }
        return Optional.empty();
    }

    static String normalizeHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** The IPv4 address an IPv6 address carries, for the transition formats that reach it. */
    static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        boolean zero80 = true;
        for (int i = 0; i < 10; i++) {
            zero80 &= b[i] == 0;
        }
        byte[] v4 = null;
        if (zero80 && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0 && !allZero(b, 12, 16)
                && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] == 1)))) {
            v4 = new byte[] {b[12], b[13], b[14], b[15]};                       // ::ffff:a.b.c.d, ::a.b.c.d
        } else if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && allZero(b, 4, 12)) {
            v4 = new byte[] {b[12], b[13], b[14], b[15]};                       // 64:ff9b::/96
        } else if (b[0] == 0x20 && b[1] == 0x02) {
            v4 = new byte[] {b[2], b[3], b[4], b[5]};                           // 2002:aabb:ccdd::/48
        }
        if (v4 == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** One allow-list entry: an address range, or a host name. */
    public sealed interface AllowEntry {
        record Range(Cidr cidr) implements AllowEntry {}

        record Host(String name) implements AllowEntry {}

        /** {@code 10.0.0.0/8}, {@code ::1}, {@code 127.0.0.1} or {@code files.example.org}. */
        static AllowEntry parse(String text) {
            String t = text.trim();
            if (t.isEmpty()) {
                throw new IllegalArgumentException("empty entry");
            }
            if (t.contains("/") || isLiteral(t)) {
                return new Range(Cidr.parse(t));
            }
            if (!t.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?\\.?")) {
                throw new IllegalArgumentException("'" + t + "' is neither a CIDR, an IP address nor a host name");
            }
            return new Host(normalizeHost(t));
        }
    }

    static boolean isLiteral(String t) {
        return t.matches("[0-9.]+") && t.chars().filter(c -> c == '.').count() == 3 || t.contains(":");
    }

    /** An address range {@code address/prefix}; a bare address is a range of one. */
    public record Cidr(byte[] network, int prefix) {

        public static Cidr parse(String text) {
            String t = text.trim();
            int slash = t.indexOf('/');
            String addr = slash < 0 ? t : t.substring(0, slash);
            if (!isLiteral(addr)) {
                throw new IllegalArgumentException("'" + t + "' is not an IP address or CIDR range");
            }
            byte[] bytes;
            try {
                // a literal: getByName does not touch DNS for IP literals
                InetAddress a = InetAddress.getByName(addr);
                bytes = addr.contains(":") && a instanceof Inet4Address ? mapped(a.getAddress()) : a.getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + t + "' is not an IP address", e);
            }
            int max = bytes.length * 8;
            int prefix;
            try {
                prefix = slash < 0 ? max : Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + t + "' has a bad prefix length", e);
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("'" + t + "' has a prefix length outside 0.." + max);
            }
            return new Cidr(bytes, prefix);
        }

        private static byte[] mapped(byte[] v4) {
            byte[] b = new byte[16];
            b[10] = (byte) 0xff;
            b[11] = (byte) 0xff;
            System.arraycopy(v4, 0, b, 12, 4);
            return b;
        }

        public boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a[full] & mask) == (network[full] & mask);
        }

        @Override
        public String toString() {
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
            } catch (UnknownHostException e) {
                return "?/" + prefix;
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Cidr c && c.prefix == prefix && java.util.Arrays.equals(c.network, network);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Arrays.hashCode(network) + prefix;
        }
    }
}
