package io.riffle.operators.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.Test;

class CoalescedDeadlinesTest {
    @Test
    void everyLocalKeyGroupGetsAKeyThatFlinkAssignsToIt() {
        KeyGroupRange range = KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(128, 3, 1);
        String[] keys = CoalescedDeadlines.groupKeys(128, range);
        assertThat(keys).hasSize(range.getNumberOfKeyGroups());
        for (int i = 0; i < keys.length; i++) {
            assertThat(KeyGroupRangeAssignment.assignToKeyGroup(keys[i], 128))
                    .isEqualTo(range.getStartKeyGroup() + i);
        }
    }

    @Test
    void aDeadlineGoesToTheGranuleEndingAtOrAfterIt() {
        CoalescedDeadlines deadlines = new CoalescedDeadlines(100, null, null, null, 1, KeyGroupRange.of(0, 0));
        assertThat(deadlines.bucketEnd(1100)).isEqualTo(1100);
        assertThat(deadlines.bucketEnd(1101)).isEqualTo(1200);
        assertThat(deadlines.bucketEnd(-150)).isEqualTo(-100);
        assertThat(deadlines.bucketEnd(Long.MAX_VALUE - 3)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theForwardedWatermarkIsTheEndOfTheLastFiredGranule() {
        CoalescedDeadlines deadlines = new CoalescedDeadlines(100, null, null, null, 1, KeyGroupRange.of(0, 0));
        assertThat(deadlines.outputWatermark(1199)).isEqualTo(1100);
        assertThat(deadlines.outputWatermark(1200)).isEqualTo(1200);
        assertThat(deadlines.outputWatermark(-1)).isEqualTo(-100);
        assertThat(deadlines.outputWatermark(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aGranularityBelowOneMillisecondIsRefused() {
        assertThatThrownBy(() -> new CoalescedDeadlines(0, null, null, null, 1, KeyGroupRange.of(0, 0)))
                .hasMessageContaining("granularity must be > 0");
    }
}
