/**
 * Online link prediction on temporal interaction graphs: a TGN-style node memory learned test-then-train
 * ({@link io.riffle.models.graph.TemporalGraphLearner}), with EdgeBank, recency/popularity and common-neighbour
 * baselines scored in the same pass ({@link io.riffle.models.graph.Baselines}).
 *
 * <h2>How an operator uses it</h2>
 * <pre>{@code
 * // open(): per-node state in keyed MapState<String, byte[]> (RocksDB), through a NodeStore adapter
 * NodeStore store = new NodeStore() {
 *     public boolean read(String id, NodeState target) {
 *         byte[] b = nodes.get(id);                      // MapState#get
 *         if (b == null) return false;
 *         NodeStateCodec.decode(b, target);
 *         return true;
 *     }
 *     public void write(String id, NodeState s) { nodes.put(id, NodeStateCodec.encode(s)); }
 * };
 * learner = restoring
 *     ? TemporalGraphLearner.restore(config, store, parameterBytes, samplingBytes)
 *     : new TemporalGraphLearner(config, store);
 * LinkScores scores = learner.newScores();
 *
 * // processElement(): one call, then emit scores.probability() and the heuristics
 * learner.learn(new Interaction(src, dst, eventTime), scores);      // or learnBatch(...) per micro-batch
 *
 * // snapshotState(): node states are already in MapState; checkpoint the shared part
 * parameterBytes = learner.parameters().toBytes();                   // θ + Adam moments, format-versioned
 * samplingBytes  = learner.samplingBytes();                          // random streams, seen-node reservoir
 * }</pre>
 *
 * <p>Everything here is pure Java: no Flink types, no wall clock, no Java serialization. Bad records (NaN features,
 * wrong widths) are refused with {@link java.lang.IllegalArgumentException} before any state changes, so the
 * operator can dead-letter them instead.
 */
package io.riffle.models.graph;
