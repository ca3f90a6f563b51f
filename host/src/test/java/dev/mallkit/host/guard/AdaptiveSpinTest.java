package dev.mallkit.host.guard;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AdaptiveSpinTest {
    private final AdaptiveSpin spin = new AdaptiveSpin(5_000);

    @Test
    void spinsWhileSpinsPayOff() {
        for (int i = 0; i < 100; i++) {
            assertThat(spin.nanos()).isEqualTo(5_000);
            spin.record(true);
        }
    }

    @Test
    void afterMissesSpinsOnlyToProbeAndResumesOnceAProbeHits() {
        for (int i = 0; i < 10; i++) {
            spin.record(false);
        }

        long spinning = IntStream.range(0, 640).filter(i -> spin.nanos() > 0).count();
        assertThat(spinning).isEqualTo(10);

        spin.record(true);
        assertThat(spin.nanos()).isEqualTo(5_000);
    }
}
