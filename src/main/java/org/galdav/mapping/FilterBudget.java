package org.galdav.mapping;

import com.unboundid.ldap.sdk.Filter;

/**
 * How much searched text one query's LDAP filter may carry: each text-match pushed down spends the bytes
 * of its assertion values, and one that does not fit is not pushed down (the search widens, which is always
 * safe, and the cards are checked anyway). This keeps the filter a directory receives small whatever the
 * request, and its size independent of how many spellings the needles have. One per translation.
 */
final class FilterBudget {
    /** Assertion value bytes in one query's filter. */
    static final long MAX_ASSERTION_BYTES = 65_536;

    private long left = MAX_ASSERTION_BYTES;

    /** Spends what {@code filter} carries; false, spending nothing, when it does not fit. */
    boolean spend(Filter filter) {
        long cost = assertionBytes(filter);
        if (cost > left) {
            return false;
        }
        left -= cost;
        return true;
    }

    /** The bytes of every assertion value in a filter (RFC 4511 §4.5.1.7), its structure not counted. */
    static long assertionBytes(Filter filter) {
        long bytes = 0;
        for (Filter component : filter.getComponents()) {
            bytes += assertionBytes(component);
        }
        if (filter.getNOTComponent() != null) {
            bytes += assertionBytes(filter.getNOTComponent());
        }
        bytes += length(filter.getAssertionValueBytes()) + length(filter.getSubInitialBytes())
                + length(filter.getSubFinalBytes());
        byte[][] any = filter.getSubAnyBytes();
        for (byte[] part : any == null ? new byte[0][] : any) {
            bytes += part.length;
        }
        return bytes;
    }

    private static long length(byte[] value) {
        return value == null ? 0 : value.length;
    }
}
