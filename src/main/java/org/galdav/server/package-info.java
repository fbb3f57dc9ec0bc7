/**
 * The composition root: {@link org.galdav.server.GaldavServer} builds every layer from the settings (the
 * directory connection or the embedded demo, the published books with their layers, authentication, the HTTP
 * front, metrics, the warm-up listing) and runs it; {@link org.galdav.server.Main} is {@code java -jar} with the
 * {@code check} and {@code preview} commands, which use the same wiring.
 *
 * <p>May use: every package and library. Nothing imports it.
 *
 * <p>Threads: built once at start; what it builds is thread-safe, and {@code close()} stops listening (requests
 * in flight get {@code http.shutdown-grace}, then their work is ended), the warm-up and the directory
 * connections, in that order, within a bounded time.
 */
package org.galdav.server;
