package org.myelin.sdr.encoders;

import org.myelin.sdr.Sdr;

/**
 * Encodes a timestamp by its calendar features, each a sub-encoder laid end to end in this order:
 * time of day (periodic over 24 h), day of week (periodic over 7 days, Monday = 0), weekend
 * (Saturday and Sunday versus the other days) and season (periodic over the 366 days of a year). A
 * feature with width 0 is left out. This matches NuPIC's and htm.core's {@code DateEncoder}; their
 * {@code timeOfDay = (w, radius)} is {@code timeOfDay(w, radiusHours)} here (NuPIC sizing:
 * {@code ceil(w * 24 / radius)} bits).
 *
 * <p>Timestamps are seconds since 1970-01-01T00:00 of a local (zone-less) clock, as in the NAB files;
 * no time zone or daylight-saving shift is applied. Calendar fields are computed arithmetically, with
 * no allocation. The scalar values are NuPIC's ({@code DateEncoder.getScalars}): time of day
 * {@code hour + minute / 60} (seconds are ignored, so 21:42:53 encodes as 21:42), day of week
 * {@code weekday + timeOfDay / 24}, weekend 1 on Saturday, Sunday and Friday after 18:00
 * ({@code timeOfDay > 18}), season the day of the year (from 0) plus the fraction of the day.
 */
public final class DateEncoder {
    private static final int[] CUMULATIVE_DAYS = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

    private final ScalarEncoder timeOfDay;
    private final ScalarEncoder dayOfWeek;
    private final CategoryEncoder weekend;
    private final ScalarEncoder season;
    private final int size;

    private DateEncoder(Builder b) {
        timeOfDay = b.todWidth > 0 ? new ScalarEncoder(ScalarEncoder.Params.ofRadius(0, 24, b.todRadius,
                b.todWidth, true, false)) : null;
        dayOfWeek = b.dowWidth > 0 ? new ScalarEncoder(ScalarEncoder.Params.ofRadius(0, 7, b.dowRadius,
                b.dowWidth, true, false)) : null;
        weekend = b.weekendWidth > 0 ? new CategoryEncoder(2, b.weekendWidth) : null;
        season = b.seasonWidth > 0 ? new ScalarEncoder(ScalarEncoder.Params.ofRadius(0, 366, b.seasonRadius,
                b.seasonWidth, true, false)) : null;
        int s = 0;
        s += timeOfDay == null ? 0 : timeOfDay.size();
        s += dayOfWeek == null ? 0 : dayOfWeek.size();
        s += weekend == null ? 0 : weekend.size();
        s += season == null ? 0 : season.size();
        if (s == 0) {
            throw new IllegalArgumentException("DateEncoder needs at least one feature");
        }
        this.size = s;
    }

    /** A builder with every feature off. */
    public static Builder builder() {
        return new Builder();
    }

    /** Fluent configuration; widths of 0 leave a feature out. */
    public static final class Builder {
        private int todWidth;
        private double todRadius = 4;
        private int dowWidth;
        private double dowRadius = 1;
        private int weekendWidth;
        private int seasonWidth;
        private double seasonRadius = 91.5;

        /** Time of day: {@code width} bits on, values {@code radiusHours} apart share no bits. */
        public Builder timeOfDay(int width, double radiusHours) {
            this.todWidth = width;
            this.todRadius = radiusHours;
            return this;
        }

        /** Day of week: {@code width} bits on, days {@code radiusDays} apart share no bits. */
        public Builder dayOfWeek(int width, double radiusDays) {
            this.dowWidth = width;
            this.dowRadius = radiusDays;
            return this;
        }

        /** Weekend flag with {@code width} bits. */
        public Builder weekend(int width) {
            this.weekendWidth = width;
            return this;
        }

        /** Season (day of year): {@code width} bits on, {@code radiusDays} apart share none. */
        public Builder season(int width, double radiusDays) {
            this.seasonWidth = width;
            this.seasonRadius = radiusDays;
            return this;
        }

        public DateEncoder build() {
            return new DateEncoder(this);
        }
    }

    public int size() {
        return size;
    }

    /** Largest number of on bits one timestamp can produce. */
    public int maxActiveBits() {
        int n = 0;
        n += timeOfDay == null ? 0 : timeOfDay.activeBits();
        n += dayOfWeek == null ? 0 : dayOfWeek.activeBits();
        n += weekend == null ? 0 : weekend.size() / 2;
        n += season == null ? 0 : season.activeBits();
        return n;
    }

    /** Writes the on-bit indices (plus {@code base}) for {@code epochSecond}; returns how many. */
    public int encodeInto(long epochSecond, int[] out, int pos, int base) {
        long days = Math.floorDiv(epochSecond, 86_400L);
        long secondOfDay = epochSecond - days * 86_400L;
        // NuPIC: timeOfDay = tm_hour + tm_min / 60.0 (seconds dropped)
        double hours = (secondOfDay / 60) / 60.0;
        int n = 0;
        int offset = base;
        if (timeOfDay != null) {
            n += timeOfDay.encodeInto(hours, out, pos + n, offset);
            offset += timeOfDay.size();
        }
        int dow = (int) Math.floorMod(days + 3, 7L); // 1970-01-01 was a Thursday (Monday = 0)
        if (dayOfWeek != null) {
            n += dayOfWeek.encodeInto(dow + hours / 24.0, out, pos + n, offset);
            offset += dayOfWeek.size();
        }
        if (weekend != null) {
            boolean isWeekend = dow >= 5 || (dow == 4 && hours > 18); // Friday evening counts (NuPIC)
            n += weekend.encodeInto(isWeekend ? 1 : 0, out, pos + n, offset);
            offset += weekend.size();
        }
        if (season != null) {
            n += season.encodeInto(dayOfYear(days) - 1 + secondOfDay / 86_400.0, out, pos + n, offset);
        }
        return n;
    }

    public Sdr encode(long epochSecond, Sdr out) {
        int[] bits = new int[maxActiveBits()];
        int n = encodeInto(epochSecond, bits, 0, 0);
        return out.setSparse(bits, n);
    }

    public Sdr encode(long epochSecond) {
        return encode(epochSecond, new Sdr(size));
    }

    /** Day of year (1..366) of the civil date {@code days} after 1970-01-01 (proleptic Gregorian). */
    static int dayOfYear(long days) {
        // Howard Hinnant's civil_from_days
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097L);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) {
            y++;
        }
        boolean leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        return (int) (CUMULATIVE_DAYS[(int) m - 1] + d + (leap && m > 2 ? 1 : 0));
    }
}
