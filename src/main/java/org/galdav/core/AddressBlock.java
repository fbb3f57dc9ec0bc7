package org.galdav.core;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * The addresses one client is assumed to control, the unit that connection caps and login throttles count
 * per: an IPv4 address as it is, an IPv6 address by its /64 prefix, since a single host or customer line is
 * normally given a whole /64 (RFC 6177 §2, RFC 4291 §2.5.4) and could otherwise pick a fresh address per
 * request. Immutable.
 *
 * @param text the address, or the /64 prefix written as {@code 2001:db8:1:2::/64}
 */
public record AddressBlock(String text) {
    private static final int PREFIX_BYTES = 8;

    public static AddressBlock of(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(prefix, PREFIX_BYTES, 16, (byte) 0);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < PREFIX_BYTES; i += 2) {
                text.append(Integer.toHexString(((prefix[i] & 0xff) << 8) | (prefix[i + 1] & 0xff))).append(':');
            }
            return new AddressBlock(text.append(":/64").toString());
        }
        return new AddressBlock(address.getHostAddress());
    }

    @Override
    public String toString() {
        return text;
    }
}
