package org.galdav.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.util.StaticUtils;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The direct reading of UTC GeneralizedTimes gives what UnboundID's parser gives, and leaves other forms to it. */
class DatesTest {
    @Test
    void utcFormsDecodeAsTheSdkDecodesThem() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            String base = String.format("%04d%02d%02d%02d%02d%02d", 1970 + random.nextInt(130), 1 + random.nextInt(12),
                    1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60));
            String fraction = switch (random.nextInt(4)) {
                case 0 -> "";
                case 1 -> ".0";
                case 2 -> "." + random.nextInt(10) + random.nextInt(10);
                default -> "." + String.format("%06d", random.nextInt(1_000_000));
            };
            String text = base + fraction + "Z";
            assertThat(Dates.utc(text)).as(text).isNotNull();
            assertThat(Dates.generalizedTime(text)).as(text).isEqualTo(StaticUtils.decodeGeneralizedTime(text).toInstant());
        }
    }

    @Test
    void otherFormsAreLeftToTheSdk() throws Exception {
        for (String text : new String[] {"20261202101500+0100", "202612021015Z", "2026120210Z", "20261202101500.Z",
                "20261302101500Z", "2026120210150xZ"}) {
            assertThat(Dates.utc(text)).as(text).isNull();
        }
        assertThat(Dates.generalizedTime("20261202101500+0100"))
                .isEqualTo(StaticUtils.decodeGeneralizedTime("20261202101500+0100").toInstant());
    }
}
