package org.galdav.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.namespace.QName;
import org.galdav.config.SettingsLoader;
import org.galdav.core.CardFormat;
import org.galdav.core.Principals;
import org.galdav.dav.DavNames;
import org.galdav.dav.RequestParser;
import org.galdav.dav.SupportedReport;
import org.junit.jupiter.api.Test;

/** The REPORT registry: what it holds, in which order, and that dispatch finds every entry. */
class ReportersTest {
    private final Reporters reporters = new Reporters(new Lookup((principal, credentials) -> List.of(),
            Principals.NONE), 10, SettingsLoader.load(ConfigFactory.empty()).limits());

    @Test
    void holdsEachReportOnceInTheOrderSupportedReportSetListsThem() {
        assertThat(reporters.supported()).extracting(SupportedReport::name).containsExactly(
                new QName(DavNames.CARDDAV, "addressbook-query"),
                new QName(DavNames.CARDDAV, "addressbook-multiget"),
                DavNames.SYNC_COLLECTION,
                new QName(DavNames.DAV, "principal-property-search"),
                DavNames.PRINCIPAL_SEARCH_PROPERTY_SET);
    }

    @Test
    void everyRegisteredReportIsFoundByItsRootElementAndNothingElseIs() {
        for (Reporter<?> reporter : reporters.all()) {
            assertThat(reporters.find(reporter.supported().name())).containsSame(reporter);
        }
        assertThat(reporters.find(new QName(DavNames.DAV, "expand-property"))).isEmpty();
        assertThat(reporters.find(new QName("urn:elsewhere", "addressbook-query"))).isEmpty();
    }

    @Test
    void multigetElementOrderDoesNotMatter() {
        AddressbookMultigetReporter.Request multiget = new AddressbookMultigetReporter(2).parse(RequestParser.reportRoot(
                bytes("<C:addressbook-multiget xmlns:D='DAV:' xmlns:C='urn:ietf:params:xml:ns:carddav'>"
                        + "<D:href>/a.vcf</D:href><D:prop><D:getetag/><C:address-data version='4.0'/></D:prop>"
                        + "<D:href> /b.vcf </D:href></C:addressbook-multiget>")));
        assertThat(multiget.hrefs()).containsExactly("/a.vcf", "/b.vcf");
        assertThat(multiget.props().addressData().orElseThrow().format()).isEqualTo(CardFormat.VCARD_4);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
