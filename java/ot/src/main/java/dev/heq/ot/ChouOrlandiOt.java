package dev.heq.ot;

import dev.heq.net.Channel;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * Chou–Orlandi "simplest OT" (Latincrypt 2015), random-OT form, semi-honest, on Curve25519 (BouncyCastle's
 * short-Weierstrass model of the same curve, prime-order subgroup of order ℓ ≈ 2^252, cofactor 8).
 *
 * <pre>
 *   S: a ← [1, ℓ), A = aG                         S → R: A
 *   R: for each i, b_i ← [1, ℓ), B_i = b_i·G  (c_i = 0)  or  A + b_i·G  (c_i = 1)     R → S: B_1..B_n
 *   S: k0_i = H(i, A, B_i, a·B_i),  k1_i = H(i, A, B_i, a·B_i − a·A)
 *   R: k_{c_i} = H(i, A, B_i, b_i·A)
 * </pre>
 * H = SHA-256 truncated to 128 bits with a domain label. Messages: 33 + 33n bytes (compressed points), 2 flights.
 *
 * <p>Checks: every received point must decode onto the curve, not be the identity, and not lie in the small
 * (order-8) subgroup; otherwise {@link OtException}. Side channels: BouncyCastle's generic multiplication is not
 * claimed constant-time; the threat model is semi-honest parties on their own machines, so timing leaks to a
 * co-located attacker are out of scope (documented, not mitigated).
 */
public final class ChouOrlandiOt implements BaseOt {
    private static final X9ECParameters P = CustomNamedCurves.getByName("curve25519");
    private static final ECCurve CURVE = P.getCurve();
    private static final ECPoint G = P.getG();
    private static final BigInteger ORDER = P.getN();
    static {
        if (P.getH().intValue() != 8) {
            throw new IllegalStateException("expected cofactor 8 for curve25519, got " + P.getH());
        }
    }
    private static final int POINT_BYTES = 33;
    private static final byte[] LABEL = "HEQ/CO15-curve25519/v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final FixedPointCombMultiplier COMB = new FixedPointCombMultiplier();

    @Override
    public String name() {
        return "CO15/curve25519";
    }

    @Override
    public byte[][][] send(Channel ch, int count, SecureRandom rnd) {
        checkCount(count);
        BigInteger a = scalar(rnd);
        ECPoint A = COMB.multiply(G, a).normalize();
        byte[] aEnc = A.getEncoded(true);
        ch.send(aEnc);
        ch.flush();
        byte[] bs = ch.recv(count * POINT_BYTES);
        ECPoint aA = A.multiply(a).normalize();
        byte[][][] keys = new byte[count][2][];
        for (int i = 0; i < count; i++) {
            byte[] bEnc = java.util.Arrays.copyOfRange(bs, i * POINT_BYTES, (i + 1) * POINT_BYTES);
            ECPoint B = decode(bEnc, "B[" + i + "]");
            ECPoint aB = B.multiply(a).normalize();
            keys[i][0] = kdf(i, aEnc, bEnc, aB);
            keys[i][1] = kdf(i, aEnc, bEnc, aB.subtract(aA).normalize());
        }
        return keys;
    }

    @Override
    public byte[][] receive(Channel ch, boolean[] choices, SecureRandom rnd) {
        int count = choices.length;
        checkCount(count);
        byte[] aEnc = ch.recv(POINT_BYTES);
        ECPoint A = decode(aEnc, "A");
        byte[] out = new byte[count * POINT_BYTES];
        byte[][] keys = new byte[count][];
        for (int i = 0; i < count; i++) {
            BigInteger b = scalar(rnd);
            ECPoint B = COMB.multiply(G, b);
            if (choices[i]) {
                B = B.add(A);
            }
            byte[] bEnc = B.normalize().getEncoded(true);
            System.arraycopy(bEnc, 0, out, i * POINT_BYTES, POINT_BYTES);
            // A is the same for all i: a fixed-point comb (precomputed once, cached on A) beats variable-base wNAF
            keys[i] = kdf(i, aEnc, bEnc, COMB.multiply(A, b).normalize());
        }
        ch.send(out);
        ch.flush();
        return keys;
    }

    private static void checkCount(int count) {
        if (count < 1 || count > 1 << 16) {
            throw new IllegalArgumentException("base OT count must be in 1..65536, got " + count);
        }
    }

    private static BigInteger scalar(SecureRandom rnd) {
        BigInteger k;
        do {
            k = new BigInteger(ORDER.bitLength(), rnd);
        } while (k.signum() == 0 || k.compareTo(ORDER) >= 0);
        return k;
    }

    private static ECPoint decode(byte[] enc, String what) {
        ECPoint p;
        try {
            p = CURVE.decodePoint(enc).normalize();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new OtException("base OT: peer's point " + what + " is not a valid curve25519 encoding: " + e.getMessage(), e);
        }
        // cofactor 8: three doublings instead of a generic scalar multiplication
        if (p.isInfinity() || p.twice().twice().twice().isInfinity()) {
            throw new OtException("base OT: peer's point " + what + " has small order (identity or order dividing 8)");
        }
        return p;
    }

    private static byte[] kdf(int i, byte[] aEnc, byte[] bEnc, ECPoint shared) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(LABEL);
            md.update(new byte[] {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i});
            md.update(aEnc);
            md.update(bEnc);
            md.update(shared.getEncoded(true));
            return java.util.Arrays.copyOf(md.digest(), 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
