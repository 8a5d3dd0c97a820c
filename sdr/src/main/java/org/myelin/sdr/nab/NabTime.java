package org.myelin.sdr.nab;

/** Parsing and formatting of NAB timestamps ({@code YYYY-MM-DD HH:MM:SS[.ffffff]}), without allocation of dates. */
public final class NabTime {
    private NabTime() {
    }

    /**
     * Seconds since 1970-01-01 00:00:00 of the (zone-less) timestamp. A fractional part must be zero
     * (NAB's label files write {@code .000000}).
     *
     * @throws IllegalArgumentException if the text is not a timestamp
     */
    public static long parse(CharSequence t) {
        int n = t.length();
        if (n < 19 || t.charAt(4) != '-' || t.charAt(7) != '-' || (t.charAt(10) != ' ' && t.charAt(10) != 'T')
                || t.charAt(13) != ':' || t.charAt(16) != ':') {
            throw new IllegalArgumentException("not a timestamp (YYYY-MM-DD HH:MM:SS): '" + t + "'");
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (n > 19) {
            if (t.charAt(19) != '.') {
                throw new IllegalArgumentException("not a timestamp: '" + t + "'");
            }
            for (int i = 20; i < n; i++) {
                char c = t.charAt(i);
                if (c != '0') {
                    throw new IllegalArgumentException("fractional seconds are not supported: '" + t + "'");
                }
            }
        }
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
            throw new IllegalArgumentException("timestamp field out of range: '" + t + "'");
        }
        return daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
    }

    private static int digits(CharSequence t, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not a timestamp: '" + t + "'");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
    static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    /** Formats as {@code YYYY-MM-DD HH:MM:SS}. */
    public static String format(long epochSecond) {
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(epochSecond, 0, java.time.ZoneOffset.UTC);
        return String.format("%04d-%02d-%02d %02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond());
    }
}
