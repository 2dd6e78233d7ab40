package io.riffle.models.onnx;

import java.io.Serializable;
import java.util.Locale;

/**
 * Where ONNX Runtime runs a model: {@code auto} (CUDA when this build of ONNX Runtime has it and a GPU answers, else
 * CPU), {@code cpu}, or {@code cuda} / {@code cuda:ID} (fail when CUDA cannot be used).
 *
 * @param kind     which execution provider is asked for
 * @param deviceId the CUDA device ordinal (0 unless {@code cuda:ID} names one)
 */
public record Device(Kind kind, int deviceId) implements Serializable {
    /** The execution provider asked for. */
    public enum Kind { AUTO, CPU, CUDA }

    public static final Device AUTO = new Device(Kind.AUTO, 0);
    public static final Device CPU = new Device(Kind.CPU, 0);

    public Device {
        if (kind == null) {
            throw new IllegalArgumentException("device kind must be given (auto, cpu or cuda[:id])");
        }
        if (deviceId < 0) {
            throw new IllegalArgumentException("--device cuda:ID needs an ID >= 0, got " + deviceId);
        }
    }

    /** Parses {@code auto}, {@code cpu}, {@code cuda} or {@code cuda:ID}. */
    public static Device parse(String text) {
        String v = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (v.equals("auto")) {
            return AUTO;
        }
        if (v.equals("cpu")) {
            return CPU;
        }
        if (v.equals("cuda") || v.equals("gpu")) {
            return new Device(Kind.CUDA, 0);
        }
        if (v.startsWith("cuda:")) {
            try {
                return new Device(Kind.CUDA, Integer.parseInt(v.substring(5)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--device cuda:ID needs a number for ID, got '" + text + "'");
            }
        }
        throw new IllegalArgumentException("unknown device '" + text + "'; use auto, cpu, cuda or cuda:ID");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case AUTO -> "auto";
            case CPU -> "cpu";
            case CUDA -> "cuda:" + deviceId;
        };
    }
}
