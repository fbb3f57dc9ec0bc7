package org.galdav.it.slapd;

import java.util.Objects;

/**
 * What a private {@link Slapd} instance should look like. Kept to the few knobs the
 * integration tests vary, so that every other part of the generated configuration stays
 * identical between tests.
 *
 * @param suffix    the database suffix, e.g. {@code dc=example,dc=org}; {@link Slapd#start}
 *                  creates this entry itself
 * @param sizeLimit server-side size limit for non-root searches, {@code 0} means unlimited
 *                  (note: OpenLDAP's own default would be 500, so 0 is written out explicitly)
 * @param syncprov  whether to load the syncprov overlay (RFC 4533 content synchronisation)
 * @param access    extra {@code access to} directives, placed before the standard ones (which let bound
 *                  users read everything but passwords)
 * @param sessionlog with syncprov: how many recent changes syncprov remembers, so that it can name
 *                  deleted entries instead of listing every unchanged one (present phase); 0 for none
 * @param serverId  the {@code serverID} of a multi-provider setup (it then appears in sync cookies); 0 for none
 */
public record SlapdOptions(String suffix, int sizeLimit, boolean syncprov, java.util.List<String> access,
                           int sessionlog, int serverId) {

    public SlapdOptions(String suffix, int sizeLimit, boolean syncprov) {
        this(suffix, sizeLimit, syncprov, java.util.List.of(), 0, 0);
    }

    public SlapdOptions(String suffix, int sizeLimit, boolean syncprov, java.util.List<String> access) {
        this(suffix, sizeLimit, syncprov, access, 0, 0);
    }

    public SlapdOptions {
        access = java.util.List.copyOf(access);
        Objects.requireNonNull(suffix, "suffix");
        if (suffix.isBlank()) {
            throw new IllegalArgumentException("suffix must not be blank");
        }
        if (sizeLimit < 0) {
            throw new IllegalArgumentException("sizeLimit must be >= 0 (0 = unlimited): " + sizeLimit);
        }
    }
}
