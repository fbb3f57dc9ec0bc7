package org.galdav.core;

import java.io.IOException;

/** Receives cards one at a time, so large results stream instead of being collected. */
@FunctionalInterface
public interface CardSink<T> {
    void accept(T item) throws IOException;
}
