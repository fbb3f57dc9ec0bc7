package org.galdav.dav;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A client's limit on the number of results: {@code CARDDAV:limit/CARDDAV:nresults} (RFC 6352 §8.6.1) or
 * {@code DAV:limit/DAV:nresults} (RFC 6578 §6.3). Larger values than an int holds mean "no limit".
 */
public final class ResultLimit {
    private ResultLimit() {
    }

    /**
     * @param nresults  the nresults element, when the request has one
     * @param showValue whether the 400 answer for a value that is not a number repeats it
     * @throws DavException 400 when the value is not a positive integer
     */
    public static OptionalInt parse(Optional<XmlElement> nresults, boolean showValue) {
        if (nresults.isEmpty()) {
            return OptionalInt.empty();
        }
        String text = nresults.get().text().trim();
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw DavException.badRequest("nresults must be a positive integer" + (showValue ? ": " + text : ""));
        }
        if (value < 1) {
            throw DavException.badRequest("nresults must be a positive integer");
        }
        return OptionalInt.of((int) Math.min(value, Integer.MAX_VALUE));
    }
}
