package io.riffle.connectors.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalsTest {
    @Test
    void plainDecimalsParseBitForBitAsDoubleParseDouble() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 200_000; n++) {
            int digits = 1 + random.nextInt(15);
            StringBuilder s = new StringBuilder();
            if (random.nextInt(4) == 0) {
                s.append(random.nextBoolean() ? '-' : '+');
            }
            int point = random.nextInt(digits + 1);
            for (int d = 0; d < digits; d++) {
                if (d == point) {
                    s.append('.');
                }
                s.append((char) ('0' + random.nextInt(10)));
            }
            String text = s.toString();
            assertThat(Double.doubleToRawLongBits(Decimals.parse(text)))
                    .as(text).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
        }
    }

    @Test
    void everythingElseFallsBackToTheGeneralParser() {
        for (String text : new String[] {"1e-3", "-0", "1.", ".5", "0.1000000000000000055511151231257827", " 2.5 ",
            "1d", "NaN", "-Infinity", "12345678901234567890", "0x1p3"}) {
            assertThat(Double.doubleToRawLongBits(Decimals.parse(text)))
                    .as(text).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
        }
        for (String bad : new String[] {"", ".", "-", "1.2.3", "abc", "1,5"}) {
            assertThatThrownBy(() -> Decimals.parse(bad)).as(bad).isInstanceOf(NumberFormatException.class);
        }
    }

    @Test
    void aRangeOfALongerLineParsesWithoutCopying() {
        assertThat(Decimals.parse("7:0.25 8:1", 2, 6)).isEqualTo(0.25);
    }
}
