package io.riffle.connectors.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.riffle.connectors.codec.Decoded;
import io.riffle.connectors.codec.RecordCodec;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.graph.event.EdgeEvent;
import org.junit.jupiter.api.Test;

class EdgeCodecsTest {
    private static Decoded<EdgeEvent> decode(EdgeCodecSpec spec, long line, String text) {
        RecordCodec<EdgeEvent> codec = spec.create();
        return codec.decode(SourceRecord.line("in", 0, line, text));
    }

    private static Decoded<EdgeEvent> json(String text) {
        return decode(EdgeCodecSpec.of(EdgeFormat.JSONL).withFeatureWidth(2), 1, text);
    }

    @Test
    void jsonLinesCanonicalRecord() {
        EdgeEvent e = json("{\"src\":\"u1\",\"dst\":\"i9\",\"time\":1700000000000,\"features\":[0.1,0.2],"
                + "\"label\":0}").value();
        assertThat(e.source()).isEqualTo("u1");
        assertThat(e.destination()).isEqualTo("i9");
        assertThat(e.time()).isEqualTo(1_700_000_000_000L);
        assertThat(e.features()).containsExactly(0.1f, 0.2f);
        assertThat(e.label()).isZero();
        EdgeEvent plain = decode(EdgeCodecSpec.of(EdgeFormat.JSONL), 1,
                "{\"src\":1,\"dst\":2,\"time\":\"2023-11-14T22:13:20Z\"}").value();
        assertThat(plain.source()).isEqualTo("1");
        assertThat(plain.time()).isEqualTo(1_700_000_000_000L);
        assertThat(plain.features()).isEmpty();
        assertThat(plain.label()).isEqualTo(EdgeEvent.NO_LABEL);
        assertThat(json("   ").value()).isNull();
    }

    @Test
    void jsonLinesBadRecordsSayWhy() {
        assertThat(json("{\"src\":\"a\",\"dst\":\"a\",\"time\":1,\"features\":[1,2]}").failure())
                .startsWith("self-loop");
        assertThat(json("{\"src\":\"a\",\"dst\":\"b\",\"features\":[1,2]}").failure())
                .startsWith("missing \"time\"");
        assertThat(json("{\"src\":\"a\",\"dst\":\"b\",\"time\":1,\"features\":[1,NaN]}").failure())
                .isEqualTo("edge feature 1 is NaN (features must be finite)");
        assertThat(json("{\"src\":\"a\",\"dst\":\"b\",\"time\":1,\"features\":[1]}").failure())
                .startsWith("wrong feature width: 1 edge feature, this stream has 2");
        assertThat(json("{\"src\":\"a\",\"dst\":\"b\",\"time\":1}").failure())
                .startsWith("wrong feature width: 0 edge features");
        assertThat(json("{\"src\":\"\",\"dst\":\"b\",\"time\":1,\"features\":[1,2]}").failure())
                .contains("\"src\" must be a non-empty string");
        assertThat(json("{\"dst\":\"b\",\"time\":1,\"features\":[1,2]}").failure()).isEqualTo("missing \"src\"");
        assertThat(json("{\"src\":\"a\",\"dst\":\"b\",\"time\":1,\"features\":[1,2],\"weight\":3}").failure())
                .startsWith("unknown field \"weight\"");
        assertThat(json("{\"src\":\"a\",\"dst\":\"b\",\"time\":1.5,\"features\":[1,2]}").failure())
                .contains("\"time\" must be epoch milliseconds");
        assertThat(json("{\"src\":\"a\",\"dst\":\"b\",\"time\":1,\"features\":[1,2],\"label\":2}").failure())
                .contains("\"label\" must be 0 or 1");
        assertThat(json("{\"src\":\"a\",").failure()).startsWith("not valid JSON");
        assertThat(json("[1,2]").failure()).startsWith("a record must be a JSON object");
        assertThat(json("{\"src\":null,\"dst\":\"b\",\"time\":1}").failure()).contains("got null");
        assertThat(json("{\"src\":\"a\",\"dst\":\"b\",\"time\":1,\"features\":[\"x\",2]}").failure())
                .contains("features[0] must be a number");
        assertThat(json("{\"src\":\"a\",\"dst\":\"b\",\"time\":1,\"features\":[1,2]}").kind()).isEqualTo("edge");
    }

    @Test
    void selfLoopsMayBeKept() {
        EdgeCodecSpec keep = new EdgeCodecSpec(EdgeFormat.SNAP, 0, 1000, true);
        assertThat(decode(keep, 1, "3 3 10").value().source()).isEqualTo("3");
    }

