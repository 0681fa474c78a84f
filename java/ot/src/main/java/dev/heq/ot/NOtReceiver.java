package dev.heq.ot;

/** Receiver side of {@link NOtSender}: choices[j] in [0, 2^logN); out[j] = the chosen ell-bit message. */
public interface NOtReceiver extends AutoCloseable {

    void chosenOt(int n, int logN, int ell, int[] choices, long[] out);

    void randomOt(int n, int logN, int ell, int[] choices, long[] out);

    /** One batch for {@link #chosenOts}: choices[j] in [0, 2^logN) for j < n, chosen messages into out[j]. */
    record Job(int n, int logN, int ell, int[] choices, long[] out) {
        public Job {
            OtArgs.checkN(n);
            OtArgs.checkLogN(logN);
            OtArgs.ellMask(ell);
            java.util.Objects.requireNonNull(choices, "choices");
            if (choices.length < n) {
                throw new IllegalArgumentException("choices has " + choices.length + " entries, needs " + n);
            }
            OtArgs.checkLen(out, n, "out");
        }
    }

    /** Receiver side of {@link NOtSender#chosenOts}; the default runs {@link #chosenOt} per job. */
    default void chosenOts(Job... jobs) {
        for (Job j : jobs) {
            chosenOt(j.n(), j.logN(), j.ell(), j.choices(), j.out());
        }
    }

    String name();

    @Override
    default void close() {}
}
