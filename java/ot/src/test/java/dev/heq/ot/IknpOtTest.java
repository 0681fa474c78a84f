package dev.heq.ot;

import static dev.heq.ot.OtTestSupport.bit;
import static dev.heq.ot.OtTestSupport.eq;
import static dev.heq.ot.OtTestSupport.mask;
import static dev.heq.ot.OtTestSupport.randomBits;
import static dev.heq.ot.OtTestSupport.randomValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heq.net.Channel;
import dev.heq.net.ChannelException;
import dev.heq.net.ChannelStats;
import dev.heq.net.Channels;
import dev.heq.net.NetOptions;
import dev.heq.net.TwoParty;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** IKNP against the OT definitions, over millions of instances, with byte counts checked from the channel. */
class IknpOtTest {
    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static long seed;

    @BeforeAll
    static void seed() {
        seed = System.nanoTime();
        System.out.println("IknpOtTest seed=" + seed);
    }

    /** Bytes of u-matrix for n OTs: 16 per OT, each batch rounded up to 64 OTs. */
    static long uBytes(int n) {
        long t = 0;
        for (int done = 0; done < n; done += IknpOtSender.BATCH) {
            t += 16L * ExtensionCore.roundUp64(Math.min(IknpOtSender.BATCH, n - done));
        }
        return t;
    }

    static long payloadBytes(int n, int perOtBits) {
        long t = 0;
        for (int done = 0; done < n; done += IknpOtSender.BATCH) {
            t += ((long) Math.min(IknpOtSender.BATCH, n - done) * perOtBits + 7) / 8;
        }
        return t;
    }

    /** Runs setup (one warm-up OT), then body, returning results plus the traffic of body alone. */
    record Run<A, B>(A s, B r, ChannelStats sStats, ChannelStats rStats) {}

    static <A, B> Run<A, B> run(Function<OtSender, A> sBody, Function<OtReceiver, B> rBody) {
        var res = TwoParty.run(Channels.inMemoryPair(), a -> {
            OtSender s = new IknpOtSender(a);
            s.randomOt(1, new long[2], new long[2]);
            ChannelStats before = a.stats();
            A out = sBody.apply(s);
            a.flush();
            return new Object[] {out, a.stats().minus(before)};
        }, b -> {
            OtReceiver r = new IknpOtReceiver(b);
            r.randomOt(1, new long[1], new long[2]);
            ChannelStats before = b.stats();
            B out = rBody.apply(r);
            return new Object[] {out, b.stats().minus(before)};
        }, LIMIT);
        @SuppressWarnings("unchecked")
        Run<A, B> run = new Run<>((A) res.p0()[0], (B) res.p1()[0], (ChannelStats) res.p0()[1], (ChannelStats) res.p1()[1]);
        return run;
    }

    @Test
    void randomOt128OverTwoMillionInstances() {
        int n = 2_000_000;
        long[] c = randomBits(new SplittableRandom(seed), n);
        var run = run(s -> {
            long[] m0 = new long[2 * n], m1 = new long[2 * n];
            s.randomOt(n, m0, m1);
            return new long[][] {m0, m1};
        }, r -> {
            long[] m = new long[2 * n];
            r.randomOt(n, c, m);
            return m;
        });
        long[] m0 = run.s()[0], m1 = run.s()[1], m = run.r();
        long ones = 0;
        for (int j = 0; j < n; j++) {
            long[] chosen = bit(c, j) ? m1 : m0, other = bit(c, j) ? m0 : m1;
            eq(chosen[2 * j], m[2 * j], "OT lo", j);
            eq(chosen[2 * j + 1], m[2 * j + 1], "OT hi", j);
            if (other[2 * j] == m[2 * j] && other[2 * j + 1] == m[2 * j + 1]) {
                org.junit.jupiter.api.Assertions.fail("OT " + j + ": the other message equals the output");
            }
            ones += Long.bitCount(m0[2 * j]) + Long.bitCount(m1[2 * j + 1]);
        }
        // 2n·64 fair bits: mean n·64, sd = sqrt(2n·64)/2 ≈ 5657; allow 8 sd
        assertTrue(Math.abs(ones - 64L * n) < 8 * 5657, "bit balance " + ones);
        assertEquals(16L * n, run.rStats().bytesSent(), "IKNP: exactly 128 bits per OT");
        assertEquals(0, run.sStats().bytesSent());
        assertEquals(uBytes(n), run.sStats().bytesReceived());
    }

