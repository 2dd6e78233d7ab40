package io.riffle.models.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded generator of a messaging-like interaction stream, for the demo and tests where no real temporal graph
 * may be redistributed. It is built to have the structure real message networks (CollegeMsg, email) show and that
 * link predictors exploit: repeated contacts (EdgeBank), recency (recent partners are written to again soon),
 * reciprocity and conversations (a reply follows a message within minutes), heavy-tailed activity, communities
 * and friends of friends (common neighbours), popular destinations, and a daily rhythm.
 *
 * <p>Each step is one of: a <em>reply</em> in the ongoing conversation (the last receiver writes back after a short
 * delay); a message from a user drawn by activity (Pareto weights) to one of its recent contacts, the more recent the
 * likelier (geometric over its contact list); or to a new contact — someone from its community, a contact of a
 * contact, or a popular user (drawn in proportion to the messages received). Times are in seconds and start at
 * {@code startSeconds}; gaps are exponential, slower at night. Never a self-loop.
 */
public final class InteractionSimulator {
    /** One generated interaction; {@code time} in epoch seconds. */
    public record Message(int source, int destination, long time) {}

    private static final int CONTACTS = 24;
    private static final double DAY = 86_400;

    private final SplittableRandom random;
    private final int users;
    private final int[] community;
    private final int[][] members;
    private final double[] activityCdf;
    private final int[][] contacts;
    private final int[] contactCount;
    private final List<Integer> received = new ArrayList<>();
    private final double meanGapSeconds;
    private double time;
    private int lastSource = -1;
    private int lastDestination = -1;

    /**
     * @param users          number of users, at least 10
     * @param seed           everything follows from it
     * @param startSeconds   time of the first message, epoch seconds
     * @param meanGapSeconds mean time between messages in daytime
     */
    public InteractionSimulator(int users, long seed, long startSeconds, double meanGapSeconds) {
        if (users < 10) {
            throw new IllegalArgumentException("simulator users must be at least 10, got " + users);
        }
        if (!(meanGapSeconds > 0)) {
            throw new IllegalArgumentException("simulator mean gap must be > 0 seconds, got " + meanGapSeconds);
        }
        this.random = new SplittableRandom(seed);
        this.users = users;
        this.meanGapSeconds = meanGapSeconds;
        this.time = startSeconds;
        int communities = Math.max(2, users / 30);
        this.community = new int[users];
        int[] sizes = new int[communities];
        for (int u = 0; u < users; u++) {
            community[u] = random.nextInt(communities);
            sizes[community[u]]++;
        }
        this.members = new int[communities][];
        for (int c = 0; c < communities; c++) {
            members[c] = new int[sizes[c]];
        }
        int[] fill = new int[communities];
        for (int u = 0; u < users; u++) {
            members[community[u]][fill[community[u]]++] = u;
        }
        this.activityCdf = new double[users];
        double total = 0;
        for (int u = 0; u < users; u++) {
            total += Math.min(50, Math.pow(1 - random.nextDouble(), -1 / 1.3));
            activityCdf[u] = total;
        }
        for (int u = 0; u < users; u++) {
            activityCdf[u] /= total;
        }
        this.contacts = new int[users][CONTACTS];
        this.contactCount = new int[users];
    }

    /** The next {@code n} messages, in time order. */
    public List<Message> next(int n) {
        List<Message> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(next());
        }
        return out;
    }

    /** The next message. */
    public Message next() {
        int src;
        int dst;
        double gap;
        if (lastSource >= 0 && random.nextDouble() < 0.3) {
            src = lastDestination;
            dst = lastSource;
            gap = exponential(90);
        } else {
            src = byActivity();
            dst = choose(src);
            gap = exponential(meanGapSeconds) * rhythm(time);
        }
        time += Math.max(1, gap);
        touch(src, dst);
        touch(dst, src);
        received.add(dst);
        lastSource = src;
        lastDestination = dst;
        return new Message(src, dst, (long) time);
    }

    private int choose(int src) {
        double u = random.nextDouble();
        if (contactCount[src] > 0 && u < 0.6) {
            int i = 0;
            while (i < contactCount[src] - 1 && random.nextDouble() > 0.4) {
                i++;
            }
            return contacts[src][i];
        }
        for (int attempt = 0; attempt < 16; attempt++) {
            int dst;
            double v = random.nextDouble();
            if (v < 0.5) {
                int[] group = members[community[src]];
                dst = group[random.nextInt(group.length)];
            } else if (v < 0.75 && contactCount[src] > 0) {
                int friend = contacts[src][random.nextInt(contactCount[src])];
                dst = contactCount[friend] > 0 ? contacts[friend][random.nextInt(contactCount[friend])] : friend;
            } else if (v < 0.9 && !received.isEmpty()) {
                dst = received.get(random.nextInt(received.size()));
            } else {
                dst = random.nextInt(users);
            }
            if (dst != src) {
                return dst;
            }
        }
        return (src + 1 + random.nextInt(users - 1)) % users;
    }

    /** Moves {@code other} to the front of {@code user}'s contact list (most recent first). */
    private void touch(int user, int other) {
        int[] list = contacts[user];
        int n = contactCount[user];
        int at = -1;
        for (int i = 0; i < n; i++) {
            if (list[i] == other) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            at = Math.min(n, CONTACTS - 1);
            if (n < CONTACTS) {
                contactCount[user]++;
            }
        }
        System.arraycopy(list, 0, list, 1, at);
        list[0] = other;
    }

    private int byActivity() {
        int i = Arrays.binarySearch(activityCdf, random.nextDouble());
        return Math.min(users - 1, i >= 0 ? i : -i - 1);
    }

    private double exponential(double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    /** Slower at night: gaps stretch up to 4× around 4 a.m. (UTC), shrink in the afternoon. */
    private static double rhythm(double seconds) {
        double phase = (seconds % DAY) / DAY * 2 * Math.PI;
        return 1 / (0.625 + 0.375 * Math.cos(phase - 2 * Math.PI * 16 / 24));
    }
}
