package org.galdav.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import org.galdav.core.SourceUnavailableException;
import org.galdav.support.FakeTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link LdapAuthenticator#verifyPassword}: which bind answers mean "wrong", and the service identity restored. */
class PasswordVerificationTest {
    private TestLdap ldap;
    private Connections connections;

    @BeforeEach
    void start() throws LDAPException {
        ldap = TestLdap.start(0, 0);
        connections = Connections.open(ldap.settings(1, 10), new CircuitBreaker(new FakeTime()));
    }

    @AfterEach
    void stop() {
        connections.close();
        ldap.close();
    }

    @Test
    void theRightPasswordIsAcceptedAndThePoolWorksAsTheServiceAccountAfterwards() throws LDAPException {
        assertThat(LdapAuthenticator.verifyPassword(connections, TestLdap.USER_DN, TestLdap.USER_PASSWORD)).isTrue();

        assertThat(connections.withConnection("test", TestLdap::whoAmI)).isEqualTo("dn:" + TestLdap.SERVICE_DN);
    }

    @Test
    void aWrongPasswordAnUnknownUserAndANonDnAreWrong() throws LDAPException {
        assertThat(LdapAuthenticator.verifyPassword(connections, TestLdap.USER_DN, "guess")).isFalse();
        assertThat(LdapAuthenticator.verifyPassword(connections, "uid=nobody," + TestLdap.PEOPLE, "guess")).isFalse();
        assertThat(LdapAuthenticator.verifyPassword(connections, "not a DN", "guess")).isFalse();

        assertThat(connections.withConnection("test", TestLdap::whoAmI)).isEqualTo("dn:" + TestLdap.SERVICE_DN);
    }

    /** RFC 4513 §5.1.2: a DN with an empty password is an unauthenticated bind, which servers let succeed. */
    @Test
    void anEmptyPasswordIsRefusedWithoutABind() {
        assertThat(LdapAuthenticator.verifyPassword(connections, TestLdap.USER_DN, "")).isFalse();

        assertThat(ldap.binds()).doesNotContain(TestLdap.USER_DN);
    }

    @ParameterizedTest
    @ValueSource(ints = {ResultCode.INVALID_CREDENTIALS_INT_VALUE, ResultCode.INVALID_DN_SYNTAX_INT_VALUE,
            ResultCode.UNWILLING_TO_PERFORM_INT_VALUE, ResultCode.INAPPROPRIATE_AUTHENTICATION_INT_VALUE})
    void theseAnswersMeanWrongCredentials(int code) {
        ldap.refuseBinds(ResultCode.valueOf(code));

        assertThat(LdapAuthenticator.verifyPassword(connections, TestLdap.USER_DN, TestLdap.USER_PASSWORD)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {ResultCode.CONFIDENTIALITY_REQUIRED_INT_VALUE, ResultCode.INSUFFICIENT_ACCESS_RIGHTS_INT_VALUE,
            ResultCode.BUSY_INT_VALUE})
    void anyOtherAnswerMeansTheDirectoryFailed(int code) {
        ldap.refuseBinds(ResultCode.valueOf(code));

        assertThatThrownBy(() -> LdapAuthenticator.verifyPassword(connections, TestLdap.USER_DN, TestLdap.USER_PASSWORD))
                .isInstanceOf(SourceUnavailableException.class);
    }

    @Test
    void anOutageIsSourceUnavailable() {
        ldap.close();

        assertThatThrownBy(() -> LdapAuthenticator.verifyPassword(connections, TestLdap.USER_DN, "guess"))
                .isInstanceOf(SourceUnavailableException.class);
    }
}
