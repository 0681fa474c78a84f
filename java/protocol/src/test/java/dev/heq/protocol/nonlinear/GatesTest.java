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
import org.junit.jupiter.api.Test;

/** AND, B2A and MUX against their ideal functionalities, and their byte counts against the theory. */
class GatesTest {

    /** The triples themselves, reconstructed: c = a∧b for the back end's method, and (silent) the correlated ones. */
    @Test
    void triplesReconstruct() {
        int n = 1000;   // not a multiple of 64: the padding must stay clear
        var run = TwoPartyHarness.run(p -> new Object[] {BitTriples.generate(p, n),
                p.otCost().silent() ? BitTriples.Correlated.generate(p, n) : null});
        BitTriples s = (BitTriples) run.server()[0], c = (BitTriples) run.client()[0];
        long[] a = xor(s.a(), c.a()), b = xor(s.b(), c.b());
        assertArrayEquals(And.ideal(a, b), xor(s.c(), c.c()), "c = a∧b");
        assertTrue(Long.bitCount(a[0]) > 8 && Long.bitCount(b[0]) > 8, "a, b look random");
        if (run.server()[1] instanceof BitTriples.Correlated cs) {
            BitTriples.Correlated cc = (BitTriples.Correlated) run.client()[1];
            long[] ca = xor(cs.a(), cc.a());
            assertArrayEquals(And.ideal(ca, xor(cs.b1(), cc.b1())), xor(cs.c1(), cc.c1()), "c1 = a∧b1");
            assertArrayEquals(And.ideal(ca, xor(cs.b2(), cc.b2())), xor(cs.c2(), cc.c2()), "c2 = a∧b2");
            assertTrue(Long.bitCount(ca[0] ^ xor(cs.b1(), cc.b1())[0]) > 8, "a and b1 independent-looking");
        }
    }

    static long[] xor(long[] x, long[] y) {
        long[] z = new long[x.length];
        for (int i = 0; i < z.length; i++) z[i] = x[i] ^ y[i];
        return z;
    }

    @Test
    void andB2aMuxMatchIdealOnGrid() {
        long seed = TestData.seed();
        SplittableRandom r = new SplittableRandom(seed);
        List<long[]> xs = new ArrayList<>(), ys = new ArrayList<>(), vals = new ArrayList<>();
        List<BShare[]> xsh = new ArrayList<>(), ysh = new ArrayList<>();
        List<AShare[]> vsh = new ArrayList<>();
        List<Integer> ells = new ArrayList<>(), ns = new ArrayList<>();
        for (int ell : TestData.ELLS) {
            for (int n : TestData.SIZES) {
                long[] x = r.longs(BShare.words(n)).toArray(), y = r.longs(BShare.words(n)).toArray();
                BShare[] xs2 = BShare.split(n, x, r), ys2 = BShare.split(n, y, r);
                long[] v = TestData.values(r, n, ell);
                xs.add(BShare.reconstruct(xs2[0], xs2[1]));
                ys.add(BShare.reconstruct(ys2[0], ys2[1]));
                xsh.add(xs2);
                ysh.add(ys2);
                vals.add(v);
                vsh.add(AShare.split(Z2k.of(ell), v, r));
                ells.add(ell);
                ns.add(n);
            }
        }
        var run = TwoPartyHarness.run(p -> {
            int k = p.role().index();
            List<Object[]> out = new ArrayList<>();
            for (int t = 0; t < xsh.size(); t++) {
                BShare z = And.run(p, xsh.get(t)[k], ysh.get(t)[k]);
                AShare a = B2A.run(p, xsh.get(t)[k], Z2k.of(ells.get(t)));
                AShare m = Mux.run(p, ysh.get(t)[k], vsh.get(t)[k]);
                out.add(new Object[] {z, a, m});
            }
            return out;
        });
        for (int t = 0; t < xsh.size(); t++) {
            String what = "ℓ=" + ells.get(t) + " n=" + ns.get(t);
            Object[] s = run.server().get(t), c = run.client().get(t);
            assertArrayEquals(And.ideal(xs.get(t), ys.get(t)), BShare.reconstruct((BShare) s[0], (BShare) c[0]), "AND " + what);
            assertArrayEquals(B2A.ideal(xs.get(t), ns.get(t)), AShare.reconstruct((AShare) s[1], (AShare) c[1]), "B2A " + what);
            assertArrayEquals(Mux.ideal(ys.get(t), vals.get(t)), AShare.reconstruct((AShare) s[2], (AShare) c[2]), "MUX " + what);
        }
    }

    /** Communication from the channel counters vs the back end's formulas (IKNP: B2A 128 + ℓ bits, MUX 2(128 + ℓ), AND 144 + 4). */
    @Test
    void communicationMatchesTheory() {
        int n = 1 << 14;
        int[] ells = {8, 32, 37};
        BShare b = BShare.zeros(n);
        var run = TwoPartyHarness.run(p -> {
            List<Long> bytes = new ArrayList<>();
            for (int ell : ells) {
                AShare x = AShare.zeros(Z2k.of(ell), n);
                bytes.add(TwoPartyHarness.bytes(p, () -> B2A.run(p, b, Z2k.of(ell))));
                bytes.add(TwoPartyHarness.bytes(p, () -> Mux.run(p, b, x)));
            }
            bytes.add(TwoPartyHarness.bytes(p, () -> And.run(p, b, b)));
            return bytes;
        });
        List<Long> m = run.server();
        assertEquals(m, run.client(), "both parties count the same totals");
        for (int i = 0; i < ells.length; i++) {
            assertNear(B2A.costBits(TwoPartyHarness.COST, ells[i]), m.get(2 * i) * 8.0 / n, "B2A ℓ=" + ells[i]);
            assertNear(Mux.costBits(TwoPartyHarness.COST, ells[i]), m.get(2 * i + 1) * 8.0 / n, "MUX ℓ=" + ells[i]);
        }
        assertNear(TwoPartyHarness.COST.and(), m.get(2 * ells.length) * 8.0 / n, "AND");
    }

    /** Zero-length batches are valid and cost nothing. */
    @Test
    void emptyBatches() {
        AShare x = AShare.zeros(Z2k.of(32), 0);
        var run = TwoPartyHarness.run(p -> new Object[] {
                TwoPartyHarness.bytes(p, () -> {
                    Relu.relu(p, x);
                    Truncate.run(p, x, 12, Truncate.Mode.EXACT);
                    Extend.signExtend(p, x, 40);
                    And.run(p, BShare.zeros(0), BShare.zeros(0));
                }),
                Relu.relu(p, x).size()});
        assertEquals(0L, run.server()[0], "bytes for empty batches");
        assertEquals(0, run.client()[1]);
    }

    static void assertNear(double theory, double measured, String what) {
        System.out.printf("%s: measured %.1f bits/element, theory %.1f%n", what, measured, theory);
        assertEquals(theory, measured, theory * 0.10, what + " bits per element");
    }
}
