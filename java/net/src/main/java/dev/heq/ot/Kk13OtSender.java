package dev.heq.ot;

import dev.heq.net.Channel;
import java.security.SecureRandom;
import java.util.Objects;

import static dev.heq.ot.OtArgs.checkLen;
import static dev.heq.ot.OtArgs.checkN;
import static dev.heq.ot.OtArgs.ellMask;

/**
 * 1-out-of-N OT extension after Kolesnikov–Kumaresan (CRYPTO 2013), semi-honest, N = 2^logN ≤ 256: IKNP with
 * k = 256 columns where the receiver's selection row is the Walsh–Hadamard codeword C(v) (bit i of C(v) =
 * parity(v AND i), i, v in 0..255; any two codewords differ in exactly 128 positions = κ). With
 * q_j = t_j ⊕ (C(v_j) ∧ s), the sender's key for value v is H(j, q_j ⊕ (C(v) ∧ s)), which equals the receiver's
 * H(j, t_j) exactly for v = v_j; for v ≠ v_j it differs by C(v) ⊕ C(v_j) masked by s (≥ 128 unknown bits of s).
 *
 * <p>Cost per OT: 256 bits (receiver → sender) + N·ell bits for chosen messages (0 for random OT). For N = 16,
 * ell = 2 (millionaire leaves) that is 288 bits, vs 4·128 + 32 = 544 with log N 1-of-2 OTs. Batches are sized
 * so the payload frame stays ≤ 16 MiB.
 */
public final class Kk13OtSender implements NOtSender {
    static final int K = 256;
    static final int MAX_BATCH = 1 << 16;
    /** WH codewords, 4 longs (256 bits) per value. */
    static final long[][] CODE = new long[256][4];

    static {
        for (int v = 0; v < 256; v++) {
            for (int i = 0; i < 256; i++) {
                if ((Integer.bitCount(v & i) & 1) != 0) {
                    CODE[v][i >>> 6] |= 1L << (i & 63);
                }
            }
        }
    }

    private final Channel ch;
    private final BaseOt base;
    private final SecureRandom rnd;
    private final CrHash hash = new CrHash();
    private ExtensionCore.Sender core;
    private long index;

    public Kk13OtSender(Channel ch) {
        this(ch, new ChouOrlandiOt(), new SecureRandom());
    }

    public Kk13OtSender(Channel ch, BaseOt base, SecureRandom rnd) {
        this.ch = ExtensionCore.checkChannel(ch);
        this.base = Objects.requireNonNull(base, "base");
        this.rnd = Objects.requireNonNull(rnd, "rnd");
    }

    @Override
    public String name() {
        return "KK13 (" + base.name() + ")";
    }

    static int checkLogN(int logN) {
        OtArgs.checkLogN(logN);
        return 1 << logN;
    }

    /** OTs per batch: payload b·N·ell bits ≤ 2^27 bits (16 MiB), b a multiple of 64, 64 ≤ b ≤ 2^16. */
    static int batch(int bigN, int ell) {
        long b = (1L << 27) / ((long) bigN * ell);
        b = Math.max(64, Math.min(MAX_BATCH, b & ~63L));
        return (int) b;
    }

    @Override
    public void chosenOt(int n, int logN, int ell, long[] msgs) {
        run(n, logN, ell, msgs, true);
    }

    @Override
    public void randomOt(int n, int logN, int ell, long[] out) {
        run(n, logN, ell, out, false);
    }

    private void run(int n, int logN, int ell, long[] data, boolean chosen) {
        checkN(n);
        int bigN = checkLogN(logN);
        long mask = ellMask(ell);
        checkLen(data, (long) n * bigN, chosen ? "msgs" : "out");
        if (core == null) {
            core = new ExtensionCore.Sender(ch, K, base, rnd);
        }
        int batch = batch(bigN, ell);
        long[] keys = chosen ? new long[Math.min(n, batch) * bigN] : null;
        long[][] masks = new long[bigN][4];
        for (int v = 0; v < bigN; v++) {
            for (int w = 0; w < 4; w++) {
                masks[v][w] = CODE[v][w] & core.s[w];
            }
        }
        for (int done = 0; done < n; done += batch) {
            int b = Math.min(batch, n - done), bigB = ExtensionCore.roundUp64(b);
            byte[] rows = core.extend(ch, bigB);
            for (int v = 0; v < bigN; v++) {
                if (chosen) {
                    hash.hash256Low(rows, b, index, masks[v], mask, keys, v, bigN);
                } else {
                    hash.hash256Low(rows, b, index, masks[v], mask, data, done * bigN + v, bigN);
                }
            }
            if (chosen) {
                int m = b * bigN, base0 = done * bigN;
                for (int t = 0; t < m; t++) {
                    keys[t] = (keys[t] ^ data[base0 + t]) & mask;
                }
                ch.sendLongs(keys, 0, m, ell);
                ch.flush();
            }
            index += bigB;
        }
    }
}