    private static final int[] ELLS_ROT = {1, 7, 64}, ELLS_COT = {1, 32, 37, 64}, ELLS_CHOSEN = {1, 8, 64};

    /** Millions for one width, smaller runs for the others, all in one session (bounds test time). */
    private static int size(int ell, int big) {
        return ell == big ? 1_000_003 : 200_003;
    }

    @Test
    void randomOtTruncatedToEllBits() {
        long[][] c = new long[65][];
        for (int ell : ELLS_ROT) c[ell] = randomBits(new SplittableRandom(seed + ell), size(ell, 1));
        var run = run(s -> {
            long[][][] out = new long[65][][];
            for (int ell : ELLS_ROT) {
                int n = size(ell, 1);
                out[ell] = new long[][] {new long[n], new long[n]};
                s.randomOt(n, ell, out[ell][0], out[ell][1]);
            }
            return out;
        }, r -> {
            long[][] out = new long[65][];
            for (int ell : ELLS_ROT) {
                out[ell] = new long[size(ell, 1)];
                r.randomOt(size(ell, 1), ell, c[ell], out[ell]);
            }
            return out;
        });
        long expectBytes = 0;
        for (int ell : ELLS_ROT) {
            int n = size(ell, 1);
            long[] m0 = run.s()[ell][0], m1 = run.s()[ell][1], m = run.r()[ell];
            int equalOther = 0;
            for (int j = 0; j < n; j++) {
                eq(bit(c[ell], j) ? m1[j] : m0[j], m[j], "ROT ell=" + ell, j);
                eq(0, m[j] & ~mask(ell), "high bits", j);
                if ((bit(c[ell], j) ? m0[j] : m1[j]) == m[j]) equalOther++;
            }
            // the other message is an independent ell-bit value: equal with probability 2^-ell
            double expect = n / Math.pow(2, ell);
            assertTrue(Math.abs(equalOther - expect) < 6 * Math.sqrt(expect) + 1, "ell=" + ell + " collisions " + equalOther);
            expectBytes += uBytes(n);
        }
        assertEquals(expectBytes, run.rStats().bytesSent(), "128 bits per OT, nothing else");
        assertEquals(0, run.sStats().bytesSent());
    }

