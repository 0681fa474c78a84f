package dev.heq.ot;

/**
 * Sender side of batched 1-out-of-2 OT bound to one channel and one session (its own base OTs and key material,
 * never shared). Implementations: {@link IknpOtSender}; a silent-OT (Ferret) sender can implement the same
 * interface. Every call must be matched by the same call, with the same n and ell, on the peer's
 * {@link OtReceiver}; calls are processed in order.
 *
 * <p>Conventions: n ≥ 0 OTs; ell-bit values (ell in 1..64) live in the low bits of a long, the rest zero; 128-bit
 * messages are two longs (lo, hi) at index 2j, 2j+1. Output arrays may be longer than needed.
 */
public interface OtSender extends AutoCloseable {

    /** Random OT: returns fresh uniformly random 128-bit m0_j, m1_j (the receiver learns m_{c_j}). */
    void randomOt(int n, long[] m0, long[] m1);

    /** Random OT of ell-bit messages (e.g. bit triples with ell = 1). */
    void randomOt(int n, int ell, long[] m0, long[] m1);

    /**
     * Correlated OT, additive in Z_{2^ell}: the sender inputs delta_j and gets a random x0_j; the receiver gets
     * x0_j + c_j·delta_j mod 2^ell. (ell = 1 is the XOR correlation.) Used for B2A, the multiplexer, truncation.
     */
    void correlatedOt(int n, int ell, long[] delta, long[] x0);

    /** One batch of {@link #correlatedOts}: n correlated OTs in Z_{2^ell}, delta in, x0 out. */
    record Cot(int n, int ell, long[] delta, long[] x0) {
        public Cot {
            OtArgs.checkN(n);
            OtArgs.ellMask(ell);
            OtArgs.checkLen(delta, n, "delta");
            OtArgs.checkLen(x0, n, "x0");
        }
    }

    /**
     * Several correlated-OT batches (of possibly different ell) as one exchange, matched by one
     * {@link OtReceiver#correlatedOts} with the same shapes. IKNP: 2 flights for all of them; the default runs
     * {@link #correlatedOt} per batch.
     */
    default void correlatedOts(Cot... jobs) {
        for (Cot c : jobs) {
            correlatedOt(c.n(), c.ell(), c.delta(), c.x0());
        }
    }

    /** The sender side of {@link OtReceiver#randomChoiceOt}: identical to {@link #randomOt(int, int, long[], long[])}. */
    default void randomChoiceOt(int n, int ell, long[] m0, long[] m1) {
        randomOt(n, ell, m0, m1);
    }

    /** Chosen-message OT: the receiver learns m_{c_j} (ell bits) and nothing about the other message. */
    void chosenOt(int n, int ell, long[] m0, long[] m1);

    /** Name of the construction (for reports). */
    String name();

    @Override
    default void close() {}
}
