package org.galdav.dav;

/** Status lines inside a multistatus, spelled exactly as clients compare them (RFC 4918 §14.28). */
final class StatusLine {
    private StatusLine() {
    }

    static String of(int status) {
        return "HTTP/1.1 " + status + " " + reason(status);
    }

    static String reason(int status) {
        switch (status) {
            case 200: return "OK";
            case 207: return "Multi-Status";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 409: return "Conflict";
            case 412: return "Precondition Failed";
            case 413: return "Payload Too Large";
            case 415: return "Unsupported Media Type";
            case 500: return "Internal Server Error";
            case 503: return "Service Unavailable";
            case 507: return "Insufficient Storage";
            default: return "Status " + status;
        }
    }
}
