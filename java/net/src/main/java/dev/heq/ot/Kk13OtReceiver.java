package dev.heq.ot;

import dev.heq.net.Channel;
import java.security.SecureRandom;
import java.util.Objects;

import static dev.heq.ot.AesPrg.LE_LONG;
import static dev.heq.ot.OtArgs.checkLen;
import static dev.heq.ot.OtArgs.checkN;
import static dev.heq.ot.OtArgs.ellMask;
import static dev.heq.ot.Kk13OtSender.CODE;
import static dev.heq.ot.Kk13OtSender.K;

/** Receiver side of {@link Kk13OtSender}: selection rows are the codewords C(v_j); output H(j, t_j) (⊕ payload). */
public final class Kk13OtReceiver implements NOtReceiver {
    private final Channel ch;
    private final BaseOt base;
    private final SecureRandom rnd;
    private final CrHash hash = new CrHash();
    private ExtensionCore.Receiver core;
    private long index;

    public Kk13OtReceiver(Channel ch) {
        this(ch, new ChouOrlandiOt(), new SecureRandom());
    }

    public Kk13OtReceiver(Channel ch, BaseOt base, SecureRandom rnd) {
        this.ch = ExtensionCore.checkChannel(ch);
        this.base = Objects.requireNonNull(base, "base");
        this.rnd = Objects.requireNonNull(rnd, "rnd");
    }

    @Override
    public String name() {
        return "KK13 (" + base.name() + ")";
    }

    @Override
    public void chosenOt(int n, int logN, int ell, int[] choices, long[] out) {
        run(n, logN, ell, choices, out, true);
    }

    @Override
    public void randomOt(int n, int logN, int ell, int[] choices, long[] out) {
        run(n, logN, ell, choices, out, false);
    }

    private void run(int n, int logN, int ell, int[] choices, long[] out, boolean chosen) {
        checkN(n);
        int bigN = Kk13OtSender.checkLogN(logN);
        long mask = ellMask(ell);
        Objects.requireNonNull(choices, "choices");
        if (choices.length < n) {
            throw new IllegalArgumentException("choices has " + choices.length + " entries, needs " + n);
        }
        for (int j = 0; j < n; j++) {
            if (choices[j] < 0 || choices[j] >= bigN) {
                throw new IllegalArgumentException("choices[" + j + "] = " + choices[j] + " is outside [0, " + bigN + ")");
            }
        }
        checkLen(out, n, "out");
        if (core == null) {
            core = new ExtensionCore.Receiver(ch, K, base, rnd);
        }
        int batch = Kk13OtSender.batch(bigN, ell);
        int cap = ExtensionCore.roundUp64(Math.min(n, batch));
        byte[] codeRows = new byte[cap * (K / 8)];
        byte[] codeCols = new byte[cap * (K / 8)];
        long[] e = chosen ? new long[Math.min(n, batch) * bigN] : null;
        for (int done = 0; done < n; done += batch) {
            int b = Math.min(batch, n - done), bigB = ExtensionCore.roundUp64(b);
            java.util.Arrays.fill(codeRows, 0, bigB * (K / 8), (byte) 0);
            for (int j = 0; j < b; j++) {
                long[] cw = CODE[choices[done + j]];
                for (int w = 0; w < 4; w++) {
                    LE_LONG.set(codeRows, 32 * j + 8 * w, cw[w]);
                }
            }
            // R has one row per column index i (K rows of bigB bits): the transpose of the codeword rows
            BitMatrix.transpose(codeRows, bigB, K, codeCols);
            byte[] rows = core.extend(ch, bigB, codeCols, true);
            hash.hash256Low(rows, b, index, null, mask, out, done, 1);
            if (chosen) {
                ch.recvLongs(e, 0, b * bigN, ell);
                for (int j = 0; j < b; j++) {
                    out[done + j] = (out[done + j] ^ e[j * bigN + choices[done + j]]) & mask;
                }
            }
            index += bigB;
        }
    }
}
