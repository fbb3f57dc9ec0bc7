package org.galdav.demo;

import com.unboundid.ldap.sdk.Entry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Gives an entry fixed operational attributes ({@code entryUUID}, {@code createTimestamp},
 * {@code modifyTimestamp}). Clients derive resource names and ETags from them, so they must be the same after
 * every restart instead of being generated afresh by the in-memory server.
 */
final class Stamps {

    /** 2025-01-01T00:00:00Z; all generated timestamps lie within the following year. */
    private static final long EPOCH_MILLIS = 1_735_689_600_000L;
    private static final int DAY_SECONDS = 86_400;
    private static final DateTimeFormatter GENERALIZED_TIME =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Stamps() {
    }

    static void apply(Entry entry, long seed) {
        String dn = entry.getDN();
        entry.addAttribute("entryUUID", entryUuid(seed, dn).toString());
        Random random = Seeds.random(seed, 3, dn.hashCode());
        long created = EPOCH_MILLIS + 1000L * random.nextInt(180 * DAY_SECONDS);
        long modified = created + 1000L * random.nextInt(180 * DAY_SECONDS);
        entry.addAttribute("createTimestamp", generalizedTime(created));
        entry.addAttribute("modifyTimestamp", generalizedTime(modified));
    }

    /** Name-based (version 3) UUID of the entry's DN within this seed's company. */
    static UUID entryUuid(long seed, String dn) {
        String name = "galdav-demo:" + seed + ":" + dn.toLowerCase(Locale.ROOT);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /** Whole seconds, no fraction: "20250314093000Z". */
    private static String generalizedTime(long millis) {
        return GENERALIZED_TIME.format(Instant.ofEpochMilli(millis));
    }
}
