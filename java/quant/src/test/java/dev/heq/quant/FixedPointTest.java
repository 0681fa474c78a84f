package dev.heq.quant;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class FixedPointTest {

    /** Oracle: floor((a·M + r) / 2^s) in BigInteger, r = 2^(s-1) or 0. */
    static long oracle(long a, int m, int s) {
        BigInteger v = BigInteger.valueOf(a).multiply(BigInteger.valueOf(m));
        if (s > 0) v = v.add(BigInteger.ONE.shiftLeft(s - 1));
        BigInteger[] qr = v.divideAndRemainder(BigInteger.ONE.shiftLeft(s));
        BigInteger q = qr[0];
        if (qr[1].signum() < 0) q = q.subtract(BigInteger.ONE); // floor, not truncation
        return q.longValueExact();
    }

    @Test
    void applyMatchesBigIntegerFloorDefinition() {
        long seed = System.nanoTime();
        System.out.println("FixedPointTest seed=" + seed);
        SplittableRandom r = new SplittableRandom(seed);
        for (int it = 0; it < 200_000; it++) {
            int s = r.nextInt(0, 40);
            int m = r.nextInt(0, 1 << 16);
            long a = r.nextLong(-(1L << 31), 1L << 31);
            assertEquals(oracle(a, m, s), new FixedPoint(m, s).apply(a), "a=" + a + " M=" + m + " s=" + s + " seed=" + seed);
        }
        long[] edges = {0, 1, -1, 2, -2, 3, -3, Integer.MAX_VALUE, Integer.MIN_VALUE, (1L << 31) - 1};
        for (long a : edges) for (int s : new int[]{0, 1, 2, 15, 30}) for (int m : new int[]{0, 1, 3, 32767, 65535})
            assertEquals(oracle(a, m, s), new FixedPoint(m, s).apply(a));
    }

    @Test
    void tiesRoundHalfUp() {
        FixedPoint half = new FixedPoint(1, 1); // x/2
        assertEquals(3, half.apply(5));   // 2.5 -> 3
        assertEquals(-2, half.apply(-5)); // -2.5 -> -2 (towards +inf)
        assertEquals(-1, half.apply(-3)); // -1.5 -> -1
        assertEquals(2, half.apply(3));   // 1.5 -> 2
        assertEquals(7, new FixedPoint(7, 0).apply(1));
    }

    @Test
    void ofIsCloseAndNormalised() {
        SplittableRandom r = new SplittableRandom(7);
        for (int it = 0; it < 10_000; it++) {
            double scale = Math.exp(r.nextDouble(-30, 8));
            FixedPoint f = FixedPoint.of(scale);
            if (f.shift() > 0 && f.shift() < FixedPoint.MAX_SHIFT) {
                assertTrue(f.multiplier() >= 1 << 15 && f.multiplier() < 1 << 16, f + " for " + scale);
                assertEquals(1.0, f.value() / scale, 1.0 / (1 << 15), "scale " + scale);
            } else if (f.shift() == 0) {
                assertEquals(Math.round(scale), f.multiplier());
            }
            assertEquals(f.value(), (double) (float) f.value(), "16-bit multiplier must be float-exact");
        }
        // carry into a new bit: 0.99999999 rounds to M = 2^16 at s = 16, must renormalise
        FixedPoint c = FixedPoint.of(0.999999999);
        assertEquals(1.0, c.value(), 1e-4);
        assertTrue(c.multiplier() < 1 << 16);
        assertThrows(IllegalArgumentException.class, () -> FixedPoint.of(0));
        assertThrows(IllegalArgumentException.class, () -> FixedPoint.of(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new FixedPoint(1, 63));
        assertThrows(IllegalArgumentException.class, () -> new FixedPoint(-1, 3));
    }

    @Test
    void requantizerClampsAndFusesRelu() {
        Requantizer u4 = new Requantizer(new FixedPoint[]{new FixedPoint(1, 2)}, QType.unsigned(4, 1), 16);
        assertEquals(0, u4.apply(-100, 0));
        assertEquals(15, u4.apply(1000, 0));
        assertEquals(3, u4.apply(10, 0)); // 2.5 -> 3
        Requantizer s4 = new Requantizer(new FixedPoint[]{new FixedPoint(1, 0)}, QType.signed(4, 1), 16);
        assertEquals(-8, s4.apply(-100, 0));
        assertEquals(7, s4.apply(100, 0));
        assertThrows(IllegalArgumentException.class, () -> new Requantizer(new FixedPoint[]{new FixedPoint(Integer.MAX_VALUE, 3)}, QType.unsigned(4, 1), 32));
    }
}
