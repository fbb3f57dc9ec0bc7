package org.galdav.core;

/**
 * How an addressbook-query ended.
 *
 * @param delivered how many matching cards were handed to the sink
 * @param truncated true when more cards matched than were delivered (client limit or server cap),
 *                  which the response must report (RFC 6352 §8.6.2)
 */
public record QueryOutcome(int delivered, boolean truncated) {
}
