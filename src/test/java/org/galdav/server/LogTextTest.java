package org.galdav.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link LogText}: what could break or bend a log line is escaped, the rest left alone. */
class LogTextTest {
    @Test
    void lineBreaksAndControlCharactersBecomeEscapes() {
        assertThat(LogText.escape("/x\n2026-12-02T05:00:00.000Z WARN  galdav - FORGED"))
                .isEqualTo("/x\\n2026-12-02T05:00:00.000Z WARN  galdav - FORGED");
        assertThat(LogText.escape("a\rb\tc\u0000d\u001be\u007ff\u0085g\u009fh\u2028i\u2029j\u202ek\u2066l"))
                .isEqualTo("a\\rb\\tc\\u0000d\\u001Be\\u007Ff\\u0085g\\u009Fh\\u2028i\\u2029j\\u202Ek\\u2066l");
    }

    @Test
    void everythingElseIsLeftAsItIs() {
        String text = "GET /addressbooks/directory/ 207 12ms cn=Doe\\, John Zoë 東京 \uD83D\uDE00";
        assertThat(LogText.escape(text)).isSameAs(text);
        assertThat(LogText.escape(null)).isNull();
        assertThat(LogText.escape("")).isEmpty();
    }
}
