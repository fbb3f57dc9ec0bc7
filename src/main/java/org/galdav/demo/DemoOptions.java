package org.galdav.demo;

/**
 * Options for the demo directory. They are the whole input of the generator: the same options always
 * yield the same entries, so URLs and ETags derived from them survive restarts.
 *
 * @param people how many people to generate; at least 40 are always made, so that every department, office
 *     and group has members
 * @param seed random seed for names, departments and optional attributes
 * @param maxSizeLimit server-side search size limit, to imitate production directories (0 = none)
 */
public record DemoOptions(int people, long seed, int maxSizeLimit) {

    public DemoOptions {
        if (people < 1) {
            throw new IllegalArgumentException("people must be positive: " + people);
        }
        if (maxSizeLimit < 0) {
            throw new IllegalArgumentException("maxSizeLimit must not be negative: " + maxSizeLimit);
        }
    }

    /** 1200 people, seed 42, no size limit. */
    public static DemoOptions defaults() {
        return new DemoOptions(1200, 42L, 0);
    }
}
