package dev.heq.ot;

/** Receiver side of {@link NOtSender}: choices[j] in [0, 2^logN); out[j] = the chosen ell-bit message. */
public interface NOtReceiver extends AutoCloseable {

    void chosenOt(int n, int logN, int ell, int[] choices, long[] out);

    void randomOt(int n, int logN, int ell, int[] choices, long[] out);

    String name();

    @Override
    default void close() {}
}
