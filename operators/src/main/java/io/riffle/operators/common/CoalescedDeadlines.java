package io.riffle.operators.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.internal.InternalListState;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.KeyContext;

/**
 * Event-time deadlines of many string keys (one per impression id, say), kept with one Flink timer per key group and
 * time bucket instead of one per key.
 *
 * <p>Why: Flink's timers are a heap per key group with a hash set beside it; at thousands of keys a second, each with
 * its own timer, registering and firing them was most of the label join's work, and with RocksDB state Flink writes
 * every heap timer synchronously at each checkpoint (millions for a five-minute window at 5,000 events/s). Here a
 * deadline {@code d} goes to the bucket ending at {@code ceil(d / granularity) * granularity}: the key is appended to
 * a list kept in keyed state under that bucket (namespace) and a key chosen to fall in the same key group, and that
 * key holds the bucket's one timer. Lists and timers move with their key group when a job is rescaled.
 *
 * <p>A bucket fires when the watermark reaches its end, so a deadline is met up to {@code granularity} late in event
 * time. The owning operator forwards {@link #outputWatermark} instead of the watermark it got: rounded down to a bucket
 * end, it never passes a deadline whose bucket has not fired, so downstream operators that wait for the watermark see
 * everything a deadline releases before the watermark that passes it, as they would with exact timers.
 *
 * <p>Deadlines cannot be deleted: the owner checks, when a bucket fires, what is actually due for each key it names
 * (a key may be named more than once, or for a deadline it no longer has).
 */
public final class CoalescedDeadlines {
    private final long granularity;
    private final KeyContext keys;
    private final InternalListState<String, Long, String> due;
    private final InternalTimerService<VoidNamespace> timers;
    private final int keyGroups;
    private final KeyGroupRange range;
    private final String[] groupKeys;
    /** The bucket each local key group last registered a timer for (skips a redundant registration per key). */
    private final long[] registered;

    /**
     * @param due    list state of keys per bucket, from {@link #descriptor}, created with a {@code Long} namespace
     * @param timers the operator's event-time timers for this index; their keys are {@link #isGroupKey group keys}
     */
    public CoalescedDeadlines(long granularity, KeyContext keys, InternalListState<String, Long, String> due,
                              InternalTimerService<VoidNamespace> timers, int keyGroups, KeyGroupRange range) {
        if (granularity <= 0) {
            throw new IllegalArgumentException("deadline granularity must be > 0 ms, got " + granularity);
        }
        this.granularity = granularity;
        this.keys = keys;
        this.due = due;
        this.timers = timers;
        this.keyGroups = keyGroups;
        this.range = range;
        this.groupKeys = groupKeys(keyGroups, range);
        this.registered = new long[range.getNumberOfKeyGroups()];
        Arrays.fill(registered, Long.MIN_VALUE);
    }

    /** The state that holds the keys of each bucket. */
    public static ListStateDescriptor<String> descriptor(String name) {
        return new ListStateDescriptor<>(name, Types.STRING);
    }

    /** Notes that {@code key}, the current key, has something due at {@code deadline}. Leaves the current key as is. */
    public void add(String key, long deadline) throws Exception {
        long bucket = bucketEnd(deadline);
        int group = KeyGroupRangeAssignment.assignToKeyGroup(key, keyGroups) - range.getStartKeyGroup();
        keys.setCurrentKey(groupKeys[group]);
        due.setCurrentNamespace(bucket);
        due.add(key);
        if (registered[group] != bucket) {
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, bucket);
            registered[group] = bucket;
        }
        keys.setCurrentKey(key);
    }

    /**
     * The keys a fired timer's bucket names, each once, in their order: the bucket is emptied. The current key must
     * be the timer's (as it is in {@code onEventTime}).
     */
    public List<String> take(InternalTimer<?, VoidNamespace> timer) throws Exception {
        long bucket = timer.getTimestamp();
        int group = KeyGroupRangeAssignment.assignToKeyGroup(timer.getKey(), keyGroups) - range.getStartKeyGroup();
        if (registered[group] == bucket) {
            registered[group] = Long.MIN_VALUE;
        }
        due.setCurrentNamespace(bucket);
        Iterable<String> named = due.get();
        List<String> out = new ArrayList<>();
        if (named != null) {
            Set<String> seen = new HashSet<>();
            for (String key : named) {
                if (seen.add(key)) {
                    out.add(key);
                }
            }
        }
        due.clear();
        return out;
    }

    /** The watermark to forward: the end of the last bucket that has fired ({@code Long.MAX_VALUE} passes as is). */
    public long outputWatermark(long watermark) {
        return watermark == Long.MAX_VALUE ? watermark : Math.floorDiv(watermark, granularity) * granularity;
    }

    long bucketEnd(long deadline) {
        long floor = Math.floorDiv(deadline, granularity) * granularity;
        if (floor == deadline) {
            return deadline;
        }
        return floor > Long.MAX_VALUE - granularity ? Long.MAX_VALUE : floor + granularity;
    }

    /**
     * For each key group in {@code range}, a key that Flink assigns to it: the one key of that group that holds its
     * buckets and timers. They start with a NUL character, which impression ids in JSON do not (in practice) carry.
     */
    static String[] groupKeys(int keyGroups, KeyGroupRange range) {
        String[] found = new String[range.getNumberOfKeyGroups()];
        int missing = found.length;
        for (long n = 0; missing > 0; n++) {
            String candidate = "\u0000deadlines-" + n;
            int group = KeyGroupRangeAssignment.assignToKeyGroup(candidate, keyGroups);
            if (range.contains(group) && found[group - range.getStartKeyGroup()] == null) {
                found[group - range.getStartKeyGroup()] = candidate;
                missing--;
            }
        }
        return found;
    }
}
