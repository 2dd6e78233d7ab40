package io.riffle.streaming.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds and clears the checkpoints Flink retains under a state directory. */
public final class Checkpoints {
    private Checkpoints() {}

    /**
     * The newest complete checkpoint ({@code <dir>/<job id>/chk-<n>/_metadata}) under {@code checkpointDir}: the one
     * a re-run of a crashed job resumes from.
     */
    public static Optional<Path> latest(Path checkpointDir) {
        if (!Files.isDirectory(checkpointDir)) {
            return Optional.empty();
        }
        try (Stream<Path> jobs = Files.list(checkpointDir)) {
            return jobs.filter(Files::isDirectory)
                    .flatMap(Checkpoints::completeCheckpoints)
                    .max(Comparator.comparing(Checkpoints::modified).thenComparing(Checkpoints::number));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> completeCheckpoints(Path jobDir) {
        try (Stream<Path> entries = Files.list(jobDir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .filter(p -> Files.exists(p.resolve("_metadata")))
                    .toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long modified(Path checkpoint) {
        try {
            return Files.getLastModifiedTime(checkpoint.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static long number(Path checkpoint) {
        try {
            return Long.parseLong(checkpoint.getFileName().toString().substring(4));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Deletes every retained checkpoint under {@code checkpointDir} (after a job finished, nothing is to resume). */
    public static void clear(Path checkpointDir) {
        // Flink may still be deleting subsumed checkpoints when a job has just finished: a file that vanishes while
        // the tree is walked is not an error, the walk is simply done again.
        for (int attempt = 1; ; attempt++) {
            try {
                deleteTree(checkpointDir);
                return;
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof java.nio.file.NoSuchFileException) || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static void deleteTree(Path checkpointDir) {
        if (!Files.exists(checkpointDir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(checkpointDir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
