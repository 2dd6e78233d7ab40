package io.riffle.models.metrics;

/**
 * Normalised root-mean-square error of a forecast, batch form:
 *
 * <pre>
 *   NRMSE = RMSE / σ_y = sqrt( mean (ŷ_t − y_t)² ) / sqrt( mean (y_t − ȳ)² )
 * </pre>
 *
 * normalised by the population standard deviation of the <i>targets</i> y over the same points (not by their range,
 * not by the variance). 1 is the error of predicting the targets' mean; 0 is perfect. {@link NrmseAccumulator} is the
 * streaming, mergeable form and agrees with this one to rounding. NaN anywhere gives NaN.
 */
public final class Nrmse {
    private Nrmse() {}

    /** NRMSE of {@code predicted} against {@code actual} over {@code [from, to)}. */
    public static double of(double[] predicted, double[] actual, int from, int to) {
        if (predicted.length < to || actual.length < to || from < 0 || from >= to) {
            throw new IllegalArgumentException("nrmse range [" + from + ", " + to + ") does not fit arrays of "
                    + predicted.length + " and " + actual.length);
        }
        return rmse(predicted, actual, from, to) / std(actual, from, to);
    }

    public static double of(double[] predicted, double[] actual) {
        return of(predicted, actual, 0, actual.length);
    }

    public static double rmse(double[] predicted, double[] actual, int from, int to) {
        double sse = 0.0;
        for (int t = from; t < to; t++) {
            double e = predicted[t] - actual[t];
            sse += e * e;
        }
        return Math.sqrt(sse / (to - from));
    }

    /** Population standard deviation over {@code [from, to)} (two-pass). */
    public static double std(double[] x, int from, int to) {
        double mean = 0.0;
        for (int t = from; t < to; t++) {
            mean += x[t];
        }
        mean /= (to - from);
        double ss = 0.0;
        for (int t = from; t < to; t++) {
            double d = x[t] - mean;
            ss += d * d;
        }
        return Math.sqrt(ss / (to - from));
    }
}
