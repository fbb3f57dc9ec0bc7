package org.galdav.config;

/**
 * The {@code demo} section: the generated company of the embedded demo directory, used only without
 * {@code ldap.url}. The same values always generate the same directory, so card URLs and ETags survive
 * restarts.
 *
 * @param people how many people to generate; the demo directory checks it when it starts, so a value it
 *               refuses stops the start there, with the demo's own message, as it always has
 * @param seed   random seed of the generator
 */
public record DemoSettings(int people, long seed) {
}
