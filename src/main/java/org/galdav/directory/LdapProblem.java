package org.galdav.directory;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Says in plain words what an LDAP failure means and what to change, naming the setting: for
 * {@code galdav check} and for the log, where "2 (protocol error)" alone helps nobody. Stateless.
 */
final class LdapProblem {
    private static final Pattern SERVER = Pattern.compile("server /?(\\S+:\\d+)");

    private LdapProblem() {
    }

    /** The failure in words, with the fix. */
    static String explain(LDAPException e) {
        if (e instanceof StartTls.RefusedException) {
            return "the directory refused StartTLS (" + answer(e.getCause()) + "): ldap.start-tls = true, but the "
                    + "server does not offer TLS on this port. Configure TLS on the directory server (OpenLDAP: "
                    + "olcTLSCertificateFile and olcTLSCertificateKeyFile), or use an ldaps:// URL, or set "
                    + "ldap.start-tls = false (then passwords cross the network unencrypted)";
        }
        Optional<Throwable> unknownHost = cause(e, UnknownHostException.class);
        if (unknownHost.isPresent()) {
            return "the host name in ldap.url cannot be resolved (" + unknownHost.get().getMessage()
                    + "): check the name and the DNS of this machine";
        }
        Optional<Throwable> refused = cause(e, ConnectException.class);
        if (refused.isPresent()) {
            return "nothing accepts connections at " + server(e) + " (" + refused.get().getMessage() + "): is the "
                    + "directory server running, and are host and port in ldap.url right? (389 for ldap://, 636 for "
                    + "ldaps://; a firewall may refuse too)";
        }
        if (cause(e, SocketTimeoutException.class).isPresent() || e.getResultCode() == ResultCode.TIMEOUT
                || e.getResultCode() == ResultCode.CONNECT_ERROR && detail(e).contains("timeout")) {
            return "the directory did not answer in time (" + detail(e) + "): is the host up, does a firewall drop "
                    + "the packets, or is ldap.connect-timeout / ldap.operation-timeout too short?";
        }
        if (cause(e, CertificateException.class).isPresent()
                || detail(e).contains("PKIX") || detail(e).contains("certification path")) {
            return "the directory's certificate is not trusted (" + detail(e) + "): name its CA certificate in "
                    + "ldap.trust-store (a PEM file, as the CA issues it, or a PKCS#12 trust store)";
        }
        if (detail(e).toLowerCase(Locale.ROOT).contains("hostname") || detail(e).contains("host name")) {
            return "the directory's certificate does not name the host in ldap.url (" + detail(e) + "): use the "
                    + "host name the certificate was issued for";
        }
        if (cause(e, SSLException.class).isPresent()) {
            return "the TLS handshake failed (" + detail(e) + "): does the port of this ldaps:// URL speak TLS? "
                    + "ldaps:// (usually port 636) expects TLS from the first byte; for a plain port (389) use "
                    + "ldap:// with ldap.start-tls = true";
        }
        return byResultCode(e);
    }

    private static String byResultCode(LDAPException e) {
        ResultCode code = e.getResultCode();
        if (code == ResultCode.INVALID_CREDENTIALS) {
            return "the directory refused the service account's credentials (" + answer(e) + "): check ldap.bind-dn "
                    + "and ldap.bind-password or ldap.bind-password-file (Active Directory: is the account locked, "
                    + "disabled or its password expired?)";
        }
        if (code == ResultCode.CONFIDENTIALITY_REQUIRED || code == ResultCode.STRONG_AUTH_REQUIRED) {
            return "the directory requires an encrypted connection (" + answer(e) + "): use an ldaps:// URL or set "
                    + "ldap.start-tls = true";
        }
        if (code == ResultCode.INSUFFICIENT_ACCESS_RIGHTS || code == ResultCode.UNWILLING_TO_PERFORM
                || code == ResultCode.INAPPROPRIATE_AUTHENTICATION) {
            return "the directory refused the service account (" + answer(e) + "): it may not bind or read as "
                    + "configured; check ldap.bind-dn (empty means anonymous, which many directories refuse) and the "
                    + "directory's access rules";
        }
        if (code == ResultCode.SERVER_DOWN || code == ResultCode.CONNECT_ERROR || code == ResultCode.UNAVAILABLE
                || code == ResultCode.BUSY) {
            return "the directory cannot be reached or is not available (" + answer(e) + "): is it running, and is "
                    + "ldap.url right?";
        }
        return "the directory answered " + answer(e);
    }

    /** The server a connection failure names ("server 192.0.2.1:389"), else the setting that names it. */
    private static String server(LDAPException e) {
        Matcher m = SERVER.matcher(String.valueOf(e.getMessage()));
        return m.find() ? m.group(1) : "ldap.url";
    }

    /** The directory's answer: result code and diagnostic message. */
    private static String answer(Throwable failure) {
        if (failure instanceof LDAPException e) {
            String diagnostic = e.getDiagnosticMessage();
            return e.getResultCode() + (diagnostic == null || diagnostic.isBlank() ? "" : ": " + diagnostic);
        }
        return String.valueOf(failure);
    }

    /** What the failure says about itself, innermost cause first when there is one. */
    private static String detail(LDAPException e) {
        Throwable innermost = e;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        return innermost == e ? String.valueOf(e.getMessage()) : innermost.toString();
    }

    private static Optional<Throwable> cause(Throwable failure, Class<? extends Throwable> kind) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (kind.isInstance(t)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
