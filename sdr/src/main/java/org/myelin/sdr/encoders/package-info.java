/**
 * Encoders turn values into SDRs: {@link org.myelin.sdr.encoders.ScalarEncoder} (contiguous block of
 * bits, optionally periodic), {@link org.myelin.sdr.encoders.RandomDistributedScalarEncoder} (hashed
 * buckets, unbounded range), {@link org.myelin.sdr.encoders.IncrementalRdse} (NuPIC's RDSE, buckets
 * built outward from the first value), {@link org.myelin.sdr.encoders.DateEncoder} (time of day, day of week,
 * weekend, season), {@link org.myelin.sdr.encoders.CategoryEncoder} and
 * {@link org.myelin.sdr.encoders.DeltaEncoder} (the change from the previous value).
 *
 * <p>Each encoder writes the indices of its on bits into a caller's {@code int[]}
 * ({@code encodeInto(value, out, pos, base)} adds {@code base} to every index so several encoders can
 * fill one input vector without copying), or into an {@link org.myelin.sdr.Sdr}.
 *
 * <h2>Bad input</h2>
 * NaN and infinite values are rejected with {@link IllegalArgumentException} by every numeric encoder.
 * A value outside a {@code ScalarEncoder}'s [minimum, maximum] is clipped when {@code clipInput} is set
 * and rejected otherwise; periodic scalar encoders wrap instead. The RDSE has no range; only a value
 * whose bucket index would not fit in 52 bits is rejected. A category outside [0, numCategories) is
 * rejected.
 */
package org.myelin.sdr.encoders;
