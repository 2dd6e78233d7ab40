package io.riffle.models.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens ONNX Runtime sessions on the device asked for, with the settings Riffle scores with.
 *
 * <ul>
 *   <li><b>Memory-pattern optimisation off.</b> With it on, ONNX Runtime plans buffers per input shape and caches the
 *       plan; with a batch size that changes from call to call (micro-batches flushed on a timer) the cache grows,
 *       and it grows faster when threads share a session. One session per operator slot, and no memory pattern.
 *   <li><b>Threads.</b> {@code intraOpThreads} per session (default 1): a task manager runs several slots, each with
 *       its own session, and ONNX Runtime's default (one thread per core per session) would oversubscribe the cores.
 *   <li><b>Device.</b> {@code cuda} must work or the open fails; {@code auto} tries CUDA and falls back to CPU,
 *       logging one line that says why (once per JVM; later fallbacks log at debug level).
 * </ul>
 */
public final class OnnxSessions {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxSessions.class);
    private static final AtomicBoolean FALLBACK_LOGGED = new AtomicBoolean();

    private OnnxSessions() {}

    /**
     * An open session and where it runs.
     *
     * @param session        the session; the caller closes it
     * @param provider       {@code CUDA:0} or {@code CPU}
     * @param fallbackReason why {@code auto} did not use CUDA, or null
     */
    public record Opened(OrtSession session, String provider, String fallbackReason) {}

    /** The shared ONNX Runtime environment (one per JVM, as ONNX Runtime requires). */
    public static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment();
    }

    /** True when this ONNX Runtime build has the CUDA execution provider (the {@code onnxruntime_gpu} artifact). */
    public static boolean cudaBuild() {
        return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    }

    /**
     * Opens {@code model} on {@code device}.
     *
     * @throws IllegalArgumentException when the bytes are not a model ONNX Runtime can load, or {@code cuda} was
     *                                  asked for and cannot be used (the message says why)
     */
    public static Opened open(byte[] model, Device device, int intraOpThreads) {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("ONNX threads per session must be >= 1, got " + intraOpThreads);
        }
        OrtEnvironment env = environment();
        if (device.kind() != Device.Kind.CPU) {
            String why;
            if (!cudaBuild()) {
                why = "this ONNX Runtime build has no CUDA execution provider (the CPU artifact; build with"
                        + " mvn -Pgpu for onnxruntime_gpu)";
            } else {
                try (OrtSession.SessionOptions options = options(intraOpThreads)) {
                    options.addCUDA(device.deviceId());
                    OrtSession session = env.createSession(model, options);
                    return new Opened(session, "CUDA:" + device.deviceId(), null);
                } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
                    why = "CUDA execution provider failed on device " + device.deviceId() + ": " + firstLine(e);
                    if (why.contains("shared library")) {
                        why += " (ONNX Runtime 1.24 needs the CUDA 12 and cuDNN 9 libraries on the library path)";
                    }
                }
            }
            if (device.kind() == Device.Kind.CUDA) {
                throw new IllegalArgumentException("--device " + device + " cannot be used: " + why
                        + "; use --device auto or cpu to score on the CPU");
            }
            if (FALLBACK_LOGGED.compareAndSet(false, true)) {
                LOG.info("ONNX Runtime: --device auto scores on the CPU because {}", why);
            } else {
                LOG.debug("ONNX Runtime: --device auto scores on the CPU because {}", why);
            }
            return new Opened(openCpu(env, model, intraOpThreads), "CPU", why);
        }
        return new Opened(openCpu(env, model, intraOpThreads), "CPU", null);
    }

    private static OrtSession openCpu(OrtEnvironment env, byte[] model, int threads) {
        try (OrtSession.SessionOptions options = options(threads)) {
            return env.createSession(model, options);
        } catch (OrtException e) {
            throw new IllegalArgumentException("ONNX Runtime cannot load the model: " + firstLine(e), e);
        }
    }

    private static OrtSession.SessionOptions options(int threads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setMemoryPatternOptimization(false);
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return options;
    }

    static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
