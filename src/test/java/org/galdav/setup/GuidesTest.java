package org.galdav.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The client guides of docs/clients as galdav serves them: each one there, links rewritten, raw HTML escaped. */
class GuidesTest {
    private final Guides guides = new Guides();

    @Test
    void everyClientThePageLinksHasItsGuideAndEveryGuideIsLinked() throws IOException {
        for (String client : Guides.CLIENTS) {
            Guides.Guide guide = guides.guide(client).orElseThrow(() -> new AssertionError("no guide " + client));
            assertThat(guide.title()).as(client).isNotBlank().isNotEqualTo("galdav");
            assertThat(Jsoup.parse(guide.html()).select("h1, h2")).as(client).isNotEmpty();
        }
        assertThat(guides.guide("")).isPresent();
        try (var files = Files.list(Path.of("docs/clients"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md"))
                    .filter(n -> !n.equals("README.md")).map(n -> n.substring(0, n.length() - 3)))
                    .as("every guide in docs/clients is linked from the setup page").containsExactlyInAnyOrderElementsOf(
                            Guides.CLIENTS);
        }
    }

    @Test
    void linksBetweenGuidesAndToImagesPointWhereGaldavServesThem() {
        assertThat(Guides.served("davx5.md")).isEqualTo("/setup/guides/davx5");
        assertThat(Guides.served("ios.md#for-it")).isEqualTo("/setup/guides/ios#for-it");
        assertThat(Guides.served("README.md")).isEqualTo("/setup/guides/");
        assertThat(Guides.served("images/setup-page-phone.png")).isEqualTo("/setup/guides/images/setup-page-phone.png");
        assertThat(Guides.served("../sync.md")).isEqualTo("../sync.md");
        assertThat(Guides.served("https://www.davx5.com/")).isEqualTo("https://www.davx5.com/");
        Document index = Jsoup.parse(guides.guide("").orElseThrow().html());
        assertThat(index.select("a[href$=.md]")).filteredOn(a -> !a.attr("href").startsWith("../")).isEmpty();
    }

    @Test
    void unknownOrOddNamesHaveNoGuide() {
        assertThat(guides.guide("nothing")).isEmpty();
        assertThat(guides.guide("../README")).isEmpty();
        assertThat(guides.guide("README")).isEmpty(); // the index is "" only
        assertThat(Guides.image("../x.png")).isEmpty();
    }
}
