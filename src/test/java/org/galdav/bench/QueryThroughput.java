package org.galdav.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code connections} clients, each with its own HTTP/1.1 connection and thread, repeating one
 * addressbook-query back to back for a fixed time; every answer is parsed and its cards counted. Bounded:
 * the run ends at most one request timeout after its end.
 */
final class QueryThroughput {

    /** Answers per second, mean cards per answer, and the failures by kind. */
    record Result(double perSecond, double hitsPerAnswer, long answers, Map<String, Long> failures) {
    }

    private QueryThroughput() {
    }

    static Result run(String url, String login, String password, String book, String body, int connections,
            Duration length, Duration timeout) throws InterruptedException {
        AtomicLong answers = new AtomicLong();
        AtomicLong hits = new AtomicLong();
        Map<String, Long> failures = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            BenchHttp client = new BenchHttp(url, login, password);
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try {
                        BenchHttp.Answer answer = client.report(book, body, timeout);
                        int cards = BenchHttp.responses(answer.body(), book);
                        if (System.nanoTime() <= end) { // answers that end after the window do not count
                            answers.incrementAndGet();
                            hits.addAndGet(cards);
                        }
                    } catch (BenchHttp.Failed e) {
                        failures.merge(e.getMessage(), 1L, Long::sum);
                    }
                }
            }, "throughput-" + i);
            thread.setDaemon(true); // a client stuck past every timeout must not keep the test JVM alive
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join(length.plus(timeout).plusSeconds(10).toMillis());
        }
        double seconds = length.toNanos() / 1e9;
        long n = answers.get();
        return new Result(n / seconds, n == 0 ? 0 : (double) hits.get() / n, n, Map.copyOf(failures));
    }
}