    /**
     * Chosen and correlated OT over several batches are one exchange: 2 flights (u-matrices, then payloads). The
     * warm-up random OT ended with a receiver → sender flight, which the u-matrices continue, so each side's
     * counter adds exactly 1 (lock-step batches would add 2 per batch).
     */
    @Test
    void manyBatchesStillTwoFlights() {
        int n = 3 * IknpOtSender.BATCH + 17;
        SplittableRandom rng = new SplittableRandom(seed + 5);
        long[] c = randomBits(rng, n), delta = randomValues(rng, n, 20), m0 = randomValues(rng, n, 20), m1 = randomValues(rng, n, 20);
        var cot = run(s -> {
            long[] x0 = new long[n];
            s.correlatedOt(n, 20, delta, x0);
            return x0;
        }, r -> {
            long[] x = new long[n];
            r.correlatedOt(n, 20, c, x);
            return x;
        });
        for (int j = 0; j < n; j++) eq((cot.s()[j] + (bit(c, j) ? delta[j] : 0)) & mask(20), cot.r()[j], "COT", j);
        assertEquals(1, cot.sStats().rounds(), "COT sender flights");
        assertEquals(1, cot.rStats().rounds(), "COT receiver flights");
        var chosen = run(s -> {
            s.chosenOt(n, 20, m0, m1);
            return null;
        }, r -> {
            long[] m = new long[n];
            r.chosenOt(n, 20, c, m);
            return m;
        });
        for (int j = 0; j < n; j++) eq(bit(c, j) ? m1[j] : m0[j], chosen.r()[j], "chosen", j);
        assertEquals(1, chosen.sStats().rounds(), "chosen OT sender flights");
        assertEquals(1, chosen.rStats().rounds(), "chosen OT receiver flights");
        assertEquals(uBytes(n), chosen.rStats().bytesSent());
        assertEquals(payloadBytes(n, 40), chosen.sStats().bytesSent());
        // several COT jobs of different widths: still one exchange
        int n2 = 1000;
        long[] d2 = randomValues(rng, n2, 64), c2 = randomBits(rng, n2);
        var multi = run(s -> {
            long[] a = new long[n], b = new long[n2];
            s.correlatedOts(new OtSender.Cot(n, 20, delta, a), new OtSender.Cot(n2, 64, d2, b));
            return new long[][] {a, b};
        }, r -> {
            long[] a = new long[n], b = new long[n2];
            r.correlatedOts(new OtReceiver.Cot(n, 20, c, a), new OtReceiver.Cot(n2, 64, c2, b));
            return new long[][] {a, b};
        });
        for (int j = 0; j < n; j++) eq((multi.s()[0][j] + (bit(c, j) ? delta[j] : 0)) & mask(20), multi.r()[0][j], "COT job 0", j);
        for (int j = 0; j < n2; j++) eq(multi.s()[1][j] + (bit(c2, j) ? d2[j] : 0), multi.r()[1][j], "COT job 1", j);
        assertEquals(1, multi.sStats().rounds(), "two COT jobs: sender flights");
        assertEquals(uBytes(n) + uBytes(n2), multi.rStats().bytesSent());
        assertEquals(payloadBytes(n, 20) + payloadBytes(n2, 64), multi.sStats().bytesSent());
    }

    @Test
    void correlatedOtAdditiveModTwoToTheEll() {
        long[][] c = new long[65][], delta = new long[65][];
        for (int ell : ELLS_COT) {
            SplittableRandom rng = new SplittableRandom(seed ^ ell);
            c[ell] = randomBits(rng, size(ell, 37));
            delta[ell] = randomValues(rng, size(ell, 37), ell);
        }
        var run = run(s -> {
            long[][] out = new long[65][];
            for (int ell : ELLS_COT) {
                out[ell] = new long[size(ell, 37)];
                s.correlatedOt(size(ell, 37), ell, delta[ell], out[ell]);
            }
            return out;
        }, r -> {
            long[][] out = new long[65][];
            for (int ell : ELLS_COT) {
                out[ell] = new long[size(ell, 37)];
                r.correlatedOt(size(ell, 37), ell, c[ell], out[ell]);
            }
            return out;
        });
        long u = 0, payload = 0;
        for (int ell : ELLS_COT) {
            int n = size(ell, 37);
            for (int j = 0; j < n; j++) {
                long want = (run.s()[ell][j] + (bit(c[ell], j) ? delta[ell][j] : 0)) & mask(ell);
                eq(want, run.r()[ell][j], "COT ell=" + ell, j);
            }
            u += uBytes(n);
            payload += payloadBytes(n, ell);
        }
        assertEquals(u, run.rStats().bytesSent(), "128 bits per COT from the receiver");
        assertEquals(payload, run.sStats().bytesSent(), "ell bits per COT from the sender");
    }

