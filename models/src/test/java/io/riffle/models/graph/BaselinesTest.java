package io.riffle.models.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** EdgeBank, recency/popularity and common neighbours on a five-interaction stream, computed by hand. */
class BaselinesTest {
    private static final BaselineConfig CFG = new BaselineConfig(150, 100, 100);

    private static TemporalGraphLearner learnerWithHistory() {
        TgnConfig cfg = TgnConfig.defaults().withDimensions(4, 4, 4).withBaselines(CFG)
                .withEvaluation(EvaluationConfig.none());
        var learner = new TemporalGraphLearner(cfg, new InMemoryNodeStore());
        LinkScores out = learner.newScores();
        learner.learn(new Interaction("a", "b", 0), out);
        learner.learn(new Interaction("b", "a", 100), out);
        learner.learn(new Interaction("a", "c", 200), out);
        learner.learn(new Interaction("c", "b", 250), out);
        return learner;
    }

    @Test
    void scoresASeenPairByHand() {
        var learner = learnerWithHistory();
        LinkScores out = learner.newScores();
        learner.learn(new Interaction("a", "b", 300), out);
        int c = LinkScores.POSITIVE;
        // a → b happened at 0: EdgeBank hits; the 150 window (since 150) does not contain it
        assertThat(out.score(LinkScorer.EDGEBANK, c)).isEqualTo(1.0);
        assertThat(out.score(LinkScorer.EDGEBANK_WINDOW, c)).isEqualTo(0.0);
        // b's decayed degree: 1 at 0; 1·2^-1 + 1 = 1.5 at 100; 1.5·2^-1.5 + 1 at 250; times 2^-0.5 at 300
        double pop = (1.5 * Math.pow(2, -1.5) + 1) * Math.pow(2, -0.5);
        assertThat(out.score(LinkScorer.POPULARITY, c)).isCloseTo(pop, within(1e-6));
        // last a–b interaction either way: b → a at 100, so Δt = 200 and τ/(τ+Δt) = 1/3
        assertThat(out.score(LinkScorer.RECENCY, c)).isCloseTo(1 + 1.0 / 3 + pop / (1 + pop), within(1e-6));
        // N(a) = {b, c}, N(b) = {a, c}: one common neighbour, c
        assertThat(out.score(LinkScorer.COMMON_NEIGHBOURS, c)).isEqualTo(1.0);
    }

    @Test
    void scoresAnUnseenPairByHand() {
        var learner = learnerWithHistory();
        LinkScores out = learner.newScores();
        learner.learn(new Interaction("c", "a", 300), out);
        int c = LinkScores.POSITIVE;
        // c → a never happened (only a → c): both EdgeBanks miss, recency is popularity alone
        assertThat(out.score(LinkScorer.EDGEBANK, c)).isEqualTo(0.0);
        assertThat(out.score(LinkScorer.EDGEBANK_WINDOW, c)).isEqualTo(0.0);
        double popA = ((1 * Math.pow(2, -1) + 1) * Math.pow(2, -1) + 1) * Math.pow(2, -1); // active at 0, 100, 200
        // ...but a → c at 200 means the pair interacted (either direction) 100 ago
        assertThat(out.score(LinkScorer.RECENCY, c)).isCloseTo(1 + 0.5 + popA / (1 + popA), within(1e-6));
        // N(c) = {a, b}, N(a) = {b, c}: common neighbour b
        assertThat(out.score(LinkScorer.COMMON_NEIGHBOURS, c)).isEqualTo(1.0);
        learner.learn(new Interaction("d", "e", 400), out);
        assertThat(out.score(LinkScorer.RECENCY, c)).isEqualTo(0.0);
        assertThat(out.score(LinkScorer.COMMON_NEIGHBOURS, c)).isEqualTo(0.0);
        assertThat(out.score(LinkScorer.EDGEBANK, c)).isEqualTo(0.0);
    }

    @Test
    void windowedEdgeBankSeesRecentPairs() {
        var learner = learnerWithHistory();
        LinkScores out = learner.newScores();
        learner.learn(new Interaction("a", "c", 340), out); // a → c at 200 is within 150
        assertThat(out.score(LinkScorer.EDGEBANK_WINDOW, LinkScores.POSITIVE)).isEqualTo(1.0);
        learner.learn(new Interaction("c", "b", 401), out); // c → b at 250: 151 ago, just outside
        assertThat(out.score(LinkScorer.EDGEBANK_WINDOW, LinkScores.POSITIVE)).isEqualTo(0.0);
        assertThat(out.score(LinkScorer.EDGEBANK, LinkScores.POSITIVE)).isEqualTo(1.0);
    }

    @Test
    void decoderFeaturesByHand() {
        NodeState a = new NodeState(2, 0, false);
        NodeState b = new NodeState(2, 0, false);
        a.recordNeighbour("b", 0, true, 8);
        a.recordNeighbour("b", 100, false, 8);
        a.recordNeighbour("c", 200, true, 8);
        b.recordNeighbour("a", 0, false, 8);
        b.recordNeighbour("a", 100, true, 8);
        b.recordNeighbour("c", 250, false, 8);
        b.recordActivity(0, 100);
        b.recordActivity(100, 100);
        b.recordActivity(250, 100);
        IdIndex idx = new IdIndex();
        Baselines.indexNeighbours(a, idx);
        int cn = Baselines.commonNeighbours(idx, b);
        assertThat(cn).isEqualTo(1);
        float[] f = new float[Baselines.FEATURES + 1];
        Baselines.features(CFG, a, "b", b, 300, cn, idx, f, 1);
        double pop = (1.5 * Math.pow(2, -1.5) + 1) * Math.pow(2, -0.5);
        assertThat(f[0]).isZero();
        assertThat(f[1]).isEqualTo(1f); // a → b seen
        assertThat(f[2]).isEqualTo(1f); // b → a seen
        assertThat((double) f[3]).isCloseTo(1.0 / 3, within(1e-6));
        assertThat((double) f[4]).isCloseTo(Math.log(2) / 4, within(1e-6));
        assertThat((double) f[5]).isCloseTo(Math.log(2) / 4, within(1e-6));
        assertThat((double) f[6]).isCloseTo(pop / (1 + pop), within(1e-6));
        assertThat((double) f[7]).isCloseTo(Math.log(2) / 4, within(1e-6));
        assertThat((double) f[8]).isCloseTo(100.0 / 150, within(1e-6));
        // several recency scales: τ/24 and 30τ for the pair (last contact at 100), τ/24 for b's last activity (250)
        assertThat((double) f[9]).isCloseTo((100.0 / 24) / (100.0 / 24 + 200), within(1e-6));
        assertThat((double) f[10]).isCloseTo(3000.0 / 3200, within(1e-6));
        // a spoke with c (at 200) more recently than with b: b is a's second most recent contact
        assertThat((double) f[11]).isCloseTo(0.5, within(1e-6));
        assertThat((double) f[12]).isCloseTo((100.0 / 24) / (100.0 / 24 + 50), within(1e-6));
        // common neighbour c: rec(a, c) = 100/(100 + 100), rec(b, c) = 100/(100 + 50)
        assertThat((double) f[13]).isCloseTo(0.5 * (2.0 / 3), within(1e-6));
        assertThat(Baselines.recencyRank(a, a.findNeighbour("c"))).isZero();
    }
}
