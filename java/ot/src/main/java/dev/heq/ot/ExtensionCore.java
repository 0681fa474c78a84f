package dev.heq.ot;

import dev.heq.net.Channel;
import dev.heq.primitives.AesCtrPrg;
import dev.heq.primitives.AesJit;
import java.security.SecureRandom;

import static dev.heq.ot.BitMatrix.LE_LONG;

/**
 * The matrix step shared by IKNP (k = 128 columns) and KK13 (k = 256 columns), after Ishai–Kilian–Nissim–Petrank
 * (CRYPTO 2003) with the PRG-expanded base-OT seeds of Asharov–Lindell–Schneider–Zohner (CCS 2013).
 *
 * <p>Base phase (once per session): the extension <em>receiver</em> acts as base-OT sender with k seed pairs
 * (k0_i, k1_i); the extension <em>sender</em> picks s ∈ {0,1}^k and learns k_{s_i}. Each seed keys an AES-CTR PRG G.
 *
 * <p>Per batch of B OTs (B a multiple of 64): the receiver holds a k × B bit matrix R whose column j is what it
 * wants to be "selected" for OT j (IKNP: r_j·1^k, i.e. every row of R is the choice vector; KK13: the codeword
 * C(v_j)). It sends row-wise U_i = G(k0_i) ⊕ G(k1_i) ⊕ R_i (k·B bits — the whole per-OT cost), and keeps
 * T_i = G(k0_i). The sender computes Q_i = G(k_{s_i}) ⊕ s_i·U_i = T_i ⊕ s_i·R_i. After transposing, row j satisfies
 * q_j = t_j ⊕ (R^j ∧ s), which the callers hash. PRG streams advance identically on both sides, so batches never
 * reuse pads. State is per session object; nothing is static except the public fixed AES key of {@link CrHash}.
 */
final class ExtensionCore {
    private ExtensionCore() {}

    /** Largest frame the extensions send: IKNP u-matrix/chosen payload 4 MiB, KK13 u-matrix 2 MiB + payload 16 MiB. */
    static final int MIN_FRAME = 16 << 20;

    /** Fails early (at construction, not mid-protocol) if the channel cannot carry the extension's frames. */
    static dev.heq.net.Channel checkChannel(dev.heq.net.Channel ch) {
        java.util.Objects.requireNonNull(ch, "ch");
        if (ch.options().maxFrameBytes() < MIN_FRAME) {
            throw new IllegalArgumentException("OT extension needs NetOptions.maxFrameBytes >= " + MIN_FRAME
                    + ", the channel allows " + ch.options().maxFrameBytes());
        }
        return ch;
    }

    static int roundUp64(int b) {
        return (b + 63) & ~63;
    }

    static void xorInto(byte[] dst, int dOff, byte[] src, int sOff, int len) {
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            LE_LONG.set(dst, dOff + i, (long) LE_LONG.get(dst, dOff + i) ^ (long) LE_LONG.get(src, sOff + i));
        }
        for (; i < len; i++) {
            dst[dOff + i] ^= src[sOff + i];
        }
    }

    /** Extension-sender state: s and the k PRGs G(k_{s_i}). */
    static final class Sender {
        final int k;
        final long[] s;          // k bits, packed
        private final AesCtrPrg[] prg;
        private byte[] cols = new byte[0], u = new byte[0], rows = new byte[0];

        Sender(Channel ch, int k, BaseOt base, SecureRandom rnd) {
            this.k = k;
            this.s = new long[k / 64];
            boolean[] sb = new boolean[k];
            for (int i = 0; i < k; i++) {
                sb[i] = rnd.nextBoolean();
                if (sb[i]) {
                    s[i >>> 6] |= 1L << (i & 63);
                }
            }
            byte[][] keys = base.receive(ch, sb, rnd);
            AesJit.ensureWarm(); // the first batches are MBs of CTR keystream: compiled AES stubs from the start
            prg = new AesCtrPrg[k];
            for (int i = 0; i < k; i++) {
                prg[i] = new AesCtrPrg(keys[i]); // 16-byte keys: AES-128-CTR, zero IV
            }
        }

        boolean sBit(int i) {
            return ((s[i >>> 6] >>> (i & 63)) & 1) != 0;
        }

        /** Receives U for B OTs and returns the B × k-bit rows q_j (valid until the next call). */
        byte[] extend(Channel ch, int bigB) {
            int rb = bigB >>> 3;
            int total = k * rb;
            if (cols.length < total) {
                cols = new byte[total];
                u = new byte[total];
                rows = new byte[total];
            }
            ch.recv(u, 0, total);
            for (int i = 0; i < k; i++) {
                prg[i].nextBytes(cols, i * rb, rb);
                if (sBit(i)) {
                    xorInto(cols, i * rb, u, i * rb, rb);
                }
            }
            BitMatrix.transpose(cols, k, bigB, rows);
            return rows;
        }
    }

    /** Extension-receiver state: the k seed pairs as PRGs. */
    static final class Receiver {
        final int k;
        private final AesCtrPrg[] prg0, prg1;
        private byte[] cols = new byte[0], u = new byte[0], rows = new byte[0];

        Receiver(Channel ch, int k, BaseOt base, SecureRandom rnd) {
            this.k = k;
            byte[][][] keys = base.send(ch, k, rnd);
            AesJit.ensureWarm();
            prg0 = new AesCtrPrg[k];
            prg1 = new AesCtrPrg[k];
            for (int i = 0; i < k; i++) {
                prg0[i] = new AesCtrPrg(keys[i][0]);
                prg1[i] = new AesCtrPrg(keys[i][1]);
            }
        }

        /**
         * Sends U for B OTs and returns the rows t_j (valid until the next call). r holds either one B-bit row used
         * for every i (perColumn false, IKNP) or k rows of B bits (perColumn true, KK13).
         */
        byte[] extend(Channel ch, int bigB, byte[] r, boolean perColumn) {
            int rb = bigB >>> 3;
            int total = k * rb;
            if (cols.length < total) {
                cols = new byte[total];
                u = new byte[total];
                rows = new byte[total];
            }
            for (int i = 0; i < k; i++) {
                int o = i * rb;
                prg0[i].nextBytes(cols, o, rb);
                prg1[i].nextBytes(u, o, rb);
                xorInto(u, o, cols, o, rb);
                xorInto(u, o, r, perColumn ? o : 0, rb);
            }
            ch.send(u, 0, total);
            ch.flush();
            BitMatrix.transpose(cols, k, bigB, rows);
            return rows;
        }
    }
}
