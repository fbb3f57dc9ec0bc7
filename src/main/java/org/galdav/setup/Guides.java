package org.galdav.setup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Heading;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The client guides of {@code docs/clients/} (packed into the jar as {@code galdav/guides/}), rendered from
 * Markdown for the people the setup page links them to. Raw HTML in a guide is escaped and unsafe link
 * schemes dropped; links between guides ({@code davx5.md}) and to their images ({@code images/x.png}) are
 * turned into the URLs galdav serves them at. Each guide is rendered once.
 */
final class Guides {
    /** Where the guides are served: {@code /setup/guides/} is the index (README.md), then one page per name. */
    static final String PATH = "/setup/guides/";
    /** The guides the page links to, in its order, with the section each belongs to. */
    static final List<String> CLIENTS = List.of("ios", "macos", "davx5", "thunderbird", "evolution", "outlook",
            "vdirsyncer");
    private static final String INDEX = "README";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,40}");
    private static final Pattern GUIDE_LINK = Pattern.compile("([A-Za-z0-9-]+)\\.md(#[A-Za-z0-9_-]*)?");
    private static final Pattern IMAGE_LINK = Pattern.compile("images/([a-z0-9][a-z0-9-]{0,60}\\.png)");

    /** A rendered guide: its first heading as the title, and its body as HTML. */
    record Guide(String title, String html) {
    }

    private final Map<String, Optional<Guide>> rendered = new ConcurrentHashMap<>();
    private final Parser parser;
    private final HtmlRenderer renderer;

    Guides() {
        var extensions = List.of(TablesExtension.create());
        parser = Parser.builder().extensions(extensions).build();
        renderer = HtmlRenderer.builder().extensions(extensions).escapeHtml(true).sanitizeUrls(true)
                .attributeProviderFactory(context -> (node, tag, attributes) -> {
                    if (node instanceof Link && attributes.containsKey("href")) {
                        attributes.put("href", served(attributes.get("href")));
                    } else if (tag.equals("img") && attributes.containsKey("src")) {
                        attributes.put("src", served(attributes.get("src")));
                    }
                }).build();
    }

    /** The guide of a name in {@link #PATH} ("" for the index); empty when there is none. */
    Optional<Guide> guide(String name) {
        if (!name.isEmpty() && !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        String file = name.isEmpty() ? INDEX : name;
        return rendered.computeIfAbsent(file, f -> read("galdav/guides/" + f + ".md").map(this::render));
    }

    /** An image of the guides, by file name; empty when there is none. */
    static Optional<byte[]> image(String file) {
        return IMAGE_LINK.matcher("images/" + file).matches() ? readBytes("galdav/guides/images/" + file)
                : Optional.empty();
    }

    private Guide render(String markdown) {
        Node document = parser.parse(markdown);
        String title = "galdav";
        for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Heading h && h.getLevel() == 1 && h.getFirstChild() instanceof Text t) {
                title = t.getLiteral();
                break;
            }
        }
        return new Guide(title, renderer.render(document));
    }

    /** A link or image source as galdav serves it; anything else (another site, the repository) unchanged. */
    static String served(String target) {
        Matcher guide = GUIDE_LINK.matcher(target);
        if (guide.matches()) {
            String anchor = guide.group(2) == null ? "" : guide.group(2);
            String name = guide.group(1);
            return PATH + (name.equals(INDEX) ? "" : name) + anchor;
        }
        Matcher image = IMAGE_LINK.matcher(target);
        return image.matches() ? PATH + "images/" + image.group(1) : target;
    }

    private static Optional<String> read(String resource) {
        return readBytes(resource).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** A file of the jar; empty when there is none. */
    static Optional<byte[]> readBytes(String resource) {
        try (InputStream in = Guides.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
