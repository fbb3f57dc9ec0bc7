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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * For each shipped mapping, a realistic entry of its directory type and the exact vCard 3.0 and 4.0
 * it must become (src/test/resources/golden/&lt;mapping&gt;/). After an intended change of the output,
 * regenerate with -Dgaldav.golden.update=true and review the diff.
 */
class GoldenCardsTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @ParameterizedTest
    @ValueSource(strings = {"inetorgperson", "active-directory", "389ds-freeipa"})
    void entryBecomesTheExpectedCards(String name) throws Exception {
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
        RenderedCard card = RenderedCard.of(mapped, "golden");
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
    }
}
