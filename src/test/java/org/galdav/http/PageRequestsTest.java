package org.galdav.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which requests get a page: a browser's GET of a collection, and anything under /setup/. */
class PageRequestsTest {
    @ParameterizedTest(name = "{0} {1} Accept: {2} -> page: {3}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        // Browsers (Chromium, Firefox, Safari) opening the server URL or a collection.
        "GET|/|text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8|true",
        "GET|/addressbooks/directory/|text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8|true",
        "HEAD|/principals/demo/|text/html|true",
        "GET|/addressbooks/|application/xhtml+xml|true",
        // Refused HTML, or only a wildcard: a DAV answer.
        "GET|/|text/html;q=0, */*|false",
        "GET|/|*/*|false",
        "GET|/|NONE|false",
        "GET|/|text/*|false",
        // A card stays a vCard even for a browser; DAV methods never get a page.
        "GET|/addressbooks/directory/x.vcf|text/html,*/*;q=0.8|false",
        "PROPFIND|/|text/html|false",
        "REPORT|/addressbooks/directory/|text/html|false",
        // The pages' own resources, whatever the Accept header.
        "GET|/setup/qr.png|image/avif,image/webp,*/*|true",
        "GET|/setup|NONE|true",
        "POST|/setup/|NONE|true",
        // Not a page path: /setupx is nothing of the pages'.
        "GET|/setupx|text/html|false",
    })
    void browsersGetPagesAndDavClientsDoNot(String method, String path, String accept, boolean page) {
        assertThat(PageRequests.forPages(method, path, accept)).isEqualTo(page);
    }
}
