package org.galdav.directory;

import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.controls.ContentSyncRequestControl;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses how a directory's changes are followed: the first mechanism that the directory offers and that works. */
public final class ChangeFeeds {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeeds.class);

    /** The configured choice ({@code sync.change-tracking}). */
    public enum Mode {
        AUTO, SYNCREPL, CHANGELOG, USN, OFF;

        public static Mode parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    private ChangeFeeds() {
    }

    /**
     * A started feed for the subtree, or empty when none works (the caller then compares listings).
     * Each reason a candidate was passed over is logged.
     *
     * @throws org.galdav.core.SourceUnavailableException when the directory cannot be reached
     */
    public static Optional<ChangeFeed> open(Directory directory, String baseDn, Mode mode) {
        if (mode == Mode.OFF) {
            return Optional.empty();
        }
        List<ChangeFeed> candidates = new ArrayList<>();
        Connections connections = directory.connections();
        Optional<RootDSE> root = connections.rootDse();
        boolean syncControl = root.map(r -> r.supportsControl(ContentSyncRequestControl.SYNC_REQUEST_OID)).orElse(false);
        boolean changelog = root.map(r -> r.getAttributeValue("changelog") != null).orElse(false);
        boolean activeDirectory = root.map(UsnFeed::isActiveDirectory).orElse(false);
        if (mode == Mode.USN || (mode == Mode.AUTO && activeDirectory)) {
            candidates.add(new UsnFeed(connections, directory.paging(), baseDn));
        }
        // 389-DS's content synchronization plugin ends every refresh with refreshDeletes FALSE, which RFC 4533
        // reads as "delete whatever was not sent": its change log is used there instead.
        boolean ds389 = root.map(r -> String.valueOf(r.getAttributeValue("vendorName")).contains("389")).orElse(false);
        if (mode == Mode.SYNCREPL && ds389) {
            LOG.warn("sync.change-tracking = syncrepl is not used with 389-DS (its refreshes do not follow RFC 4533 "
                    + "§3.3.1); use changelog");
        } else if (mode == Mode.SYNCREPL || (mode == Mode.AUTO && syncControl && !ds389)) {
            candidates.add(new SyncReplFeed(connections, directory.timer(), baseDn));
        }
        if (mode == Mode.CHANGELOG || (mode == Mode.AUTO && changelog)) {
            candidates.add(new ChangelogFeed(connections, directory.paging(), baseDn));
        }
        for (ChangeFeed feed : candidates) {
            try {
                feed.start();
                LOG.info("changes below {} are followed with {}", baseDn, feed.kind());
                return Optional.of(feed);
            } catch (ChangeTrackingUnavailableException e) {
                LOG.warn("changes below {} cannot be followed with {}: {}", baseDn, feed.kind(), e.getMessage());
            }
        }
        if (candidates.isEmpty()) {
            LOG.info("the directory offers no change tracking galdav uses (mode {}); changes below {} are found by "
                    + "comparing listings", mode.name().toLowerCase(Locale.ROOT), baseDn);
        }
        return Optional.empty();
    }
}
