package io.riffle.models.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionSequenceTest {
    @Test
    void theNextDeltaAndAnyNewerWholeModelApply() {
        assertThat(VersionSequence.applies(4, 5, false)).isTrue();
        assertThat(VersionSequence.applies(4, 9, true)).isTrue();
        assertThat(VersionSequence.applies(-1, 0, true)).isTrue();
    }

    @Test
    void copiesMetTwiceAndDeltasAfterAGapAreSkipped() {
        assertThat(VersionSequence.applies(4, 4, false)).isFalse();
        assertThat(VersionSequence.applies(4, 3, true)).isFalse();
        assertThat(VersionSequence.applies(4, 6, false)).isFalse();
    }
}
