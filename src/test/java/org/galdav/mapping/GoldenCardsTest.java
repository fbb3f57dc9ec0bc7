package org.galdav.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldif.LDIFReader;
import ezvcard.VCardVersion;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.galdav.core.CardFormat;
import org.galdav.core.PropertySelection;
import org.galdav.support.Cards;
import org.galdav.vcard.RenderedCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * For each shipped mapping, a realistic entry of its directory type and the exact vCard 3.0 and 4.0
 * it must become (src/test/resources/golden/&lt;mapping&gt;/). After an intended change of the output,
 * regenerate with -Dgaldav.golden.update=true and review the diff.
 */
class GoldenCardsTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    private static final List<String> MAPPINGS = List.of("inetorgperson", "active-directory", "389ds-freeipa");

    @ParameterizedTest
    @ValueSource(strings = {"inetorgperson", "active-directory", "389ds-freeipa"})
    void entryBecomesTheExpectedCards(String name) throws Exception {
        RenderedCard card = goldenCard(name);
        for (CardFormat format : CardFormat.values()) {
            String actual = new String(card.render(format, PropertySelection.ALL), StandardCharsets.UTF_8);
            Path expectedFile = GOLDEN.resolve(name).resolve("expected-" + format.version() + ".vcf");
            if (Boolean.getBoolean("galdav.golden.update")) {
                Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
            }
            assertThat(actual).as(expectedFile.toString()).isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
            Cards.valid(actual, format == CardFormat.VCARD_4 ? VCardVersion.V4_0 : VCardVersion.V3_0);
        }
        assertThat(List.of(card.uid())).doesNotContainNull();
        // iOS and macOS label a 3.0 e-mail by its work/home type (issue 12): the 3.0 card carries the mapping's.
        ezvcard.VCard v3 = Cards.parseOne(new String(card.render(CardFormat.VCARD_3, PropertySelection.ALL),
                StandardCharsets.UTF_8));
        assertThat(v3.getEmails()).isNotEmpty().allSatisfy(email -> assertThat(email.getTypes())
                .extracting(ezvcard.parameter.EmailType::getValue).contains("work", "internet"));
    }

    private static RenderedCard goldenCard(String name) throws Exception {
        Mapping mapping = MappingLoader.load("mappings/" + name + ".conf");
        Entry entry;
        try (InputStream in = Files.newInputStream(GOLDEN.resolve(name).resolve("entry.ldif"));
             LDIFReader reader = new LDIFReader(in)) {
            entry = reader.readEntry();
        }
        // Other entries (the manager) resolve to name-based UUIDs, as a directory would give them ids.
        MemberResolver resolver = dns -> dns.stream()
                .map(dn -> UUID.nameUUIDFromBytes(dn.getBytes(StandardCharsets.UTF_8)).toString()).toList();
        MappedCard mapped = new EntryMapper(mapping).map(entry, resolver).orElseThrow();
        return RenderedCard.of(mapped, "golden");
    }

    /**
     * ETags hash what a card is made of, not its bytes, so a change to the renderer's output must come with a
     * new {@link RenderedCard#rendererVersion()}, or clients keep cards they believe current. The golden
     * renderings' hash is recorded next to the version; update the record (-Dgaldav.golden.update=true) only
     * together with a raised version.
     */
    @Test
    void aChangedRenderingComesWithANewRendererVersion() throws Exception {
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        for (String name : MAPPINGS) {
            RenderedCard card = goldenCard(name);
            for (CardFormat format : CardFormat.values()) {
                sha.update(card.render(format, PropertySelection.ALL));
            }
        }
        String renderings = java.util.HexFormat.of().formatHex(sha.digest());
        Path record = GOLDEN.resolve("renderer-version.txt");
        List<String> recorded = Files.readAllLines(record);
        String version = RenderedCard.rendererVersion();
        if (Boolean.getBoolean("galdav.golden.update") && !renderings.equals(recorded.get(1))) {
            assertThat(version).as("raise VCardRenderer.VERSION before recording new golden renderings")
                    .isNotEqualTo(recorded.get(0));
            Files.write(record, List.of(version, renderings));
            return;
        }
        assertThat(renderings).as("the golden renderings changed: raise VCardRenderer.VERSION, then record with "
                + "-Dgaldav.golden.update=true").isEqualTo(recorded.get(1));
        assertThat(version).as("recorded renderer version").isEqualTo(recorded.get(0));
    }
}