    @Test
    void chosenMessageOt() {
        long[][] c = new long[65][], m0 = new long[65][], m1 = new long[65][];
        for (int ell : ELLS_CHOSEN) {
            SplittableRandom rng = new SplittableRandom(seed * 31 + ell);
            int n = size(ell, 8);
            c[ell] = randomBits(rng, n);
            m0[ell] = randomValues(rng, n, ell);
            m1[ell] = randomValues(rng, n, ell);
        }
        var run = run(s -> {
            for (int ell : ELLS_CHOSEN) {
                s.chosenOt(size(ell, 8), ell, m0[ell], m1[ell]);
            }
            return null;
        }, r -> {
            long[][] out = new long[65][];
            for (int ell : ELLS_CHOSEN) {
                out[ell] = new long[size(ell, 8)];
                r.chosenOt(size(ell, 8), ell, c[ell], out[ell]);
            }
            return out;
        });
        long u = 0, payload = 0;
        for (int ell : ELLS_CHOSEN) {
            int n = size(ell, 8);
            for (int j = 0; j < n; j++) {
                eq(bit(c[ell], j) ? m1[ell][j] : m0[ell][j], run.r()[ell][j], "chosen ell=" + ell, j);
            }
            u += uBytes(n);
            payload += payloadBytes(n, 2 * ell);
        }
        assertEquals(payload, run.sStats().bytesSent(), "2·ell bits per chosen OT");
        assertEquals(u, run.rStats().bytesSent());
    }

    @Test
    void edgeCountsAndBothDirectionsOnOneChannel() {
        SplittableRandom rng = new SplittableRandom(seed + 99);
        int[] ns = {0, 1, 63, 64, 65, IknpOtSender.BATCH + 1};
        long[][] c = new long[ns.length][], d = new long[ns.length][];
        for (int i = 0; i < ns.length; i++) {
            c[i] = randomBits(rng, ns[i]);
            d[i] = randomValues(rng, ns[i], 20);
        }
        // one session per direction, reused across calls of every size (the OT index/tweak must stay in sync)
        var res = TwoParty.run(Channels.inMemoryPair(), a -> {
            OtSender s = new IknpOtSender(a);
            OtReceiver r = new IknpOtReceiver(a);    // second, independent session in the other direction
            long[][][] out = new long[ns.length][][];
            for (int i = 0; i < ns.length; i++) {
                long[] x0 = new long[ns[i]], y = new long[ns[i]];
                s.correlatedOt(ns[i], 20, d[i], x0);
                r.correlatedOt(ns[i], 20, c[i], y);
                out[i] = new long[][] {x0, y};
            }
            return out;
        }, b -> {
            OtReceiver r = new IknpOtReceiver(b);
            OtSender s = new IknpOtSender(b);
            long[][][] out = new long[ns.length][][];
            for (int i = 0; i < ns.length; i++) {
                long[] x = new long[ns[i]], y0 = new long[ns[i]];
                r.correlatedOt(ns[i], 20, c[i], x);
                s.correlatedOt(ns[i], 20, d[i], y0);
                out[i] = new long[][] {x, y0};
            }
            return out;
        }, LIMIT);
        for (int i = 0; i < ns.length; i++) {
            for (int j = 0; j < ns[i]; j++) {
                long dj = bit(c[i], j) ? d[i][j] : 0;
                eq((res.p0()[i][0][j] + dj) & mask(20), res.p1()[i][0][j], "A->B n=" + ns[i], j);
                eq((res.p1()[i][1][j] + dj) & mask(20), res.p0()[i][1][j], "B->A n=" + ns[i], j);
            }
        }
    }

    @Test
    void randomChoiceOtOutputsItsChoices() {
        int n = 100_001;
        var run = run(s -> {
            long[] m0 = new long[n], m1 = new long[n];
            s.randomChoiceOt(n, 1, m0, m1);
            return new long[][] {m0, m1};
        }, r -> {
            long[] c = new long[(n + 63) / 64], m = new long[n];
            r.randomChoiceOt(n, 1, c, m);
            return new long[][] {c, m};
        });
        long[] c = run.r()[0];
        int ones = 0;
        for (int j = 0; j < n; j++) {
            eq(bit(c, j) ? run.s()[1][j] : run.s()[0][j], run.r()[1][j], "random-choice OT", j);
            ones += bit(c, j) ? 1 : 0;
        }
        assertEquals(0, c[c.length - 1] >>> (n & 63), "bits beyond n are zero");
        assertTrue(Math.abs(ones - n / 2.0) < 6 * Math.sqrt(n / 4.0), "choice balance " + ones);
    }

