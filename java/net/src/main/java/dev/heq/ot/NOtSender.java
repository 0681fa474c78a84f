package dev.heq.ot;

/**
 * Sender side of batched 1-out-of-N OT with N = 2^logN, logN in 1..8 (the millionaire protocol's leaves use
 * N = 16). Messages are ell-bit values (ell in 1..64), message v of OT j at index j·N + v.
 */
public interface NOtSender extends AutoCloseable {

    /** Chosen messages: the receiver learns msgs[j·N + v_j] only. */
    void chosenOt(int n, int logN, int ell, long[] msgs);

    /** Random messages: fills out[j·N + v] with fresh random ell-bit values; the receiver learns entry v_j. */
    void randomOt(int n, int logN, int ell, long[] out);

    String name();

    @Override
    default void close() {}
}
