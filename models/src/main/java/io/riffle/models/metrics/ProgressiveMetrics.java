package io.riffle.models.metrics;

import io.riffle.models.ctr.LogisticLoss;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Progressive validation of a binary classifier (Blum, Kalai and Langford 1999; Vowpal Wabbit's "average loss"):
 * each example is scored by the model before the model learns from it, and the loss of those scores is averaged.
 *
 * <p>Kept over the whole stream and over a sliding window of the last {@code windowSize} examples: log loss, AUC
 * ({@link StreamingAuc}), and the log loss of a constant-rate baseline that predicts the click rate seen so far
 * ({@code (clicks + 0.5) / (examples + 1)}), scored the same progressive way. A model that does not beat the baseline
 * has learned nothing.
 */
public final class ProgressiveMetrics {
    private static final int FORMAT = 1;

    private final int windowSize;
    private long count;
    private long positives;
    private double lossSum;
    private double baselineLossSum;
    private final StreamingAuc auc = new StreamingAuc();

    private final StreamingAuc windowAuc = new StreamingAuc();
    private final int[] windowBins;
    private final byte[] windowLabels;
    private final double[] windowLosses;
    private int windowFill;
    private int windowNext;
    private double windowLossSum;

    public ProgressiveMetrics(int windowSize) {
        if (windowSize < 1) {
            throw new IllegalArgumentException("metrics window must hold at least 1 example, got " + windowSize);
        }
        this.windowSize = windowSize;
        this.windowBins = new int[windowSize];
        this.windowLabels = new byte[windowSize];
        this.windowLosses = new double[windowSize];
    }

    /** Records a prediction {@code p} made before learning from {@code label}. */
    public void add(double p, int label) {
        double baseline = (positives + 0.5) / (count + 1.0);
        double loss = LogisticLoss.loss(p, label);
        baselineLossSum += LogisticLoss.loss(baseline, label);
        lossSum += loss;
        count++;
        positives += label;
        int bin = StreamingAuc.bin(p);
        auc.addBin(bin, label, 1);

        if (windowFill == windowSize) {
            windowAuc.addBin(windowBins[windowNext], windowLabels[windowNext], -1);
            windowLossSum -= windowLosses[windowNext];
        } else {
            windowFill++;
        }
        windowBins[windowNext] = bin;
        windowLabels[windowNext] = (byte) label;
        windowLosses[windowNext] = loss;
        windowAuc.addBin(bin, label, 1);
        windowLossSum += loss;
        windowNext = (windowNext + 1) % windowSize;
    }

    public long count() {
        return count;
    }

    public long positives() {
        return positives;
    }

    public double logLoss() {
        return count == 0 ? Double.NaN : lossSum / count;
    }

    public double auc() {
        return auc.value();
    }

    public double baselineLogLoss() {
        return count == 0 ? Double.NaN : baselineLossSum / count;
    }

    /** Log loss of the best constant chosen in hindsight: the entropy of the click rate. */
    public double entropyLogLoss() {
        if (count == 0) {
            return Double.NaN;
        }
        double rate = (double) positives / count;
        return LogisticLoss.loss(rate, 1) * rate + LogisticLoss.loss(rate, 0) * (1 - rate);
    }

    public double windowLogLoss() {
        return windowFill == 0 ? Double.NaN : windowLossSum / windowFill;
    }

    public double windowAuc() {
        return windowAuc.value();
    }

    public int windowSize() {
        return windowSize;
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(FORMAT);
        out.writeInt(windowSize);
        out.writeLong(count);
        out.writeLong(positives);
        out.writeDouble(lossSum);
        out.writeDouble(baselineLossSum);
        auc.write(out);
        out.writeInt(windowFill);
        out.writeInt(windowNext);
        out.writeDouble(windowLossSum);
        for (int i = 0; i < windowFill; i++) {
            out.writeShort(windowBins[i]);
            out.writeByte(windowLabels[i]);
            out.writeDouble(windowLosses[i]);
        }
    }

    /** Reads what {@link #write} wrote; the window size must match. */
    public static ProgressiveMetrics read(DataInput in) throws IOException {
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("unknown progressive-metrics format " + format + " (this build reads " + FORMAT
                    + ")");
        }
        ProgressiveMetrics m = new ProgressiveMetrics(in.readInt());
        m.count = in.readLong();
        m.positives = in.readLong();
        m.lossSum = in.readDouble();
        m.baselineLossSum = in.readDouble();
        m.auc.read(in);
        m.windowFill = in.readInt();
        m.windowNext = in.readInt();
        m.windowLossSum = in.readDouble();
        for (int i = 0; i < m.windowFill; i++) {
            m.windowBins[i] = in.readUnsignedShort();
            m.windowLabels[i] = in.readByte();
            m.windowLosses[i] = in.readDouble();
            m.windowAuc.addBin(m.windowBins[i], m.windowLabels[i], 1);
        }
        return m;
    }
}
