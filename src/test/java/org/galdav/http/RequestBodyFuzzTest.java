package org.galdav.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.galdav.config.SettingsLoader;
import org.galdav.core.Principals;
import org.galdav.dav.DavException;
import org.galdav.dav.RequestParser;
import org.galdav.dav.XmlElement;

/**
 * Request bodies → request records through the public parsing entry points, with the production limits: a
 * body either becomes a record or is refused with a 4xx {@link DavException}; nothing else escapes (no
 * runtime exception, no stack overflow, no out of memory). Normal runs replay the seed corpus in
 * src/test/resources/org/galdav/http/RequestBodyFuzzTestInputs (the request bodies of the recorded
 * exchanges and what fuzzing found); {@code JAZZER_FUZZ=1 mvn test -Dtest=RequestBodyFuzzTest#reportBodies}
 * fuzzes one method for real.
 */
class RequestBodyFuzzTest {
    private static final Reporters REPORTERS = new Reporters(new Lookup((principal, credentials) -> List.of(),
            Principals.NONE), 1000, SettingsLoader.load(ConfigFactory.empty()).limits());

    @FuzzTest(maxDuration = "10m")
    void propfindBodies(byte[] body) {
        try {
            assertThat(RequestParser.propfind(body)).isNotNull();
        } catch (DavException e) {
            assertRefusal(e);
        }
    }

    /** Every reporter reads every root: the fuzzer need not guess a report's name to reach its parser. */
    @FuzzTest(maxDuration = "10m")
    void reportBodies(byte[] body) {
        XmlElement root;
        try {
            root = RequestParser.reportRoot(body);
        } catch (DavException e) {
            assertRefusal(e);
            return;
        }
        for (Reporter<?> reporter : REPORTERS.all()) {
            try {
                assertThat(reporter.parse(root)).isNotNull();
            } catch (DavException e) {
                assertRefusal(e);
            }
        }
    }

    private static void assertRefusal(DavException e) {
        assertThat(e.status()).as(e.getMessage()).isBetween(400, 499);
        assertThat(e.getMessage()).isNotBlank();
    }
}
