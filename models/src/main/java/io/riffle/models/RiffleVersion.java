package io.riffle.models;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The code version stamped into model files and published model versions (provenance). */
public final class RiffleVersion {
    private static final String VERSION = load();

    private RiffleVersion() {}

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = RiffleVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
