package dev.heq.ot;

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

    /** Chosen-message OT: m_j = m_{c_j}. */
    void chosenOt(int n, int ell, long[] choices, long[] m);

    String name();

    @Override
    default void close() {}
}
