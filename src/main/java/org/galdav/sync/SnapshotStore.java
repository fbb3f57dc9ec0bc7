package org.galdav.sync;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.galdav.core.TimeSource;

/**
 * Book states as files: {@code <dir>/<book>/<id>.snap}, the gzipped, sorted "name etag" lines of a
 * listing, named by the hash of its content. Equal content gives the same file on every instance that
 * shares the directory, writes are atomic (temp file + rename), and files not used for longer than the
 * horizon are deleted, so the store stays bounded. Losing it costs clients one full sync.
 */
public final class SnapshotStore {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final Pattern BOOK = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Path root;
    private final Duration horizon;
    private final TimeSource time;

    public SnapshotStore(Path root, Duration horizon, TimeSource time) {
        this.root = root;
        this.horizon = horizon;
        this.time = time;
    }

    /** How long an unused state is kept. */
    public Duration horizon() {
        return horizon;
    }

    /** Stores a state unless it is already there; touching it keeps it within the horizon. */
    public void save(String book, String id, Map<String, String> etags) {
        Path file = file(book, id);
        try {
            if (Files.exists(file)) {
                Files.setLastModifiedTime(file, FileTime.from(time.now()));
                return;
            }
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), id, ".tmp");
            try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
                    new GZIPOutputStream(Files.newOutputStream(temp)), StandardCharsets.UTF_8))) {
                for (Map.Entry<String, String> entry : new TreeMap<>(etags).entrySet()) {
                    out.write(entry.getKey());
                    out.write(' ');
                    out.write(entry.getValue());
                    out.write('\n');
                }
            }
            Files.setLastModifiedTime(temp, FileTime.from(time.now()));
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            prune(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sync state " + file, e);
        }
    }

    /** A stored state, or empty when it was never stored here, or is older than the horizon. */
    public Optional<Map<String, String>> load(String book, String id) {
        if (!ID.matcher(id).matches() || !BOOK.matcher(book).matches()) {
            return Optional.empty();
        }
        Path file = file(book, id);
        try {
            if (Files.getLastModifiedTime(file).toInstant().isBefore(time.now().minus(horizon))) {
                return Optional.empty();
            }
            Map<String, String> etags = new TreeMap<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    int space = line.indexOf(' ');
                    if (space > 0) {
                        etags.put(line.substring(0, space), line.substring(space + 1));
                    }
                }
            }
            Files.setLastModifiedTime(file, FileTime.from(time.now()));
            return Optional.of(etags);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sync state " + file, e);
        }
    }

    private void prune(Path dir) throws IOException {
        Instant oldest = time.now().minus(horizon);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.snap")) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(oldest)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private Path file(String book, String id) {
        return root.resolve(book).resolve(id + ".snap");
    }
}
