package dev.heq.ot;

import dev.heq.primitives.AesCtrPrg;

/**
 * Receiver side of batched 1-out-of-2 OT; the mirror of {@link OtSender} (same call order, n and ell).
 * Choice bits are packed: c_j is bit (j mod 64) of choices[j / 64].
 */
public interface OtReceiver extends AutoCloseable {

    /** Random OT: m gets m_{c_j} as (lo, hi) at 2j, 2j+1. */
    void randomOt(int n, long[] choices, long[] m);

    void randomOt(int n, int ell, long[] choices, long[] m);

    /** Correlated OT: x_j = x0_j + c_j·delta_j mod 2^ell. */
    void correlatedOt(int n, int ell, long[] choices, long[] x);

    /** One batch of {@link #correlatedOts}: packed choices in, x = x0 + c·delta out. */
    record Cot(int n, int ell, long[] choices, long[] x) {
        public Cot {
            OtArgs.checkN(n);
            OtArgs.ellMask(ell);
            OtArgs.checkLen(choices, (n + 63) >>> 6, "choices");
            OtArgs.checkLen(x, n, "x");
        }
    }

    /** Receiver side of {@link OtSender#correlatedOts}; the default runs {@link #correlatedOt} per batch. */
    default void correlatedOts(Cot... jobs) {
        for (Cot c : jobs) {
            correlatedOt(c.n(), c.ell(), c.choices(), c.x());
        }
    }

    /** Chosen-message OT: m_j = m_{c_j}. */
    void chosenOt(int n, int ell, long[] choices, long[] m);

    /**
     * Random OT where the receiver's choice bits are random too (written to choicesOut): what bit triples and
     * other "random" uses need. Silent-OT back ends (Ferret) produce this natively and save the derandomisation
     * bit; this default samples the choices from a SecureRandom-seeded AES PRG and runs {@link #randomOt}.
     */
    default void randomChoiceOt(int n, int ell, long[] choicesOut, long[] m) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        int words = (n + 63) >>> 6;
        if (choicesOut.length < words) {
            throw new IllegalArgumentException("choicesOut has " + choicesOut.length + " entries, needs " + words);
        }
        AesCtrPrg prg = AesCtrPrg.fromSecureRandom(AesCtrPrg.KEY_BYTES_128);
        prg.nextLongs(choicesOut, 0, words);
        if ((n & 63) != 0) {
            choicesOut[words - 1] &= (1L << (n & 63)) - 1;
        }
        randomOt(n, ell, choicesOut, m);
    }

    String name();

    @Override
    default void close() {}
}
