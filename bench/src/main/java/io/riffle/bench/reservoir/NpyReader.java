package io.riffle.bench.reservoir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal reader of NumPy {@code .npy} files (format versions 1.0 to 3.0): C-order arrays of little- or big-endian
 * int64, int32, float64 or float32, returned flattened as doubles. Enough for the data sets here (Santa Fe laser:
 * {@code <i8}, shape (10093, 1)); anything else is refused with a message.
 */
public final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** The array's shape and values (row-major). */
    public record Array(long[] shape, double[] values) {}

    private NpyReader() {}

    public static Array read(Path path) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(path));
        for (byte b : MAGIC) {
            if (buf.get() != b) {
                throw new IOException(path + " is not a .npy file (bad magic)");
            }
        }
        int major = buf.get() & 0xff;
        buf.get(); // minor
        buf.order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = major == 1 ? buf.getShort() & 0xffff : buf.getInt();
        byte[] headerBytes = new byte[headerLength];
        buf.get(headerBytes);
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new IOException(path + ": unreadable .npy header " + header.trim());
        }
        if (f.group(1).equals("True")) {
            throw new IOException(path + ": Fortran-order arrays are not supported");
        }
        String[] dims = s.group(1).split(",");
        long count = 1;
        int rank = 0;
        long[] shape = new long[dims.length];
        for (String dim : dims) {
            if (!dim.isBlank()) {
                shape[rank] = Long.parseLong(dim.trim());
                count *= shape[rank++];
            }
        }
        long[] trimmed = java.util.Arrays.copyOf(shape, rank);
        buf.order(d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        String kind = d.group(2) + d.group(3);
        double[] values = new double[Math.toIntExact(count)];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (kind) {
                case "i8" -> buf.getLong();
                case "i4" -> buf.getInt();
                case "f8" -> buf.getDouble();
                case "f4" -> buf.getFloat();
                default -> throw new IOException(path + ": dtype " + d.group(0) + " is not supported");
            };
        }
        return new Array(trimmed, values);
    }
}
