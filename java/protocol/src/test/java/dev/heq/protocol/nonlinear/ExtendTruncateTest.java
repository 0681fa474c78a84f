package dev.heq.protocol.nonlinear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heq.protocol.AShare;
import dev.heq.protocol.BShare;
import dev.heq.protocol.Z2k;
import dev.heq.protocol.TestData;
import dev.heq.protocol.TwoPartyHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ExtendTruncateTest {

    /** One case: inputs, the dealer's shares, MSB shares, and what the protocol must output. */
    record Case(int ell, int arg, long[] x, AShare[] sh, BShare[] msb) {}

    static List<Case> cases(SplittableRandom r, boolean nonNegative, Function<Integer, int[]> args) {
        List<Case> cs = new ArrayList<>();
        for (int ell : TestData.ELLS) {
            int[] as = args.apply(ell);
            for (int ai = 0; ai < as.length; ai++) {
                int a = as[ai];
                // the large size once per ℓ (first argument), the small ones for every argument: keeps the run short
                for (int n : ai == 0 ? TestData.SIZES : new int[] {1, 77}) {
                    long[] x = TestData.values(r, n, ell);
                    if (nonNegative) for (int i = 0; i < n; i++) x[i] &= Z2k.mask(ell - 1);
                    long[] m = new long[BShare.words(n)];
                    for (int i = 0; i < n; i++) m[i >>> 6] |= ((x[i] >>> (ell - 1)) & 1) << (i & 63);
                    cs.add(new Case(ell, a, x, AShare.split(Z2k.of(ell), x, r), BShare.split(n, m, r)));
                }
            }
        }
        return cs;
    }

    static int[] wider(int ell) {
        return ell == 64 ? new int[0] : new int[] {ell + 1, Math.min(64, ell + 7), 64};
    }

    static int[] shifts(int ell) {
        return ell == 2 ? new int[] {1} : new int[] {1, ell / 2, ell - 1};
    }

    @Test
    void wrapAndExtensionsMatchIdeal() {
        SplittableRandom r = new SplittableRandom(TestData.seed());
        List<Case> any = cases(r, false, ExtendTruncateTest::wider), pos = cases(r, true, ExtendTruncateTest::wider);
        var run = TwoPartyHarness.run(p -> {
            int k = p.role().index();
            List<Object[]> out = new ArrayList<>();
            for (Case c : any) {
                out.add(new Object[] {Extend.wrap(p, c.sh[k]), Extend.zeroExtend(p, c.sh[k], c.arg),
                        Extend.signExtend(p, c.sh[k], c.arg), Extend.extendKnownMsb(p, c.sh[k], c.msb[k], c.arg, false),
                        Extend.extendKnownMsb(p, c.sh[k], c.msb[k], c.arg, true)});
            }
            for (Case c : pos) out.add(new Object[] {Extend.extendNonNegative(p, c.sh[k], c.arg)});
            return out;
        });
        for (int t = 0; t < any.size(); t++) {
            Case c = any.get(t);
            Object[] s = run.server().get(t), cl = run.client().get(t);
            String what = "ℓ=" + c.ell + "→" + c.arg + " n=" + c.x.length;
            assertArrayEquals(Extend.idealWrap(c.sh[0].values(), c.sh[1].values(), c.ell),
                    BShare.reconstruct((BShare) s[0], (BShare) cl[0]), "wrap " + what);
            long[] z = Extend.idealZeroExtend(c.x, c.ell, c.arg), sx = Extend.idealSignExtend(c.x, c.ell, c.arg);
            assertArrayEquals(z, AShare.reconstruct((AShare) s[1], (AShare) cl[1]), "zero-extend " + what);
            assertArrayEquals(sx, AShare.reconstruct((AShare) s[2], (AShare) cl[2]), "sign-extend " + what);
            assertArrayEquals(z, AShare.reconstruct((AShare) s[3], (AShare) cl[3]), "zero-extend known MSB " + what);
            assertArrayEquals(sx, AShare.reconstruct((AShare) s[4], (AShare) cl[4]), "sign-extend known MSB " + what);
        }
        for (int t = 0; t < pos.size(); t++) {
            Case c = pos.get(t);
            assertArrayEquals(Extend.idealZeroExtend(c.x, c.ell, c.arg),
                    AShare.reconstruct((AShare) run.server().get(any.size() + t)[0], (AShare) run.client().get(any.size() + t)[0]),
                    "extend non-negative ℓ=" + c.ell + "→" + c.arg);
        }
    }

    @Test
    void truncationVariantsMatchIdeal() {
        SplittableRandom r = new SplittableRandom(TestData.seed());
        List<Case> any = cases(r, false, ExtendTruncateTest::shifts), pos = cases(r, true, ExtendTruncateTest::shifts);
        var run = TwoPartyHarness.run(p -> {
            int k = p.role().index();
            List<AShare[]> out = new ArrayList<>();
            for (Case c : any) {
                out.add(new AShare[] {Truncate.run(p, c.sh[k], c.arg, Truncate.Mode.EXACT),
                        Truncate.run(p, c.sh[k], c.arg, Truncate.Mode.APPROX),
                        Truncate.knownMsb(p, c.sh[k], c.msb[k], c.arg, Truncate.Mode.EXACT),
                        Truncate.knownMsb(p, c.sh[k], c.msb[k], c.arg, Truncate.Mode.APPROX)});
            }
            for (Case c : pos) {
                out.add(new AShare[] {Truncate.nonNegative(p, c.sh[k], c.arg, Truncate.Mode.EXACT),
                        Truncate.nonNegative(p, c.sh[k], c.arg, Truncate.Mode.APPROX)});
            }
            return out;
        });
        List<Case> all = new ArrayList<>(any);
        all.addAll(pos);
        for (int t = 0; t < all.size(); t++) {
            Case c = all.get(t);
            AShare[] s = run.server().get(t), cl = run.client().get(t);
            String what = "ℓ=" + c.ell + " s=" + c.arg + " n=" + c.x.length + (t >= any.size() ? " (x ≥ 0)" : "");
            long[] want = Truncate.ideal(c.x, c.ell, c.arg);
            for (int v = 0; v < s.length; v += 2) {
                assertArrayEquals(want, AShare.reconstruct(s[v], cl[v]), "exact truncation " + what + " variant " + v);
                long[] got = AShare.reconstruct(s[v + 1], cl[v + 1]);
                Z2k ring = Z2k.of(c.ell);
                for (int i = 0; i < want.length; i++) {
                    long e = ring.sub(want[i], got[i]);
                    assertTrue(e == 0 || e == 1, "approximate truncation " + what + " #" + i + " off by " + ring.signed(e));
                }
            }
        }
    }

    /**
     * The documented error law of the approximate truncation: for low part L, Pr[off by one] = (2^s − 1 − L)/2^s,
     * over the random shares. Checked for three L at s = 8 on 4096 fresh sharings each (5σ bounds).
     */
    @Test
    void approximateTruncationErrorRateMatchesDocumentedLaw() {
        SplittableRandom r = new SplittableRandom(TestData.seed());
        int ell = 32, s = 8, n = 4096;
        int[] lows = {0, 100, 255};
        List<AShare[]> sh = new ArrayList<>();
        List<long[]> xs = new ArrayList<>();
        for (int low : lows) {
            long[] x = new long[n];
            for (int i = 0; i < n; i++) x[i] = ((r.nextLong() & Z2k.mask(ell)) & ~255L) | low;
            xs.add(x);
            sh.add(AShare.split(Z2k.of(ell), x, r));
        }
        var run = TwoPartyHarness.run(p -> {
            List<AShare> out = new ArrayList<>();
            for (AShare[] a : sh) out.add(Truncate.run(p, a[p.role().index()], s, Truncate.Mode.APPROX));
            return out;
        });
        for (int t = 0; t < lows.length; t++) {
            long[] want = Truncate.ideal(xs.get(t), ell, s), got = AShare.reconstruct(run.server().get(t), run.client().get(t));
            int errs = 0;
            for (int i = 0; i < n; i++) if (want[i] != got[i]) errs++;
            double pr = (255.0 - lows[t]) / 256, sigma = Math.sqrt(pr * (1 - pr) / n);
            System.out.printf("approx truncation L=%d: error rate %.4f, documented %.4f%n", lows[t], errs / (double) n, pr);
            assertEquals(pr, errs / (double) n, 5 * sigma + 1e-9, "error rate for L=" + lows[t]);
        }
    }

    @Test
    void communicationMatchesTheory() {
        int n = 1 << 13, s = 12;
        int[] ells = {16, 32, 37};
        List<String> names = new ArrayList<>();
        List<Double> theory = new ArrayList<>();
        for (int ell : ells) {
            for (Truncate.Mode mode : Truncate.Mode.values()) {
                names.add("trunc " + mode + " ℓ=" + ell);
                theory.add(Truncate.costBits(TwoPartyHarness.COST, ell, s, mode));
                names.add("trunc known-MSB " + mode + " ℓ=" + ell);
                theory.add(Truncate.knownMsbCostBits(TwoPartyHarness.COST, ell, s, mode));
                names.add("trunc x≥0 " + mode + " ℓ=" + ell);
                theory.add(Truncate.nonNegativeCostBits(TwoPartyHarness.COST, ell, s, mode));
            }
            names.add("zero-extend ℓ=" + ell);
            theory.add(Extend.zeroExtendCostBits(TwoPartyHarness.COST, ell, ell + 8));
            names.add("sign-extend known MSB ℓ=" + ell);
            theory.add(Extend.extendKnownMsbCostBits(TwoPartyHarness.COST, ell, ell + 8));
            names.add("extend x≥0 ℓ=" + ell);
            theory.add(Extend.extendNonNegativeCostBits(TwoPartyHarness.COST, ell, ell + 8));
        }
        var run = TwoPartyHarness.run(p -> {
            List<Long> b = new ArrayList<>();
            BShare m = BShare.zeros(n);
            for (int ell : ells) {
                AShare x = AShare.zeros(Z2k.of(ell), n);
                for (Truncate.Mode mode : Truncate.Mode.values()) {
                    b.add(TwoPartyHarness.bytes(p, () -> Truncate.run(p, x, s, mode)));
                    b.add(TwoPartyHarness.bytes(p, () -> Truncate.knownMsb(p, x, m, s, mode)));
                    b.add(TwoPartyHarness.bytes(p, () -> Truncate.nonNegative(p, x, s, mode)));
                }
                b.add(TwoPartyHarness.bytes(p, () -> Extend.zeroExtend(p, x, ell + 8)));
                b.add(TwoPartyHarness.bytes(p, () -> Extend.extendKnownMsb(p, x, m, ell + 8, true)));
                b.add(TwoPartyHarness.bytes(p, () -> Extend.extendNonNegative(p, x, ell + 8)));
            }
            return b;
        });
        for (int t = 0; t < names.size(); t++) {
            GatesTest.assertNear(theory.get(t), run.server().get(t) * 8.0 / n, names.get(t));
        }
    }
}
