package io.riffle.connectors.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.event.Impression;
import io.riffle.models.event.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodecsTest {
    private static SourceRecord line(long n, String text) {
        return SourceRecord.line("in", 0, n, text);
    }

    @Test
    void jsonImpressionWithIsoTimeNumericAndLabel() {
        CtrDecoded d = new JsonLinesCodec(1).decode(line(1, "{\"id\":\"a1\",\"time\":\"2026-11-01T00:00:00Z\","
                + "\"features\":{\"site\":\"x\",\"n\":3},\"numeric\":{\"price\":0.3},\"label\":true}"));
        Impression i = d.impression();
        assertThat(i.id()).isEqualTo("a1");
        assertThat(i.time()).isEqualTo(1793491200000L);
        assertThat(i.fields()).containsExactly("site", "n");
        assertThat(i.values()).containsExactly("x", "3");
        assertThat(i.numericFields()).containsExactly("price");
        assertThat(i.numeric()).containsExactly(0.3);
        assertThat(i.label()).isEqualTo(1);
    }

    @Test
    void jsonLabelEventAndRowOrderTime() {
        CtrDecoded d = new JsonLinesCodec(5).decode(line(3, "{\"id\":7,\"label\":0}"));
        assertThat(d.label().id()).isEqualTo("7");
        assertThat(d.label().time()).isEqualTo(10);
        assertThat(d.label().label()).isZero();
    }

    @Test
    void jsonRejectsDuplicateKeysAndTrailingGarbage() {
        JsonLinesCodec codec = new JsonLinesCodec(1);
        assertThat(codec.decode(line(1, "{\"id\":\"a\",\"id\":\"b\",\"label\":1}")).failure())
                .contains("Duplicate field");
        assertThat(codec.decode(line(1, "{\"id\":\"a\",\"label\":1} extra")).failure()).contains("not valid JSON");
        assertThat(codec.decode(line(1, "   ")).impression()).isNull();
    }

    @Test
    void criteoBucketsCountsOnALogSquaredScaleAndSkipsEmptyFields() {
        assertThat(CriteoCodec.bucket(2)).isEqualTo(2);
        assertThat(CriteoCodec.bucket(-1)).isEqualTo(-1);
        assertThat(CriteoCodec.bucket(100)).isEqualTo(21); // floor(ln(100)^2) = floor(21.2)
        String row = "0\t100\t" + "\t".repeat(11) + "\t" + "68fd1e64" + "\t".repeat(25);
        Impression i = new CriteoCodec(1).decode(line(9, row)).impression();
        assertThat(i.fields()).containsExactly("I1", "C1");
        assertThat(i.values()).containsExactly("21", "68fd1e64");
        assertThat(i.label()).isZero();
        assertThat(i.id()).isEqualTo("9");
        assertThat(i.time()).isEqualTo(8);
    }

    @Test
    void criteoWithoutLabelColumnIsUnlabelled() {
        String row = "\t".repeat(38);
        assertThat(new CriteoCodec(1).decode(line(1, row)).impression().label()).isEqualTo(Labels.NONE);
    }

    @Test
    void avazuHourGivesEventTimeAndDerivedFeatures() {
        String row = "1000009418151094273,0,14102100,1005,0,1fbe01fe,f3845767,28905ebd,ecad2386,7801e8d9,07d7df22,"
                + "a99f214a,ddd2926e,44956a24,1,2,15706,320,50,1722,0,35,-1,79";
        Impression i = new AvazuCodec(null).decode(line(2, row)).impression();
        assertThat(i.time()).isEqualTo(1413849600000L);
        assertThat(i.label()).isZero();
        assertThat(i.fields()).contains("site_id", "hour_of_day", "weekday").doesNotContain("id", "click", "hour");
        assertThat(new AvazuCodec(null).decode(line(1, String.join(",", AvazuCodec.STANDARD_HEADER))).impression())
                .isNull();
        assertThat(new AvazuCodec(null).decode(line(3, row.replace("14102100", "14133100"))).failure())
                .contains("hour must be YYMMDDHH");
    }

    @Test
    void libsvmAcceptsBothLabelConventions() {
        LibsvmCodec codec = new LibsvmCodec(1);
        assertThat(codec.decode(line(1, "-1 1:0.5")).impression().label()).isZero();
        assertThat(codec.decode(line(1, "+1 1:0.5")).impression().label()).isEqualTo(1);
        assertThat(codec.decode(line(1, "2 1:0.5")).failure()).contains("label must be");
        assertThat(codec.decode(line(1, "1 1:Infinity")).failure()).contains("not finite");
        assertThat(codec.decode(line(1, "1 1:NaN")).failure()).contains("not finite");
        assertThat(codec.decode(line(1, "1 1:abc")).failure()).contains("not a number");
        assertThat(codec.decode(line(1, "1 nocolon")).failure()).contains("is not idx:val");
    }

    @Test
    void csvRolesAndQuotes() {
        CsvColumns columns = CsvColumns.parse("id=ad,label=y,numeric=p|q,ignore=z", ',');
        CsvCodec codec = new CsvCodec(List.of("ad", "site", "p", "q", "z", "y"), columns, 1);
        Impression i = codec.decode(line(2, "x9,\"a,b\",1.5,,junk,1")).impression();
        assertThat(i.id()).isEqualTo("x9");
        assertThat(i.values()).containsExactly("a,b");
        assertThat(i.numericFields()).containsExactly("p");
        assertThat(i.label()).isEqualTo(1);
        assertThat(codec.decode(line(3, "x9,\"open,1,2,3,1")).failure()).contains("quoted field is not closed");
        assertThatThrownBy(() -> new CsvCodec(List.of("a"), CsvColumns.parse("id=nope", ','), 1))
                .hasMessageContaining("'nope'");
    }

    @Test
    void formatNamesAndIsoTimes() {
        assertThat(CtrFormat.parse("Criteo")).isEqualTo(CtrFormat.CRITEO);
        assertThatThrownBy(() -> CtrFormat.parse("parquet")).hasMessageContaining("jsonl, criteo, avazu");
        assertThat(EventTimes.parse("2026-11-01T01:00:00+01:00")).isEqualTo(1793491200000L);
        assertThat(EventTimes.parse("42")).isEqualTo(42);
    }
}
