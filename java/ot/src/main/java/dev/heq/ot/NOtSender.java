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

    /**
     * Writes the N = 2^logN messages of OTs [from, from + k) of a {@link Job} to dst[t·N + v] for t < k, v < N
     * (values are taken mod 2^ell). Called with k ≤ the length of dst / N, in increasing order of from.
     */
    @FunctionalInterface
    interface Tables {
        void fill(int from, int k, long[] dst);
    }

    /** One batch of chosen OTs for {@link #chosenOts}: n OTs of 1-out-of-2^logN ell-bit messages. */
    record Job(int n, int logN, int ell, Tables tables) {
        public Job {
            java.util.Objects.requireNonNull(tables, "tables");
            OtArgs.checkN(n);
            OtArgs.checkLogN(logN);
            OtArgs.ellMask(ell);
        }

        /** A job over a materialised table msgs[j·N + v]. */
        public static Job of(int n, int logN, int ell, long[] msgs) {
            OtArgs.checkLen(msgs, (long) n << logN, "msgs");
            int bigN = 1 << logN;
            return new Job(n, logN, ell, (from, k, dst) -> System.arraycopy(msgs, from * bigN, dst, 0, k * bigN));
        }
    }

    /**
     * Several chosen-OT batches (possibly of different N and ell) as one exchange, matched by one
     * {@link NOtReceiver#chosenOts} call with the same shapes in the same order. A back end that can, runs them in
     * one round trip; the default runs {@link #chosenOt} per job (materialising each table).
     */
    default void chosenOts(Job... jobs) {
        for (Job j : jobs) {
            long[] m = new long[Math.multiplyExact(j.n(), 1 << j.logN())];
            j.tables().fill(0, j.n(), m);
            chosenOt(j.n(), j.logN(), j.ell(), m);
        }
    }

    String name();

    @Override
    default void close() {}
}
