package org.galdav.directory;

import com.unboundid.ldap.sdk.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Disjoint ranges of UUID values, used to cut a search that a server refuses to return whole into
 * searches that each stay under its size limit. A range is a hex prefix: "" is everything, "3" is
 * 30000000-... up to (excluding) 40000000-..., and so on. Ordering filters on entryUUID use the
 * UUIDOrderingMatch rule (RFC 4530 §2.3), so the ranges are exact and an entry falls in exactly one.
 */
final class UuidRanges {
    private static final String HEX = "0123456789abcdef";
    static final int MAX_PREFIX = 5;

    private UuidRanges() {
    }

    /** The sixteen sub-ranges of a prefix. */
    static List<String> children(String prefix) {
        List<String> out = new ArrayList<>(16);
        for (char c : HEX.toCharArray()) {
            out.add(prefix + c);
        }
        return out;
    }

    /** A filter selecting the values that start with {@code prefix} (in UUID order). */
    static Filter range(String attribute, String prefix) {
        Filter lower = Filter.createGreaterOrEqualFilter(attribute, pad(prefix));
        Optional<String> next = next(prefix);
        if (next.isEmpty()) {
            return lower;
        }
        return Filter.createANDFilter(lower, Filter.createNOTFilter(Filter.createGreaterOrEqualFilter(attribute,
                pad(next.get()))));
    }

    /** The prefix right after this one at the same length; empty after "f", "ff", ... */
    static Optional<String> next(String prefix) {
        char[] digits = prefix.toCharArray();
        for (int i = digits.length - 1; i >= 0; i--) {
            int value = HEX.indexOf(digits[i]);
            if (value < 15) {
                digits[i] = HEX.charAt(value + 1);
                return Optional.of(new String(digits, 0, i + 1));
            }
        }
        return Optional.empty();
    }

    /** The smallest UUID with this prefix, in the 8-4-4-4-12 form. */
    static String pad(String prefix) {
        StringBuilder hex = new StringBuilder(prefix);
        while (hex.length() < 32) {
            hex.append('0');
        }
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20, 32);
    }
}
