package org.galdav.directory;

import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/** Builds the server set (fail-over over the configured URLs) and TLS from {@link LdapSettings}. */
final class ConnectionFactory {
    private ConnectionFactory() {
    }

    static ServerSet serverSet(LdapSettings settings, LDAPConnectionOptions options) throws LDAPException {
        List<ServerSet> sets = new ArrayList<>();
        for (String url : settings.urls()) {
            LDAPURL ldapUrl = new LDAPURL(url);
            boolean ldaps = ldapUrl.getScheme().equalsIgnoreCase("ldaps");
            if (ldaps && settings.startTls()) {
                throw new LDAPException(ResultCode.PARAM_ERROR,
                        "ldap.start-tls cannot be combined with an ldaps:// URL: " + url);
            }
            SocketFactory sockets = ldaps ? sslContext(settings).getSocketFactory() : SocketFactory.getDefault();
            sets.add(new SingleServerSet(ldapUrl.getHost(), ldapUrl.getPort(), sockets, options));
        }
        return sets.size() == 1 ? sets.get(0) : new FailoverServerSet(sets);
    }

    static PostConnectProcessor postConnect(LdapSettings settings) throws LDAPException {
        return settings.startTls() ? new StartTls(sslContext(settings)) : null;
    }

    private static SSLContext sslContext(LdapSettings settings) throws LDAPException {
        TrustManager trust = settings.trustStore()
                .<TrustManager>map(path -> new TrustStoreTrustManager(path.toFile(),
                        settings.trustStorePassword().map(String::toCharArray).orElse(null), null, true))
                .orElse(JVMDefaultTrustManager.getInstance());
        try {
            return new SSLUtil(trust).createSSLContext();
        } catch (GeneralSecurityException e) {
            throw new LDAPException(ResultCode.LOCAL_ERROR,
                    "cannot set up TLS for LDAP: " + e.getMessage(), e);
        }
    }
}
