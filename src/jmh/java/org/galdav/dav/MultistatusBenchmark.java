package org.galdav.dav;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.galdav.core.CardSummary;
import org.galdav.core.Principal;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Writing the multistatus of a listing (PROPFIND Depth 1 with {@code getetag}) of 1,000 cards with
 * {@link MultistatusWriter}, from card summaries as the listing index holds them, into a stream that counts
 * the bytes (as a network would take them, no buffering of the whole answer).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MultistatusBenchmark {
    private static final int CARDS = 1_000;
    private CardSummary[] summaries;
    private Resources resources;
    private PropfindRequest request;

    @Setup
    public void setUp() {
        summaries = new CardSummary[CARDS];
        for (int i = 0; i < CARDS; i++) {
            String id = String.format("%08x-1d2e-4f3a-9b8c-%012x", i * 7919, i);
            summaries[i] = new CardSummary(id + ".vcf", "\"" + Integer.toHexString(id.hashCode()) + "a1b2c3d4e5f6\"",
                    Optional.of(Instant.ofEpochSecond(1_700_000_000L + i)));
        }
        resources = new Resources(new Principal("demo", "Demo User"), "galdav", List.of());
        request = new PropfindRequest(PropfindRequest.Kind.PROP, List.of(DavNames.GETETAG));
    }

    @Benchmark
    public void listing1000(Blackhole hole) throws IOException {
        CountingStream out = new CountingStream();
        MultistatusWriter.write(out, false, w -> {
            for (CardSummary summary : summaries) {
                w.propfind(resources.card("directory", summary, () -> 900), request);
            }
        });
        hole.consume(out.count);
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
