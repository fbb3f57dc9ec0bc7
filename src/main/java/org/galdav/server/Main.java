package org.galdav.server;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar galdav.jar [command]}: the command line ({@link Cli}); without a command it starts the
 * server, as it always has. The process ends with the command's exit code, except while it serves.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        Thread.setDefaultUncaughtExceptionHandler(Main::uncaught);
        Charset console = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, console), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, console), true);
        int code = Cli.run(args, out, err, Main::stopOnSignal);
        out.flush();
        err.flush();
        if (code != Cli.SERVING) {
            System.exit(code);
        }
    }

    /**
     * SIGTERM (and the end of the JVM for any other reason): {@link GaldavServer#stop} returns within
     * {@code http.shutdown-grace} and a few seconds, whatever is in flight, and one line says how it went.
     */
    private static void stopOnSignal(GaldavServer server) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long start = System.nanoTime();
            int abandoned = server.stop();
            LOG.info(stoppedLine(Duration.ofNanos(System.nanoTime() - start), abandoned));
        }, "galdav-shutdown"));
    }

    /** "galdav stopped in 1.2 s; 0 requests abandoned": the one line a stop logs. */
    static String stoppedLine(Duration took, int abandoned) {
        return String.format(Locale.ROOT, "galdav stopped in %.1f s; %d request%s abandoned", took.toMillis() / 1000.0,
                abandoned, abandoned == 1 ? "" : "s");
    }

    /**
     * A thread that dies of OutOfMemoryError (a library's timer, a background listing) leaves the process
     * unable to work: the UnboundID SDK's shared timer, once dead, refuses every new LDAP connection for
     * good. So the process ends at once (status 3), for the service manager to restart it; a request that
     * runs out of memory only fails itself (Undertow answers 500) and is not fatal.
     */
    private static void uncaught(Thread thread, Throwable e) {
        if (e instanceof OutOfMemoryError) {
            System.err.println("galdav: out of memory in thread " + thread.getName() + "; exiting (give Java more "
                    + "memory with -Xmx, or lower cache.max-card-bytes)");
            Runtime.getRuntime().halt(3);
        }
        LOG.error("thread {} ended: {}", thread.getName(), e.toString(), e);
    }
}
