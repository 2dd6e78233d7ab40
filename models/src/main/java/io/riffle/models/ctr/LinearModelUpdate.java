package io.riffle.models.ctr;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A model version published by a trainer to its scorers: either the full weight vector (on start and after a
 * restore) or a sparse delta of the weights changed since the previous version.
 *
 * @param model        the model's name
 * @param version      monotonically increasing version number
 * @param asOf         event time up to which the trainer had learned (its watermark) when it published; an
 *                     event-time scorer uses the version with the largest {@code asOf} below the impression's time
 *                     minus the publication lag
 * @param full         true when {@code indices} list every non-zero weight and all others are zero
 * @param bits         the table size, {@code 2^bits}; scorers check it
 * @param indices      coordinates, ascending
 * @param weights      their weights
 * @param examplesSeen examples learned from so far (provenance)
 * @param lastSeq      the last learned example's input position (provenance, {@code SourcePosition})
 */
public record LinearModelUpdate(
        String model,
        long version,
        long asOf,
        boolean full,
        int bits,
        int[] indices,
        float[] weights,
        long examplesSeen,
        long lastSeq) {

    private static final int FORMAT = 1;

    /** Writes this update (format 1) for operator state. */
    public void write(DataOutput out) throws IOException {
        out.writeInt(FORMAT);
        out.writeUTF(model);
        out.writeLong(version);
        out.writeLong(asOf);
        out.writeBoolean(full);
        out.writeInt(bits);
        out.writeInt(indices.length);
        for (int k = 0; k < indices.length; k++) {
            out.writeInt(indices[k]);
            out.writeFloat(weights[k]);
        }
        out.writeLong(examplesSeen);
        out.writeLong(lastSeq);
    }

    public static LinearModelUpdate read(DataInput in) throws IOException {
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("unknown model-update format " + format + " (this build reads " + FORMAT + ")");
        }
        String model = in.readUTF();
        long version = in.readLong();
        long asOf = in.readLong();
        boolean full = in.readBoolean();
        int bits = in.readInt();
        int n = in.readInt();
        int[] indices = new int[n];
        float[] weights = new float[n];
        for (int k = 0; k < n; k++) {
            indices[k] = in.readInt();
            weights[k] = in.readFloat();
        }
        return new LinearModelUpdate(model, version, asOf, full, bits, indices, weights, in.readLong(),
                in.readLong());
    }
}
