package org.galdav.support;

import java.net.http.HttpResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * One simulated CardDAV client for load tests: each {@link #next} sends one request of the mix phones and
 * desktop clients send to a synced book (PROPFIND Depth 1, GET of a card, addressbook-multiget,
 * addressbook-query as autocomplete does it, sync-collection with the client's last token), then parses and
 * checks the answer. Meant for a directory that does not change while it runs: a sync after the first one
 * must then report nothing. Not thread-safe: one per client thread.
 */
public final class MixedClient {
    /** The requests of the mix, with their weights (out of 100). */
    public enum Kind {
        PROPFIND_DEPTH_1(10), GET(35), MULTIGET(20), QUERY(20), SYNC(15);

        private final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    /** One request's fate: {@code problem} is empty when the answer was complete and correct. */
    public record Outcome(Kind kind, String requestId, int status, String problem, String servedBy) {
        public boolean ok() {
            return problem.isEmpty();
        }
    }

    private static final int MULTIGET_HREFS = 5;
    private static final String QUERY_LIMIT = "20";

    private final DavClient client;
    private final String book;
    private final List<String> hrefs;
    private final List<String> needles;
    private final Random random;
    private String token = "";

    /**
     * @param hrefs   the book's members (a PROPFIND Depth 1 must list exactly these)
     * @param needles texts to search for, as autocomplete sends them
     */
    public MixedClient(DavClient client, String book, List<String> hrefs, List<String> needles, long seed) {
        this.client = client;
        this.book = book;
        this.hrefs = List.copyOf(hrefs);
        this.needles = List.copyOf(needles);
        this.random = new Random(seed);
    }

    /** Sends one request of the mix, tagged with {@code X-Request-Id: requestId}, and checks the answer. */
    public Outcome next(String requestId) {
        Kind kind = pick();
        HttpResponse<String> response;
        try {
            response = send(kind, requestId);
        } catch (RuntimeException e) {
            return new Outcome(kind, requestId, -1, String.valueOf(e.getCause() == null ? e : e.getCause()), "");
        }
        String servedBy = response.headers().firstValue("X-Served-By").orElse("");
        try {
            check(kind, response);
            return new Outcome(kind, requestId, response.statusCode(), "", servedBy);
        } catch (AssertionError | RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            return new Outcome(kind, requestId, response.statusCode(),
                    message.substring(0, Math.min(300, message.length())), servedBy);
        }
    }

    private Kind pick() {
        int roll = random.nextInt(100);
        for (Kind kind : Kind.values()) {
            roll -= kind.weight;
            if (roll < 0) {
                return kind;
            }
        }
        throw new IllegalStateException("weights do not add up to 100");
    }

    private HttpResponse<String> send(Kind kind, String id) {
        return switch (kind) {
            case PROPFIND_DEPTH_1 -> client.send("PROPFIND", book, Bodies.propfind("d:getetag"), "Depth", "1",
                    "X-Request-Id", id);
            case GET -> client.send("GET", any(), null, "X-Request-Id", id);
            case MULTIGET -> {
                Set<String> some = new LinkedHashSet<>();
                while (some.size() < MULTIGET_HREFS) {
                    some.add(any());
                }
                yield client.send("REPORT", book, Bodies.multiget("<C:address-data/>", some.toArray(String[]::new)),
                        "Depth", "1", "X-Request-Id", id);
            }
            case QUERY -> client.send("REPORT", book, Bodies.query("<C:filter><C:prop-filter name='FN'>"
                    + "<C:text-match match-type='contains'>" + needles.get(random.nextInt(needles.size()))
                    + "</C:text-match></C:prop-filter></C:filter>", QUERY_LIMIT), "Depth", "1", "X-Request-Id", id);
            case SYNC -> client.send("REPORT", book, "<D:sync-collection xmlns:D='DAV:'><D:sync-token>" + token
                    + "</D:sync-token><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop>"
                    + "</D:sync-collection>", "Depth", "1", "X-Request-Id", id);
        };
    }

    private String any() {
        return hrefs.get(random.nextInt(hrefs.size()));
    }

    private void check(Kind kind, HttpResponse<String> response) {
        int expected = kind == Kind.GET ? 200 : 207;
        if (response.statusCode() != expected) {
            throw new AssertionError("status " + response.statusCode() + ": " + response.body());
        }
        if (kind == Kind.GET) {
            Cards.parseOne(response.body());
            return;
        }
        Multistatus answer = Multistatus.parse(response.body());
        switch (kind) {
            case PROPFIND_DEPTH_1 -> {
                List<String> members = answer.hrefs().stream().filter(h -> !h.equals(book)).toList();
                if (members.size() != hrefs.size()) {
                    throw new AssertionError("listed " + members.size() + " members, not " + hrefs.size());
                }
            }
            case MULTIGET -> {
                if (answer.responses().size() != MULTIGET_HREFS) {
                    throw new AssertionError(answer.responses().size() + " responses to a multiget of "
                            + MULTIGET_HREFS);
                }
                answer.responses().forEach(r -> Cards.parseOne(r.okText(Multistatus.CARD, "address-data")));
            }
            case QUERY -> answer.responses().stream().filter(r -> !r.propstats().isEmpty())
                    .forEach(r -> Cards.parseOne(r.okText(Multistatus.CARD, "address-data")));
            case SYNC -> checkSync(answer);
            default -> throw new IllegalStateException(kind.name());
        }
    }

    /** The first sync lists the whole book; every later one, with the last token, reports no change. */
    private void checkSync(Multistatus answer) {
        List<Element> tokens = Multistatus.children(answer.root(), Multistatus.DAV, "sync-token");
        if (tokens.size() != 1) {
            throw new AssertionError("no sync-token in the answer");
        }
        int expected = token.isEmpty() ? hrefs.size() : 0;
        if (answer.responses().size() != expected) {
            throw new AssertionError("sync with token '" + token + "' answered " + answer.responses().size()
                    + " responses, not " + expected);
        }
        token = Multistatus.text(tokens.get(0)).trim();
    }
}
