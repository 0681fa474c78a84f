package dev.heq.ot.ferret;

import dev.heq.net.Channel;
import dev.heq.net.Channels;
import dev.heq.net.TwoParty;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class FerretCotTest {
    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final FerretParams P = FerretParams.TEST_SMALL;

    record Out(long[] blocks, long[] delta, long iterations, long bytesSent) {}

    /** Runs a COT session with the given take sizes on both sides; returns (sender, receiver) outputs. */
    static TwoParty.Result<Out, Out> run(FerretParams p, int threads, int... takes) {
        return run(p, threads, false, takes);
    }

    static TwoParty.Result<Out, Out> run(FerretParams p, int threads, boolean pipelined, int... takes) {
        int total = 0;
        for (int n : takes) total += n;
        int tot = total;
        return TwoParty.run(Channels.inMemoryPair(), ch -> {
            FerretCotSender s = new FerretCotSender(ch, p, threads, pipelined, new SecureRandom());
            long[] out = new long[2 * tot];
            int at = 0;
            for (int n : takes) {
                assertEquals(at, s.cot(n, out, at));
                at += n;
            }
            return new Out(out, s.delta(), s.iterations(), ch.stats().bytesSent());
        }, ch -> {
            FerretCotReceiver r = new FerretCotReceiver(ch, p, threads, pipelined, new SecureRandom());
            long[] out = new long[2 * tot];
            int at = 0;
            for (int n : takes) {
                r.cot(n, out, at);
                at += n;
            }
            return new Out(out, null, r.iterations(), ch.stats().bytesSent());
        }, LIMIT);
    }

    /** Checks M_i = K_i ⊕ x_i·Δ with x_i = bit 0 of M_i for every i; returns the number of ones. */
    static long checkCorrelation(long[] k, long[] m, long[] delta, int n) {
        assertEquals(1, delta[0] & 1, "Δ bit 0");
        long ones = 0;
        for (int i = 0; i < n; i++) {
            long x = m[2 * i] & 1;
            if ((k[2 * i] & 1) != 0) fail("sender block " + i + " has bit 0 set");
            long dl = m[2 * i] ^ k[2 * i], dh = m[2 * i + 1] ^ k[2 * i + 1];
            if (dl != (delta[0] & -x) || dh != (delta[1] & -x)) {
                fail("COT " + i + " breaks the Δ-correlation (x=" + x + ")");
            }
            ones += x;
        }
        return ones;
    }

    @Test
    void everyCotIsDeltaCorrelatedAcrossSeveralIterations() {
        // 4 iterations' worth, taken in uneven pieces that straddle iteration boundaries
        int u = P.usable();
        var res = run(P, 2, 1, 63, u - 64, 5, 2 * u - 5, u / 3, u - u / 3);
        int n = 4 * u;
        long ones = checkCorrelation(res.p0().blocks(), res.p1().blocks(), res.p0().delta(), n);
        // choice bits are pseudo-random: 4σ band around n/2
        double sd = Math.sqrt(n) / 2;
        assertTrue(Math.abs(ones - n / 2.0) < 4 * sd, "choice bits biased: " + ones + " ones of " + n);
        assertEquals(5, res.p0().iterations(), "bootstrap + 4 main iterations");
        assertEquals(5, res.p1().iterations());
        // distinct outputs: no two sender blocks collide (they are pseudo-random 127-bit values)
        java.util.HashSet<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            assertTrue(seen.add(res.p0().blocks()[2 * i] ^ 31 * res.p0().blocks()[2 * i + 1]), "repeated block " + i);
        }
    }

    @Test
    void pipelinedIterationsGiveCorrelatedCots() {
        int u = P.usable();
        var res = run(P, 2, true, 10, u - 10, u + 7, 2 * u - 7, 3);
        checkCorrelation(res.p0().blocks(), res.p1().blocks(), res.p0().delta(), 4 * u + 3);
        // bootstrap + 6 main iterations exchanged: 5 buffers consumed, the 6th computing in the background
        assertEquals(7, res.p0().iterations());
        assertEquals(7, res.p1().iterations());
    }

    @Test
    void pipeliningMismatchFailsWithAClearError() {
        Exception e = assertThrows(RuntimeException.class, () -> TwoParty.run(Channels.inMemoryPair(),
                ch -> new FerretCotSender(ch, P, 1, true, new SecureRandom()).cot(P.usable() + 1, new long[2 * P.usable() + 2], 0),
                ch -> new FerretCotReceiver(ch, P, 1, false, new SecureRandom()).cot(P.usable() + 1, new long[2 * P.usable() + 2], 0),
                LIMIT));
        assertTrue(e.getMessage().contains("pipelining"), "message: " + e.getMessage());
    }

    @Test
    void singleThreadGivesCorrelatedCotsToo() {
        var res = run(P, 1, P.usable() + 100);
        checkCorrelation(res.p0().blocks(), res.p1().blocks(), res.p0().delta(), P.usable() + 100);
    }

    @Test
    void iterationTrafficMatchesTheFormula() {
        // one session takes exactly 1 usable batch, another 3: the difference is exactly 2 iterations' bytes
        var one = run(P, 2, P.usable());
        var three = run(P, 2, 3 * P.usable());
        long perIter = (three.p0().bytesSent() - one.p0().bytesSent()) / 2;
        long framing = perIter - P.iterationBytes();
        assertTrue(framing >= 0 && framing <= 64, "per-iteration sender bytes " + perIter + " vs formula "
                + P.iterationBytes());
        assertEquals(one.p1().bytesSent(), three.p1().bytesSent(), "receiver sends nothing after setup");
        assertTrue(8.0 * perIter / P.usable() < 8.0 * P.iterationBytes() / P.usable() + 0.01);
    }

    @Test
    void setupTrafficMatchesTheFormula() {
        int m = P.reservePre();
        // IKNP alone, the same number of random OTs: its bytes are the base-OT + extension part of Ferret's setup
        var iknp = TwoParty.run(Channels.inMemoryPair(), ch -> {
            new dev.heq.ot.IknpOtSender(ch).randomOt(m, new long[2 * m], new long[2 * m]);
            return ch.stats().bytesSent();
        }, ch -> {
            new dev.heq.ot.IknpOtReceiver(ch).randomOt(m, new long[(m + 63) / 64], new long[2 * m]);
            return ch.stats().bytesSent();
        }, LIMIT);
        var setup = TwoParty.run(Channels.inMemoryPair(), ch -> {
            new FerretCotSender(ch, P, 1, new SecureRandom()).setupNow();
            return ch.stats().bytesSent();
        }, ch -> {
            new FerretCotReceiver(ch, P, 1, new SecureRandom()).setupNow();
            return ch.stats().bytesSent();
        }, LIMIT);
        // sender: fingerprint (8 B) + IKNP + d (16 B per bootstrap COT) + LPN seed (16 B) + the bootstrap iteration
        long want = iknp.p0() + 8 + 16L * m + 16 + P.preIterationBytes();
        long extra = setup.p0() - want;
        assertTrue(extra >= 0 && extra <= 3 * 16, "sender setup bytes " + setup.p0() + " vs formula " + want);
        assertEquals(iknp.p1(), setup.p1(), "receiver sends only its IKNP messages during setup");
    }

    @Test
    void b13SecureSetIsConsistent() {
        FerretParams b = FerretParams.B13;
        assertEquals(10_485_760, b.n());
        assertEquals(468_640, b.reserve());
        assertEquals(10_017_120, b.usable());
        assertEquals(552_960, b.iterationBytes());
        assertTrue(8.0 * b.iterationBytes() / b.usable() < 0.45, "bits per COT");
        assertTrue(b.nPre() >= b.reserve());
        FerretParams b12 = FerretParams.B12;
        assertEquals(10_000_588, b12.usable());
        assertEquals(1_002_800, b12.iterationBytes());
        assertTrue(8.0 * b12.iterationBytes() / b12.usable() < 1.0, "b12 bits per COT");
    }

    @Test
    void badParametersAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new FerretParams("x", 1000, 64, 4, 8, 6144, 1024, 24, 8, false), "n != t·2^h");
        assertThrows(IllegalArgumentException.class,
                () -> new FerretParams("x", 65536, 4096, 64, 10, 1024, 256, 4, 8, false), "nPre < reserve");
        assertThrows(IllegalArgumentException.class,
                () -> new FerretParams("x", 1024, 1000, 4, 8, 6144, 1024, 24, 8, false), "reserve ≥ n");
    }

    @Test
    void mismatchedParametersFailWithAClearError() {
        FerretParams other = new FerretParams("other", 131_072, 4_096, 128, 10, 6_144, 1_024, 24, 8, false);
        Exception e = assertThrows(RuntimeException.class, () -> TwoParty.run(Channels.inMemoryPair(),
                ch -> new FerretCotSender(ch, P, 1, new SecureRandom()).cot(10, new long[20], 0),
                ch -> new FerretCotReceiver(ch, other, 1, new SecureRandom()).cot(10, new long[20], 0), LIMIT));
        assertTrue(e.getMessage().contains("parameter set"), "message: " + e.getMessage());
    }

    @Test
    void peerDisconnectFailsInsteadOfHanging() {
        Channel[] pair = Channels.inMemoryPair();
        pair[0].close();
        FerretCotReceiver r = new FerretCotReceiver(pair[1], P, 1, new SecureRandom());
        assertThrows(RuntimeException.class, () -> r.cot(1, new long[2], 0));
        // the session is now broken and says so
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> r.cot(1, new long[2], 0));
        assertTrue(again.getMessage().contains("broken"));
    }

    @Test
    void lpnEncoderMatchesNaiveOracle() {
        long seedV = new SecureRandom().nextLong();
        System.out.println("lpnEncoderMatchesNaiveOracle seed=" + seedV);
        SplittableRandom r = new SplittableRandom(seedV);
        byte[] seed = new byte[16];
        for (int i = 0; i < 16; i++) seed[i] = (byte) r.nextInt();
        LpnEncoder enc = new LpnEncoder(seed);
        int n = 3 * LpnEncoder.CHUNK + 98, k = 1000 + r.nextInt(5000);
        long[] s = new long[2 * (k + 7)];
        for (int i = 0; i < s.length; i++) s[i] = r.nextLong();
        long[] y = new long[2 * n];
        for (int i = 0; i < y.length; i++) y[i] = r.nextLong();
        long[] want = y.clone();
        for (int i = 0; i < n; i++) {
            int[] cols = enc.row(i, k);
            for (int c : cols) {
                assertTrue(c >= 0 && c < k);
                want[2 * i] ^= s[2 * (7 + c)];
                want[2 * i + 1] ^= s[2 * (7 + c) + 1];
            }
        }
        long[] y2 = y.clone();
        enc.encode(y, n, s, 7, k, 1);
        enc.encode(y2, n, s, 7, k, 3);
        for (int i = 0; i < 2 * n; i++) {
            if (want[i] != y[i] || want[i] != y2[i]) fail("LPN row " + i / 2 + " differs from the oracle");
        }
    }
}
