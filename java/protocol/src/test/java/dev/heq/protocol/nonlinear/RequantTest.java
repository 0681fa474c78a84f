package dev.heq.protocol.nonlinear;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.heq.protocol.AShare;
import dev.heq.protocol.Z2k;
import dev.heq.protocol.TestData;
import dev.heq.protocol.TwoPartyHarness;
import dev.heq.quant.FixedPoint;
import dev.heq.quant.QType;
import dev.heq.quant.Requantizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Requantization on shares = dev.heq.quant's reference rule ({@link Requantizer#apply}), element for element. */
class RequantTest {

    record Case(String name, Requantizer rq, int[] channelOf, long[] acc, int inBits, int outBits, AShare[] sh) {}

    static long[] accs(SplittableRandom r, int n, int accBits, FixedPoint[] fs) {
        long lo = -(1L << (accBits - 1)), hi = (1L << (accBits - 1)) - 1;
        long[] a = new long[n];
        long[] edges = {0, 1, -1, lo, hi, lo + 1, hi - 1, 2, -2};
        for (int i = 0; i < n; i++) {
            if (i < edges.length) a[i] = edges[i];
            else if (i % 3 == 0 && fs[0].shift() > 0) {
                // near a rounding tie of the first factor: a·M + r ≈ k·2^s
                long k = r.nextLong(-64, 64);
                a[i] = Math.max(lo, Math.min(hi, (k << fs[0].shift()) / Math.max(1, fs[0].multiplier()) + r.nextInt(-1, 2)));
            } else if (i % 3 == 1) a[i] = Math.max(lo, Math.min(hi, r.nextLong(-4096, 4096)));
            else a[i] = r.nextLong(lo, hi + 1);
        }
        return a;
    }

    @Test
    void requantizationEqualsReferenceEngine() {
        SplittableRandom r = new SplittableRandom(TestData.seed());
        List<Case> cs = new ArrayList<>();
        int n = 301;
        int[][] shapes = {{8, 2}, {16, 4}, {18, 4}, {21, 8}, {24, 8}, {32, 8}, {12, 4}};
        for (int[] sh : shapes) {
            int accBits = sh[0], b = sh[1];
            for (int variant = 0; variant < 4; variant++) {
                FixedPoint[] fs;
                int[] ch = null;
                if (variant == 0) fs = new FixedPoint[] {FixedPoint.of(Math.scalb(1.0 + r.nextDouble(), -(accBits - b)))};
                else if (variant == 1) {
                    fs = new FixedPoint[3];
                    for (int c = 0; c < 3; c++) fs[c] = FixedPoint.of(Math.scalb(1.0 + r.nextDouble(), -(accBits - b) + c));
                    ch = new int[n];
                    for (int i = 0; i < n; i++) ch[i] = i % 3;
                } else if (variant == 2) fs = new FixedPoint[] {new FixedPoint(3, 0)};   // shift 0: no truncation
                else fs = new FixedPoint[] {FixedPoint.of(Math.scalb(1.0, -(accBits - b)), 8)};
                int maxMb = 0;
                for (FixedPoint f : fs) maxMb = Math.max(maxMb, f.multiplierBits());
                if (accBits + maxMb > 62) continue;
                for (boolean signedOut : new boolean[] {false, true}) {
                    QType out = signedOut ? QType.signed(b, 1) : QType.unsigned(b, 1);
                    Requantizer rq = new Requantizer(fs, out, accBits);
                    long[] acc = accs(r, n, accBits, fs);
                    int inBits = variant % 2 == 0 ? 37 : Math.max(accBits, 16 + variant);
                    if (inBits < accBits) inBits = accBits;
                    int outBits = variant == 3 ? b + 1 : (variant == 2 ? 64 : 16);
                    cs.add(new Case("acc" + accBits + "→" + out + " v" + variant, rq, ch, acc, inBits, outBits,
                            AShare.split(Z2k.of(inBits), acc, r)));
                }
            }
        }
        var run = TwoPartyHarness.run(p -> {
            List<AShare> o = new ArrayList<>();
            for (Case c : cs) o.add(Requant.run(p, c.sh[p.role().index()], Requant.Spec.of(c.rq, c.channelOf, c.outBits)));
            return o;
        });
        for (int t = 0; t < cs.size(); t++) {
            Case c = cs.get(t);
            long[] got = AShare.reconstructSigned(run.server().get(t), run.client().get(t));
            for (int i = 0; i < n; i++) {
                int want = c.rq.apply(c.acc[i], c.channelOf == null ? 0 : c.channelOf[i]);
                long g = got[i];
                if (want != g) {
                    assertEquals(want, g, c.name + " " + java.util.Arrays.toString(c.rq.channels()) + " acc[" + i + "] = " + c.acc[i]);
                }
            }
        }
    }

    /** Bytes per element of the ReLU-fused unsigned requantization against its cost model. */
    @Test
    void communicationMatchesTheory() {
        int n = 1 << 12;
        int[][] shapes = {{16, 4}, {18, 4}, {21, 8}};
        List<Requant.Spec> specs = new ArrayList<>();
        for (int[] s : shapes) {
            Requantizer rq = new Requantizer(new FixedPoint[] {FixedPoint.of(Math.scalb(1.37, -(s[0] - s[1])))},
                    QType.unsigned(s[1], 1), s[0]);
            specs.add(Requant.Spec.of(rq, null, s[1] + 1));
        }
        var run = TwoPartyHarness.run(p -> {
            List<Long> b = new ArrayList<>();
            for (Requant.Spec s : specs) {
                AShare x = AShare.zeros(Z2k.of(37), n);
                b.add(TwoPartyHarness.bytes(p, () -> Requant.run(p, x, s)));
            }
            return b;
        });
        for (int t = 0; t < specs.size(); t++) {
            GatesTest.assertNear(Requant.costBits(TwoPartyHarness.COST, specs.get(t)), run.server().get(t) * 8.0 / n,
                    "requant acc" + specs.get(t).accBits() + " → u" + shapes[t][1] + " (ℓ2=" + specs.get(t).wideBits() + ")");
        }
    }
}
