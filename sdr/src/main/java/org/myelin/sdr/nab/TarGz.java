package org.myelin.sdr.nab;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Reads the regular files of a (ustar) .tar.gz archive into memory. */
final class TarGz {
    private TarGz() {
    }

    /** Archive path to file text, in archive order. */
    static Map<String, String> readTextFiles(Path archive) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), 1 << 16)) {
            byte[] header = new byte[512];
            while (true) {
                if (!readFully(in, header)) {
                    break;
                }
                boolean empty = true;
                for (byte b : header) {
                    if (b != 0) {
                        empty = false;
                        break;
                    }
                }
                if (empty) {
                    break;
                }
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(),
                        8);
                char type = (char) header[156];
                ByteArrayOutputStream content = new ByteArrayOutputStream((int) Math.min(size, 1 << 26));
                long remaining = size;
                byte[] buf = new byte[8192];
                while (remaining > 0) {
                    int r = in.read(buf, 0, (int) Math.min(buf.length, remaining));
                    if (r < 0) {
                        throw new IOException("truncated tar entry " + name + " in " + archive);
                    }
                    content.write(buf, 0, r);
                    remaining -= r;
                }
                long pad = (512 - size % 512) % 512;
                in.skipNBytes(pad);
                if (type == '0' || type == 0) {
                    out.put(name, content.toString(StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static boolean readFully(InputStream in, byte[] b) throws IOException {
        int n = 0;
        while (n < b.length) {
            int r = in.read(b, n, b.length - n);
            if (r < 0) {
                return false;
            }
            n += r;
        }
        return true;
    }

    private static String field(byte[] h, int from, int len) {
        int end = from;
        while (end < from + len && h[end] != 0) {
            end++;
        }
        return new String(h, from, end - from, StandardCharsets.US_ASCII);
    }
}
