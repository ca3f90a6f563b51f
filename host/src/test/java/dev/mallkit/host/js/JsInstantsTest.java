package dev.mallkit.host.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The boundary's instant text is exactly the JDK's, both ways. */
class JsInstantsTest {

    private static final long YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

    @Test
    void formatsEveryInstantAsInstantToStringDoes() {
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(-YEAR_10000 - 1_000_000, YEAR_10000 + 1_000_000);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nano);
            assertThat(JsInstants.format(instant)).isEqualTo(instant.toString());
        }
        for (Instant edge : List.of(Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("1969-12-31T23:59:59.999Z"))) {
            assertThat(JsInstants.format(edge)).isEqualTo(edge.toString());
        }
    }

    @Test
    void parsesWhatInstantParseAcceptsToTheSameInstant() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-YEAR_10000, YEAR_10000), random.nextInt(1_000_000_000));
            String text = instant.toString();
            assertThat(JsInstants.parse(text)).isEqualTo(instant);
            // JavaScript's Date.toISOString() always writes milliseconds
            String millis = instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString().replace("Z", ".%03dZ".formatted(i % 1000));
            assertThat(JsInstants.parse(millis)).isEqualTo(Instant.parse(millis));
        }
        for (String text : List.of("2026-11-01T00:00:00Z", "2026-11-01T00:00:00.5Z", "2026-11-01t00:00:00z", "2026-11-01T00:00:00+08:00", "2026-11-01T00:00:00.Z",
                "2024-02-29T12:00:00Z", "2026-12-31T23:59:60Z", "2026-11-01T24:00:00Z", "+12026-11-01T00:00:00Z", "-0001-11-01T00:00:00Z")) {
            assertThat(JsInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void refusesWhatInstantParseRefuses() {
        for (String text : List.of("", "2026-11-01", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-11-31T00:00:00.000Z",
                "2026-11-01T00:60:00Z", "2026-04-31T00:00:00Z", "2026-11-01T00:00:00.1234567890Z", "2026-11-01T0a:00:00Z",
                "2026-11-01 00:00:00Z", "2026-11-01T00:00:00")) {
            assertThatThrownBy(() -> Instant.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> JsInstants.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }
}
