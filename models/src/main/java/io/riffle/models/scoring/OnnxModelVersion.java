package io.riffle.models.scoring;

/**
 * A whole ONNX model as a new version, from a watched file or a model topic.
 *
 * @param model   the model's name
 * @param version its version; scorers apply only versions newer than theirs
 * @param asOf    event time the model is as of ({@code Long.MIN_VALUE}: applies at once)
 * @param source  where it came from (file path or topic), for logs
 * @param onnx    the model's bytes
 */
public record OnnxModelVersion(String model, long version, long asOf, String source, byte[] onnx) {}
