package org.galdav.dav;

import java.util.Optional;
import javax.xml.namespace.QName;

/**
 * A request the server refuses, with its HTTP status and, where RFC 4918 §16 defines one, the violated
 * precondition that goes into a {@code DAV:error} body. The message is for the log and the client; it
 * never carries internals.
 */
public class DavException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Optional<ErrorBody> body;

    public DavException(int status, String message) {
        this(status, message, Optional.empty());
    }

    public DavException(int status, String message, ErrorBody body) {
        this(status, message, Optional.of(body));
    }

    private DavException(int status, String message, Optional<ErrorBody> body) {
        super(message);
        this.status = status;
        this.body = body;
    }

    public static DavException badRequest(String message) {
        return new DavException(400, message);
    }

    public static DavException precondition(int status, QName condition, String message) {
        return new DavException(status, message, ErrorBody.of(condition));
    }

    public int status() {
        return status;
    }

    public Optional<ErrorBody> body() {
        return body;
    }
}
