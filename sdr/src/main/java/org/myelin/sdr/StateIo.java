package org.myelin.sdr;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Helpers for the binary save/restore format shared by the algorithms of this module: big-endian
 * primitives ({@link DataOutput}), arrays prefixed with their length (-1 for null), and a magic tag
 * plus version at the start of each object so a wrong or truncated file fails loudly.
 */
public final class StateIo {
    private StateIo() {
    }

    /** Something that can write its full state. */
    public interface Saveable {
        /** Writes the full state. */
        void save(DataOutput out) throws IOException;
    }

    /** Reads a state written by {@link Saveable#save}. */
    @FunctionalInterface
    public interface Loader<T> {
        /** Reads one object. */
        T load(DataInput in) throws IOException;
    }

    /** The state of {@code s} as bytes. */
    public static byte[] toBytes(Saveable s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            s.save(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** An object read back from {@link #toBytes}. */
    public static <T> T fromBytes(byte[] bytes, Loader<T> loader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return loader.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a tag and a version. */
    public static void header(DataOutput out, String tag, int version) throws IOException {
        out.writeUTF(tag);
        out.writeInt(version);
    }

    /** Checks a tag and version written by {@link #header(DataOutput, String, int)}. */
    public static void expect(DataInput in, String tag, int version) throws IOException {
        String t = in.readUTF();
        int v = in.readInt();
        if (!t.equals(tag) || v != version) {
            throw new IOException("expected state of " + tag + " version " + version + ", found " + t
                    + " version " + v);
        }
    }

    public static void writeInts(DataOutput out, int[] a) throws IOException {
        writeInts(out, a, a == null ? 0 : a.length);
    }

    /** Writes the first {@code n} values (or -1 for null). */
    public static void writeInts(DataOutput out, int[] a, int n) throws IOException {
        if (a == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            out.writeInt(a[i]);
        }
    }

    public static int[] readInts(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readInt();
        }
        return a;
    }

    public static void writeLongs(DataOutput out, long[] a, int n) throws IOException {
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            out.writeLong(a[i]);
        }
    }

    public static long[] readLongs(DataInput in) throws IOException {
        int n = in.readInt();
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readLong();
        }
        return a;
    }

    public static void writeFloats(DataOutput out, float[] a, int n) throws IOException {
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            out.writeFloat(a[i]);
        }
    }

    public static float[] readFloats(DataInput in) throws IOException {
        int n = in.readInt();
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readFloat();
        }
        return a;
    }

    public static void writeDoubles(DataOutput out, double[] a, int n) throws IOException {
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            out.writeDouble(a[i]);
        }
    }

    public static double[] readDoubles(DataInput in) throws IOException {
        int n = in.readInt();
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readDouble();
        }
        return a;
    }

    public static void writeBytes(DataOutput out, byte[] a, int n) throws IOException {
        out.writeInt(n);
        out.write(a, 0, n);
    }

    public static byte[] readBytes(DataInput in) throws IOException {
        int n = in.readInt();
        byte[] a = new byte[n];
        in.readFully(a);
        return a;
    }

    /** A copy of {@code src} of length at least {@code n} (grown, never shrunk). */
    public static int[] fit(int[] src, int n) {
        return src.length >= n ? src : java.util.Arrays.copyOf(src, n);
    }
}
