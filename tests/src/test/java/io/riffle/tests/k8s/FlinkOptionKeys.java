package io.riffle.tests.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;

/**
 * The configuration keys Flink (the version on the class path, the one the image runs) declares: every
 * {@code ConfigOption} constant of the {@code *Options} classes in the jars of Flink's core, runtime, streaming,
 * clients and RocksDB modules, with their deprecated fallback keys.
 */
final class FlinkOptionKeys {
    /** A key's standing: {@code replacement} is null for a current key; {@code option} reads its value. */
    record Key(String key, String declaredIn, String replacement, ConfigOption<?> option) {}

    private static final List<Class<?>> ANCHORS = List.of(
            org.apache.flink.configuration.CheckpointingOptions.class,
            org.apache.flink.runtime.jobgraph.JobGraph.class,
            org.apache.flink.streaming.api.environment.StreamExecutionEnvironment.class,
            org.apache.flink.client.program.PackagedProgram.class,
            org.apache.flink.state.rocksdb.RocksDBOptions.class);

    private final Map<String, Key> keys;

    private FlinkOptionKeys(Map<String, Key> keys) {
        this.keys = keys;
    }

    static FlinkOptionKeys scan() {
        Map<String, Key> keys = new TreeMap<>();
        for (Class<?> anchor : ANCHORS) {
            Path jar;
            try {
                jar = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
            try (JarFile file = new JarFile(jar.toFile())) {
                for (JarEntry entry : Collections.list(file.entries())) {
                    String name = entry.getName();
                    if (name.endsWith("Options.class") && !name.contains("$")) {
                        collect(name.substring(0, name.length() - 6).replace('/', '.'), keys);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new FlinkOptionKeys(keys);
    }

    private static void collect(String className, Map<String, Key> keys) {
        Class<?> c;
        try {
            c = Class.forName(className, false, FlinkOptionKeys.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return; // an optional dependency of that class is missing: not one the manifests use
        }
        for (Field f : c.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || !ConfigOption.class.isAssignableFrom(f.getType())) {
                continue;
            }
            try {
                f.setAccessible(true);
                ConfigOption<?> option = (ConfigOption<?>) f.get(null);
                keys.put(option.key(), new Key(option.key(), c.getSimpleName(), null, option));
                for (FallbackKey fallback : option.fallbackKeys()) {
                    keys.putIfAbsent(fallback.getKey(), new Key(fallback.getKey(), c.getSimpleName(), option.key(),
                            option));
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not readable: skip
            }
        }
    }

    Optional<Key> find(String key) {
        return Optional.ofNullable(keys.get(key));
    }

    int size() {
        return keys.size();
    }
}
