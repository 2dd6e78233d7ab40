package io.riffle.connectors.codec;

/**
 * Parses the plain decimals that fill text datasets ({@code 1}, {@code 0.25}, {@code -3.5}) without the general
 * parser, and returns exactly what {@link Double#parseDouble} returns.
 *
 * <p>Why by hand: in the CTR job the source thread (read, decode, hash) is the bottleneck, and there
 * {@code Double.parseDouble} was the largest single cost (JFR on the iPinYou libSVM replay: it trims, copies and
 * scans the string through {@code FloatingDecimal}). The fast path is Clinger's (1990, "How to read floating point
 * numbers accurately"): a decimal with at most 15 significant digits is an integer m &lt; 2^53 over 10^k with
 * k ≤ 15, both exact doubles, and one IEEE division of exact operands is correctly rounded, so m / 10^k is the
 * correctly rounded value Double.parseDouble gives. Anything else (exponents, more digits, "NaN", spaces) goes to
 * Double.parseDouble, errors included.
 */
public final class Decimals {
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
        1e14, 1e15};
    private static final int MAX_DIGITS = 15;

    private Decimals() {
    }

    /** {@code Double.parseDouble(s.substring(from, to))}, without the substring on the fast path. */
    public static double parse(String s, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > MAX_DIGITS) {
                    return Double.parseDouble(s.substring(from, to));
                }
                mantissa = mantissa * 10 + (c - '0');
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (c == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return Double.parseDouble(s.substring(from, to));
            }
        }
        if (digits == 0) {
            return Double.parseDouble(s.substring(from, to));
        }
        double value = fraction > 0 ? mantissa / POW10[fraction] : mantissa;
        return negative ? -value : value;
    }

    /** {@code Double.parseDouble(s)} for the whole string. */
    public static double parse(String s) {
        return parse(s, 0, s.length());
    }
}