    @Test
    void sessionsAreIndependent() {
        int n = 1000;
        long[] c = new long[(n + 63) / 64];
        var res = TwoParty.run(Channels.inMemoryPair(), a -> {
            long[] m0a = new long[2 * n], m0b = new long[2 * n];
            new IknpOtSender(a).randomOt(n, m0a, new long[2 * n]);
            new IknpOtSender(a).randomOt(n, m0b, new long[2 * n]);
            return new long[][] {m0a, m0b};
        }, b -> {
            new IknpOtReceiver(b).randomOt(n, c, new long[2 * n]);
            new IknpOtReceiver(b).randomOt(n, c, new long[2 * n]);
            return null;
        }, LIMIT);
        for (int j = 0; j < 2 * n; j++) {
            assertNotEquals(res.p0()[0][j], res.p0()[1][j], "fresh base OTs per session");
        }
    }

    @Test
    void argumentErrorsAreNamed() {
        Channel[] p = Channels.inMemoryPair();
        OtSender s = new IknpOtSender(p[0]);
        assertThrows(IllegalArgumentException.class, () -> s.correlatedOt(10, 0, new long[10], new long[10]));
        assertThrows(IllegalArgumentException.class, () -> s.correlatedOt(10, 65, new long[10], new long[10]));
        assertThrows(IllegalArgumentException.class, () -> s.randomOt(10, new long[19], new long[20]));
        assertThrows(IllegalArgumentException.class, () -> new IknpOtReceiver(p[1]).randomOt(65, new long[1], new long[130]));
        p[0].close();
        p[1].close();
        Channel[] small = Channels.inMemoryPair(NetOptions.defaults().withMaxFrameBytes(1 << 20));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new IknpOtSender(small[0]));
        assertTrue(e.getMessage().contains("maxFrameBytes"), e.getMessage());
        small[0].close();
        small[1].close();
    }

    @Test
    void malformedExtensionMatrixIsAFrameMismatch() {
        ChannelException e = assertThrows(ChannelException.class, () -> TwoParty.run(Channels.inMemoryPair(), a -> {
            new IknpOtSender(a).randomOt(1000, new long[2000], new long[2000]);
            return null;
        }, b -> {
            // honest base OTs, then a u-matrix one byte short
            new ExtensionCore.Receiver(b, 128, new ChouOrlandiOt(), new java.security.SecureRandom());
            b.send(new byte[16 * 1024 - 1]);
            b.flush();
            b.recv(1);   // wait for the sender's reaction (its failure closes the channel)
            return null;
        }, LIMIT));
        assertEquals(ChannelException.Kind.FRAME_MISMATCH, e.kind());
    }

    @Test
    void peerVanishingMidProtocolDoesNotHang() {
        long t0 = System.nanoTime();
        Channel[] p = Channels.inMemoryPair(NetOptions.defaults().withTimeout(Duration.ofSeconds(60)));
        ChannelException e = assertThrows(ChannelException.class, () -> TwoParty.run(p, a -> {
            new IknpOtSender(a).correlatedOt(3 * IknpOtSender.BATCH, 32, new long[3 * IknpOtSender.BATCH],
                    new long[3 * IknpOtSender.BATCH]);
            return null;
        }, b -> {
            new ExtensionCore.Receiver(b, 128, new ChouOrlandiOt(), new java.security.SecureRandom());
            b.close();   // gone after the base OTs
            return null;
        }, LIMIT));
        assertEquals(ChannelException.Kind.PEER_DISCONNECTED, e.kind());
        assertTrue(System.nanoTime() - t0 < 30_000_000_000L, "failed fast, not via the 60 s timeout");
    }
}
