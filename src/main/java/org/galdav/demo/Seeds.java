package org.galdav.demo;

import java.util.Random;

/**
 * Independent random streams derived from the one seed, so that each part of the company (names, attributes,
 * groups) is stable on its own: adding a person does not reshuffle everyone else's phone numbers.
 */
final class Seeds {

    private Seeds() {
    }

    /** A {@link Random} for the stream identified by {@code keys} under {@code seed}. */
    static Random random(long seed, long... keys) {
        long mixed = mix(seed);
        for (long key : keys) {
            mixed = mix(mixed ^ mix(key + 0x9E3779B97F4A7C15L));
        }
        return new Random(mixed);
    }

    /** SplitMix64 finaliser: neighbouring inputs give unrelated outputs (java.util.Random alone does not). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
