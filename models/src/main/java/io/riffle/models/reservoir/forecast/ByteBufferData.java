package io.riffle.models.reservoir.forecast;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * {@link DataOutput} and {@link DataInput} over a heap {@link ByteBuffer} (big-endian, so the bytes are exactly those
 * of {@link DataOutputStream}): {@link SeriesForecaster#toBytes} and {@link SeriesForecaster#fromBytes} write and
 * read per-key state through these, avoiding the per-byte synchronised calls of the stream classes (a 43 KB RLS state
 * is ~5 400 doubles). Not thread-safe.
 */
final class ByteBufferData {
    private ByteBufferData() {}

    static final class Out implements DataOutput {
        private final ByteBuffer buf;

        Out(byte[] target) {
            this.buf = ByteBuffer.wrap(target);
        }

        int position() {
            return buf.position();
        }

        @Override
        public void write(int b) {
            buf.put((byte) b);
        }

        @Override
        public void write(byte[] b) {
            buf.put(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            buf.put(b, off, len);
        }

        @Override
        public void writeBoolean(boolean v) {
            buf.put((byte) (v ? 1 : 0));
        }

        @Override
        public void writeByte(int v) {
            buf.put((byte) v);
        }

        @Override
        public void writeShort(int v) {
            buf.putShort((short) v);
        }

        @Override
        public void writeChar(int v) {
            buf.putChar((char) v);
        }

        @Override
        public void writeInt(int v) {
            buf.putInt(v);
        }

        @Override
        public void writeLong(long v) {
            buf.putLong(v);
        }

        @Override
        public void writeFloat(float v) {
            buf.putFloat(v);
        }

        @Override
        public void writeDouble(double v) {
            buf.putDouble(v);
        }

        @Override
        public void writeBytes(String s) {
            for (int i = 0; i < s.length(); i++) {
                buf.put((byte) s.charAt(i));
            }
        }

        @Override
        public void writeChars(String s) {
            for (int i = 0; i < s.length(); i++) {
                buf.putChar(s.charAt(i));
            }
        }

        @Override
        public void writeUTF(String s) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            new DataOutputStream(bytes).writeUTF(s);
            buf.put(bytes.toByteArray());
        }
    }

    static final class In implements DataInput {
        private final ByteBuffer buf;

        In(byte[] source) {
            this.buf = ByteBuffer.wrap(source);
        }

        int remaining() {
            return buf.remaining();
        }

        private void need(int n) throws EOFException {
            if (buf.remaining() < n) {
                throw new EOFException("state bytes end after " + buf.position() + " bytes, " + n + " more needed");
            }
        }

        @Override
        public void readFully(byte[] b) throws IOException {
            readFully(b, 0, b.length);
        }

        @Override
        public void readFully(byte[] b, int off, int len) throws IOException {
            need(len);
            buf.get(b, off, len);
        }

        @Override
        public int skipBytes(int n) {
            int k = Math.min(n, buf.remaining());
            buf.position(buf.position() + k);
            return k;
        }

        @Override
        public boolean readBoolean() throws IOException {
            return readByte() != 0;
        }

        @Override
        public byte readByte() throws IOException {
            need(1);
            return buf.get();
        }

        @Override
        public int readUnsignedByte() throws IOException {
            return readByte() & 0xff;
        }

        @Override
        public short readShort() throws IOException {
            need(2);
            return buf.getShort();
        }

        @Override
        public int readUnsignedShort() throws IOException {
            return readShort() & 0xffff;
        }

        @Override
        public char readChar() throws IOException {
            need(2);
            return buf.getChar();
        }

        @Override
        public int readInt() throws IOException {
            need(4);
            return buf.getInt();
        }

        @Override
        public long readLong() throws IOException {
            need(8);
            return buf.getLong();
        }

        @Override
        public float readFloat() throws IOException {
            need(4);
            return buf.getFloat();
        }

        @Override
        public double readDouble() throws IOException {
            try {
                return buf.getDouble();
            } catch (BufferUnderflowException e) {
                throw new EOFException("state bytes end after " + buf.position() + " bytes, 8 more needed");
            }
        }

        @Override
        public String readLine() {
            throw new UnsupportedOperationException("readLine is not part of the state format");
        }

        @Override
        public String readUTF() throws IOException {
            return DataInputStream.readUTF(this);
        }
    }
}
