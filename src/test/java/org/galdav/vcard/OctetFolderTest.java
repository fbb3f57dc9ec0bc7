package org.galdav.vcard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OctetFolderTest {
    @Test
    void foldsAt75OctetsWithoutSplittingUtf8() {
        String line = "NOTE:" + "山田太郎".repeat(40);
        byte[] folded = OctetFolder.fold((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        String text = new String(folded, StandardCharsets.UTF_8);
        for (String physical : text.split("\r\n")) {
            assertThat(physical.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
            assertThat(physical).doesNotContain("\uFFFD");
        }
        assertThat(text.replace("\r\n ", "")).isEqualTo(line + "\r\n");
    }
}
