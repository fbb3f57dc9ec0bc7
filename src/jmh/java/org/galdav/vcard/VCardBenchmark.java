package org.galdav.vcard;

import java.util.concurrent.TimeUnit;
import org.galdav.core.CardFormat;
import org.galdav.core.PropertySelection;
import org.galdav.jmh.DemoCards;
import org.galdav.mapping.MappedCard;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rendering a mapped card as vCard 3.0 and as 4.0 ({@link VCardRenderer}, package-private, hence this
 * package), and building the card with its ETag ({@link RenderedCard#of}: today both renderings and a
 * SHA-256 over them). Each method is one call, so that it is easy to follow a change of these APIs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class VCardBenchmark {
    private MappedCard[] cards;
    private int next;

    @Setup
    public void setUp() {
        cards = DemoCards.cards();
    }

    private MappedCard nextCard() {
        return cards[next++ & (DemoCards.SIZE - 1)];
    }

    @Benchmark
    public byte[] renderVCard3() {
        return VCardRenderer.render(nextCard(), CardFormat.VCARD_3, PropertySelection.ALL);
    }

    @Benchmark
    public byte[] renderVCard4() {
        return VCardRenderer.render(nextCard(), CardFormat.VCARD_4, PropertySelection.ALL);
    }

    @Benchmark
    public RenderedCard renderedCardWithEtag() {
        return RenderedCard.of(nextCard(), "fingerprint");
    }
}
