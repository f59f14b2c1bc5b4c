package org.xmppsfs.upload.mirror;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressGuardTest {

    private final AddressGuard strict = new AddressGuard(List.of());

    private boolean refused(String literal) throws Exception {
        return strict.refusal(InetAddress.getByName(literal)).isPresent();
    }

    /** An Inet6Address even for the IPv4-mapped form (InetAddress.getByName would turn it into IPv4). */
    private static InetAddress v6(int... bytes) throws Exception {
        byte[] b = new byte[16];
        for (int i = 0; i < 16; i++) {
            b[i] = (byte) bytes[i];
        }
        return Inet6Address.getByAddress(null, b, -1);
    }

    @Test
    void nonPublicAddressesAreRefused() throws Exception {
        for (String a : List.of("127.0.0.1", "127.9.9.9", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                "100.64.0.1", "169.254.169.254", "169.254.1.1", "0.0.0.0", "224.0.0.1", "255.255.255.255",
                "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1")) {
            assertTrue(refused(a), a + " must be refused");
        }
    }

    @Test
    void ipv6FormsCarryingAnIpv4AddressAreJudgedByIt() throws Exception {
        assertTrue(strict.refusal(v6(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1)).isPresent(), "::ffff:127.0.0.1");
        assertTrue(strict.refusal(v6(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 169, 254, 169, 254)).isPresent(), "::ffff:169.254.169.254");
        assertTrue(strict.refusal(v6(0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 1)).isPresent(), "64:ff9b::10.0.0.1");
        assertTrue(strict.refusal(v6(0x20, 0x02, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)).isPresent(), "2002:7f00:1::1");
        assertFalse(strict.refusal(v6(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 93, 184, 216, 34)).isPresent(), "::ffff:93.184.216.34");
    }

    @Test
    void publicAddressesPass() throws Exception {
        assertFalse(refused("93.184.216.34"));
        assertFalse(refused("2606:2800:220:1::1"));
        assertFalse(refused("172.32.0.1"), "just outside 172.16/12");
    }

    @Test
    void theAllowListOpensRangesAndHosts() throws Exception {
        AddressGuard guard = new AddressGuard(List.of("127.0.0.0/8", "fd00::/8", "files.intranet"));
        assertFalse(guard.refusal(InetAddress.getByName("127.0.0.1")).isPresent());
        assertFalse(guard.refusal(InetAddress.getByName("fd00::5")).isPresent());
        assertTrue(guard.refusal(InetAddress.getByName("10.0.0.1")).isPresent());
        assertTrue(guard.hostAllowed("Files.Intranet."));
        assertFalse(guard.hostAllowed("other.intranet"));
        assertThrows(IllegalArgumentException.class, () -> new AddressGuard(List.of("10.0.0.0/33")));
        assertThrows(IllegalArgumentException.class, () -> new AddressGuard(List.of("not a host!")));
    }
}
