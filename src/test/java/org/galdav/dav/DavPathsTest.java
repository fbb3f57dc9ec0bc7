package org.galdav.dav;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DavPathsTest {
    @Test
    void resolvesEncodedAndDecodedFormsAlike() {
        assertThat(DavPaths.resolve("/principals/j%C3%B6rg/")).isEqualTo(new DavPaths.Target.Principal("jörg"));
        assertThat(DavPaths.resolve("/principals/jörg/")).isEqualTo(new DavPaths.Target.Principal("jörg"));
        assertThat(DavPaths.resolve("/addressbooks/directory/a%2Eb.vcf"))
                .isEqualTo(new DavPaths.Target.Card("directory", "a.b.vcf"));
        assertThat(DavPaths.resolve("http://host:8080/addressbooks/directory/"))
                .isEqualTo(new DavPaths.Target.Book("directory"));
        assertThat(DavPaths.resolve("/addressbooks")).isEqualTo(new DavPaths.Target.Home());
    }

    @Test
    void rejectsTraversalAndBrokenEscapes() {
        assertThat(DavPaths.resolve("/addressbooks/../principals/x/")).isInstanceOf(DavPaths.Target.Unknown.class);
        assertThat(DavPaths.resolve("/addressbooks/%2e%2e/x.vcf")).isInstanceOf(DavPaths.Target.Unknown.class);
        assertThat(DavPaths.resolve("/addressbooks/directory/%zz.vcf")).isInstanceOf(DavPaths.Target.Unknown.class);
        assertThat(DavPaths.resolve("/addressbooks/directory/%ff.vcf")).isInstanceOf(DavPaths.Target.Unknown.class);
        assertThat(DavPaths.resolve("/addressbooks//x.vcf")).isInstanceOf(DavPaths.Target.Unknown.class);
    }

    @Test
    void encodesEverythingButSafeCharacters() {
        assertThat(DavPaths.principal("jörg smith")).isEqualTo("/principals/j%C3%B6rg%20smith/");
        assertThat(DavPaths.card("directory", "6b2c-11.vcf")).isEqualTo("/addressbooks/directory/6b2c-11.vcf");
    }
}
