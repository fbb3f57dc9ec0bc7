package org.galdav.http;

/** Told about every finished request, for metrics; must be cheap and thread-safe. */
@FunctionalInterface
public interface RequestObserver {
    /**
     * @param method the request method as sent (any token a client invents)
     * @param nanos  from the request's arrival to its completion
     */
    void finished(String method, int status, long nanos);
}
