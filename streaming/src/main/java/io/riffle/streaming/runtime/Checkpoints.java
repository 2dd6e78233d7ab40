package io.riffle.streaming.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
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

    /**
     * Deletes every retained checkpoint under {@code checkpointDir} (after a job finished, nothing is to resume).
     * Flink may still be discarding subsumed checkpoints in the background when the job has returned, so files that
     * vanish during the walk are skipped and the walk is repeated until the directory is gone.
     */
    public static void clear(Path checkpointDir) {
        IOException last = null;
        for (int attempt = 0; attempt < 20 && Files.exists(checkpointDir); attempt++) {
            try {
                Files.walkFileTree(checkpointDir, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        Files.deleteIfExists(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (e instanceof NoSuchFileException) {
                            return FileVisitResult.CONTINUE;
                        }
                        throw e;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                        Files.deleteIfExists(dir);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (NoSuchFileException | DirectoryNotEmptyException e) {
                last = e;
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (Files.exists(checkpointDir)) {
            throw new UncheckedIOException("could not remove " + checkpointDir,
                    last != null ? last : new IOException("still there after 20 attempts"));
        }
    }
}
