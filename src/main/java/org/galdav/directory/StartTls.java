package org.galdav.directory;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import javax.net.ssl.SSLContext;

/**
 * StartTLS on every new connection (RFC 4513 §3), as the SDK's processor does it, except that a server that
 * refuses it fails with {@link RefusedException}: a connection error (the pool discards the connection), which
 * {@link LdapProblem} can name, rather than the server's bare "2 (protocol error)".
 */
final class StartTls implements PostConnectProcessor {
    private final StartTLSPostConnectProcessor tls;

    StartTls(SSLContext context) {
        this.tls = new StartTLSPostConnectProcessor(context);
    }

    @Override
    public void processPreAuthenticatedConnection(LDAPConnection connection) throws LDAPException {
        try {
            tls.processPreAuthenticatedConnection(connection);
        } catch (LDAPException e) {
            throw new RefusedException(e);
        }
    }

    @Override
    public void processPostAuthenticatedConnection(LDAPConnection connection) throws LDAPException {
        tls.processPostAuthenticatedConnection(connection);
    }

    /** The server did not agree to StartTLS; the cause is its answer. */
    static final class RefusedException extends LDAPException {
        private static final long serialVersionUID = 1L;

        RefusedException(LDAPException answer) {
            super(ResultCode.CONNECT_ERROR, "the directory refused StartTLS: " + answer.getResultCode() + " "
                    + (answer.getDiagnosticMessage() == null ? "" : answer.getDiagnosticMessage()), answer);
        }
    }
}
