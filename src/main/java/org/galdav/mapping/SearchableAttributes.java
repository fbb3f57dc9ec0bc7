package org.galdav.mapping;

import com.unboundid.ldap.sdk.Filter;
import java.util.Set;
import org.galdav.core.query.Collation;

/**
 * What the directory's matching rules allow a search to rely on. A text-match may only be pushed down
 * to an attribute whose LDAP matching finds at least everything the CardDAV collation would: a
 * case-insensitive query must not be sent against a case-exact attribute (it would miss "Anna" when
 * looking for "anna"), nor a substring query against an attribute without a substring rule.
 */
public interface SearchableAttributes {

    /** Whether (attribute=*text*) finds every value that contains the text under the collation. */
    boolean substringsSafe(String attribute, Collation collation);

    /** Whether (attribute=text) finds every value equal to the text under the collation. */
    boolean equalitySafe(String attribute, Collation collation);

    /**
     * Attributes (lower case) every entry matching the filter must have, by the schema's object
     * classes: an FN template on one of them always yields a value, so searches need no fallback
     * branch for entries without a name.
     */
    default Set<String> alwaysPresent(Filter entryFilter) {
        return Set.of();
    }

    /** Assumes case-insensitive rules everywhere; for directories whose schema cannot be read. */
    SearchableAttributes CASE_INSENSITIVE = new SearchableAttributes() {
        @Override
        public boolean substringsSafe(String attribute, Collation collation) {
            return true;
        }

        @Override
        public boolean equalitySafe(String attribute, Collation collation) {
            return true;
        }
    };
}
