package io.riffle.connectors.file;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * Reads a byte stream as lines, never failing on the content: a line longer than the limit, bytes that are not UTF-8,
 * and a compressed stream that ends early each come back as a {@link Line} with an error, and reading goes on where
 * it can. Written by hand because {@code BufferedReader} would hold a huge line in memory whole and stop at the first
 * malformed byte or truncated gzip block, and every record here must be accounted for.
 *
 * <p>Lines end at {@code \n}; a trailing {@code \r} is dropped. A last line without a newline is still a line.
 */
public final class BoundedLineReader {
    /** A line's text, or why it has none; {@code number} is 1-based. */
    public record Line(long number, String text, String error) {}

    private final InputStream in;
    private final int maxBytes;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;
    private byte[] line = new byte[256];
    private long lineNumber;
    private boolean finished;

    public BoundedLineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The number of the last line returned. */
    public long lineNumber() {
        return lineNumber;
    }

    /** The next line, or null at the end of the stream. */
    public Line next() {
        if (finished) {
            return null;
        }
        int length = 0;
        boolean tooLong = false;
        long total = 0;
        while (true) {
            if (pos == limit) {
                String failure = fill();
                if (failure != null) {
                    finished = true;
                    if (length == 0 && !tooLong) {
                        lineNumber++;
                        return new Line(lineNumber, null, failure);
                    }
                    lineNumber++;
                    return new Line(lineNumber, null, failure + " (in a line of " + (total) + " bytes)");
                }
                if (limit == -1) {
                    finished = true;
                    if (length == 0 && !tooLong && total == 0) {
                        return null;
                    }
                    return finish(length, tooLong, total);
                }
            }
            byte b = buffer[pos++];
            if (b == '\n') {
                return finish(length, tooLong, total);
            }
            total++;
            if (tooLong) {
                continue;
            }
            if (length == maxBytes) {
                tooLong = true;
                continue;
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(maxBytes, line.length * 2));
            }
            line[length++] = b;
        }
    }

    private Line finish(int length, boolean tooLong, long total) {
        lineNumber++;
        if (tooLong) {
            return new Line(lineNumber, null, "record is " + total + " bytes, longer than the limit of " + maxBytes
                    + " bytes (--max-record-bytes)");
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (isAscii(line, length)) {
            return new Line(lineNumber, new String(line, 0, length, StandardCharsets.ISO_8859_1), null);
        }
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(line, 0, length));
            return new Line(lineNumber, chars.toString(), null);
        } catch (CharacterCodingException e) {
            return new Line(lineNumber, null, "not valid UTF-8 text (binary data?)");
        }
    }

    private static boolean isAscii(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Refills the buffer; sets {@code limit} to -1 at the end; returns an error text if the stream broke. */
    private String fill() {
        try {
            int n = in.read(buffer, 0, buffer.length);
            while (n == 0) {
                n = in.read(buffer, 0, buffer.length);
            }
            pos = 0;
            limit = n;
            return null;
        } catch (EOFException e) {
            return "input ended early (truncated compressed file?): " + e.getMessage();
        } catch (ZipException e) {
            return "compressed input is corrupt: " + e.getMessage();
        } catch (IOException e) {
            return "input could not be read: " + e.getMessage();
        }
    }
}