    @Test
    void snapLinesInSecondsBecomeMilliseconds() {
        EdgeCodecSpec snap = EdgeCodecSpec.of(EdgeFormat.SNAP);
        EdgeEvent e = decode(snap, 7, "582 364 1082040961").value();
        assertThat(e.source()).isEqualTo("582");
        assertThat(e.destination()).isEqualTo("364");
        assertThat(e.time()).isEqualTo(1_082_040_961_000L);
        assertThat(e.seq()).isEqualTo(7);
        assertThat(decode(snap, 1, "1,2,3").value().time()).isEqualTo(3000);
        assertThat(decode(snap, 1, "1\t2\t3").value().destination()).isEqualTo("2");
        assertThat(decode(snap, 1, "007 2 3").value().source()).isEqualTo("7");
        assertThat(decode(snap, 1, "# comment").value()).isNull();
        assertThat(decode(snap, 1, "").value()).isNull();
        assertThat(decode(new EdgeCodecSpec(EdgeFormat.SNAP, 0, 1, false), 1, "1 2 3").value().time()).isEqualTo(3);
    }

    @Test
    void snapBadLinesSayWhy() {
        EdgeCodecSpec snap = EdgeCodecSpec.of(EdgeFormat.SNAP);
        assertThat(decode(snap, 1, "1 2").failure()).startsWith("missing time");
        assertThat(decode(snap, 1, "1 1 5").failure()).startsWith("self-loop");
        assertThat(decode(snap, 1, "a 2 5").failure()).contains("source id 'a' is not an integer");
        assertThat(decode(snap, 1, "1 2.5 5").failure()).contains("destination id '2.5' is not an integer");
        assertThat(decode(snap, 1, "1 2 x").failure()).contains("time 'x' is not an integer");
        assertThat(decode(snap, 1, "1 2 3 4").failure()).contains("more than 3 fields");
        assertThat(decode(snap, 1, "1,,3").failure()).contains("destination id '' is not an integer");
        assertThat(decode(snap, 1, "1 2 99999999999999999").failure()).contains("out of range");
    }

    @Test
    void jodieUsersAndItemsAreDistinctNodesWithFeaturesAndLabels() {
        EdgeCodecSpec jodie = EdgeCodecSpec.of(EdgeFormat.JODIE).withFeatureWidth(3);
        assertThat(decode(jodie, 1, "user_id,item_id,timestamp,state_label,comma_separated_list_of_features")
                .value()).isNull();
        EdgeEvent e = decode(jodie, 2, "3,3,36.5,1,0.1,-0.2,0.3").value();
        assertThat(e.source()).isEqualTo("u3");
        assertThat(e.destination()).isEqualTo("i3");
        assertThat(e.time()).isEqualTo(36_500);
        assertThat(e.label()).isEqualTo(1);
        assertThat(e.features()).containsExactly(0.1f, -0.2f, 0.3f);
        assertThat(decode(jodie, 2, "3,4,1.0,0,1,2,nan").failure()).startsWith("edge feature 2 is NaN");
        assertThat(decode(jodie, 2, "3,4,1.0,0,1,2").failure()).startsWith("wrong feature width: 2");
        assertThat(decode(jodie, 2, "x,4,1.0,0,1,2,3").failure()).contains("user id 'x' is not an integer");
        assertThat(decode(jodie, 2, "3,4,,0,1,2,3").failure()).contains("missing time");
        assertThat(decode(jodie, 2, "3,4").failure()).contains("missing time");
        assertThat(decode(jodie, 2, "3,4,1.0,7,1,2,3").failure()).contains("state label '7'");
        assertThat(decode(jodie, 5, "user_id,item_id,timestamp,state_label").failure())
                .contains("user id 'user_id' is not an integer");
    }

    @Test
    void formatsAndSpecsAreCheckedUpFront() {
        assertThat(EdgeFormat.parse(" SNAP ")).isEqualTo(EdgeFormat.SNAP);
        assertThatThrownBy(() -> EdgeFormat.parse("csv")).hasMessageContaining("jsonl, jodie, snap");
        assertThatThrownBy(() -> new EdgeCodecSpec(EdgeFormat.SNAP, 5000, 1000, false))
                .hasMessageContaining("--edge-features");
        assertThatThrownBy(() -> new EdgeCodecSpec(EdgeFormat.SNAP, 0, 0, false)).hasMessageContaining("time unit");
    }
}
