package io.riffle.streaming.ctr;

import io.riffle.operators.common.CopyPerConsumer;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The two edges into a scorer, shaped so that a checkpoint never stops scoring.
 *
 * <p>A scorer reads impressions and the trainer's model versions. Flink checkpoints an operator unaligned only when
 * none of its inputs is a pointwise ({@code forward}) or {@code broadcast()} edge; otherwise it aligns all of them. An
 * aligned scorer that has the checkpoint's barrier on its impressions stops reading them until the barrier comes on the
 * model versions too, and that barrier leaves the trainer only after the label join and the trainer have taken their
 * snapshots (with RocksDB, each flushes its memtable first): every checkpoint stopped scoring for tens to hundreds of
 * milliseconds. So impressions come round-robin ({@code rebalance}), and each version is copied once per scorer and
 * sent round-robin, which gives every scorer exactly one copy, as a broadcast does. Versions in flight at a checkpoint
 * are then part of it. After a restore at another parallelism a scorer may get a version twice or a delta after a
 * gap; it skips both ({@code VersionSequence}) until the whole model the trainer publishes after every restore.
 *
 * <p>The price: with several scorers, impressions are spread over all of them rather than passed to the one beside
 * their featurizer (a network hop in a cluster).
 */
public final class ScorerEdges {
    private ScorerEdges() {}

    /** The impressions' edge: round-robin, which Flink can checkpoint unaligned. */
    public static <T> DataStream<T> impressions(DataStream<T> impressions) {
        return impressions.rebalance();
    }

    /**
     * The model versions' edge: one copy of each per scorer, round-robin.
     *
     * @param uid the copying step's uid (stateless, but every operator names one)
     */
    public static <T> DataStream<T> modelVersions(DataStream<T> versions, int scorers, String uid) {
        return versions.flatMap(new CopyPerConsumer<T>(scorers)).returns(versions.getType())
                .uid(uid).name("model versions to " + scorers + (scorers == 1 ? " scorer" : " scorers"))
                .setParallelism(versions.getParallelism())
                .rebalance();
    }
}
