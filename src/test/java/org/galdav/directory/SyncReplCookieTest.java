package org.galdav.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.asn1.ASN1OctetString;
import org.junit.jupiter.api.Test;

/** The cookie galdav sends back to syncprov must not claim the provider's own server ID. */
class SyncReplCookieTest {

    @Test
    void dropsTheProvidersServerIdFromOpenLdapCookies() {
        ASN1OctetString fromProvider = new ASN1OctetString(
                "rid=000,sid=001,csn=20261124005000.123456Z#000000#001#000000;20261124004000.000000Z#000000#002#000000");
        assertThat(SyncReplFeed.withoutSid(fromProvider).stringValue())
                .isEqualTo("rid=000,csn=20261124005000.123456Z#000000#001#000000;20261124004000.000000Z#000000#002#000000");
    }

    @Test
    void leavesOtherCookiesAsTheyAre() {
        ASN1OctetString single = new ASN1OctetString("rid=000,csn=20261124005000.123456Z#000000#000#000000");
        assertThat(SyncReplFeed.withoutSid(single)).isSameAs(single);
        ASN1OctetString ds389 = new ASN1OctetString("ds.example.com:389#uid=x,sid=y,dc=example#42");
        assertThat(SyncReplFeed.withoutSid(ds389)).isSameAs(ds389);
        assertThat(SyncReplFeed.withoutSid(null)).isNull();
    }
}
