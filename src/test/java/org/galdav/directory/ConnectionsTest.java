package org.galdav.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import org.galdav.core.CredentialsRejectedException;
import org.galdav.core.SourceUnavailableException;
import org.galdav.support.FakeTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pool owner on its own: identities of lent connections, what comes back to the pool, outages. */
class ConnectionsTest {
    private TestLdap ldap;
    private Connections connections;

    @BeforeEach
    void start() throws LDAPException {
        ldap = TestLdap.start(0, 0);
        connections = Connections.open(ldap.settings(1, 10), new CircuitBreaker(new FakeTime())); // one connection: each test meets the same one
    }

    @AfterEach
    void stop() {
        connections.close();
        ldap.close();
    }

    @Test
    void lendsConnectionsBoundAsTheServiceAccount() throws LDAPException {
        assertThat(connections.withConnection("test", TestLdap::whoAmI)).isEqualTo("dn:" + TestLdap.SERVICE_DN);
    }

    @Test
    void aUsersViewWorksAsTheUserAndGivesTheConnectionBackAsTheServiceAccount() throws LDAPException {
        long id = connectionId();
        Connections view = connections.boundAs(TestLdap.USER_DN, TestLdap.USER_PASSWORD);

        assertThat(view.withConnection("test", TestLdap::whoAmI)).isEqualTo("dn:" + TestLdap.USER_DN);
        assertThat(connections.withConnection("test", TestLdap::whoAmI)).isEqualTo("dn:" + TestLdap.SERVICE_DN);
        assertThat(connectionId()).isEqualTo(id);
    }

    @Test
    void aUsersViewWithAPasswordTheDirectoryRefusesIsRejectedCredentials() throws LDAPException {
        Connections view = connections.boundAs(TestLdap.USER_DN, "not-the-password");

        assertThatThrownBy(() -> view.withConnection("test", TestLdap::whoAmI))
                .isInstanceOf(CredentialsRejectedException.class);
        assertThat(connections.withConnection("test", TestLdap::whoAmI)).isEqualTo("dn:" + TestLdap.SERVICE_DN);
    }

    @Test
    void closingAViewLeavesThePoolOpen() throws LDAPException {
        connections.boundAs(TestLdap.USER_DN, TestLdap.USER_PASSWORD).close();

        assertThat(connections.isReachable()).isTrue();
        assertThat(connections.withConnection("test", TestLdap::whoAmI)).isEqualTo("dn:" + TestLdap.SERVICE_DN);
    }

    @Test
    void anAnswerIsTheWorksOwnAndTheConnectionStaysInThePool() throws LDAPException {
        long id = connectionId();

        assertThatThrownBy(() -> connections.withConnection("test", connection -> {
            throw new LDAPException(ResultCode.NO_SUCH_OBJECT, "answer");
        })).isInstanceOf(LDAPException.class).isNotInstanceOf(SourceUnavailableException.class);
        assertThat(connectionId()).isEqualTo(id);
    }

    @Test
    void aRuntimeFailureOfTheWorkDiscardsTheConnection() throws LDAPException {
        long id = connectionId();

        assertThatThrownBy(() -> connections.withConnection("test", connection -> {
            throw new IllegalStateException("mid-response");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(connectionId()).isNotEqualTo(id);
    }

    @Test
    void anOutageIsSourceUnavailableAndTheDirectoryUnreachable() {
        assertThat(connections.isReachable()).isTrue();
        assertThat(connections.rootDse()).isPresent();
        ldap.close();

        assertThat(connections.isReachable()).isFalse();
        assertThatThrownBy(() -> connections.withConnection("test", TestLdap::whoAmI))
                .isInstanceOf(SourceUnavailableException.class);
        assertThatThrownBy(connections::rootDse).isInstanceOf(SourceUnavailableException.class);
        assertThatThrownBy(connections::schema).isInstanceOf(SourceUnavailableException.class);
    }

    private long connectionId() throws LDAPException {
        return connections.withConnection("test", connection -> connection.getConnectionID());
    }
}
