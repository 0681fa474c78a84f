package dev.heq.ot.ferret;

import static dev.heq.ot.ferret.FerretOtTest.bit;
import static dev.heq.ot.ferret.FerretOtTest.eq;
import static dev.heq.ot.ferret.FerretOtTest.mask;
import static dev.heq.ot.ferret.FerretOtTest.seed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heq.net.Channel;
import dev.heq.net.Channels;
import dev.heq.net.TwoParty;
import dev.heq.ot.NOtReceiver;
import dev.heq.ot.NOtSender;
import dev.heq.ot.OtReceiver;
import dev.heq.ot.OtSender;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Streamed calls: several jobs in one exchange give the definition's outputs, a call is 2 flights (sender's view:
 * receive, then send) however many batches and jobs it has, and a due Ferret iteration runs before the call's
 * first message, never inside it; a top-up at the end of a call with a payload adds no flight. Flights are the channel's direction runs in a fresh scope.
 */
class FerretStreamingTest {
    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final FerretParams P = FerretParams.TEST_SMALL;

    /** Runs body inside a fresh counting scope; returns {rounds, main iterations of this channel's session}. */
    private static long[] flights(Channel ch, CotPool pool, Runnable body) {
        long it0 = pool.iterations();
        String name = "flights-" + System.nanoTime();
        try (Channel.Scope s = ch.scope(name)) {
            body.run();
        }
        return new long[] {ch.stats(name).rounds(), pool.iterations() - it0};
    }

    @Test
    void severalJobsShareOneExchange() {
        severalJobs(new FerretOtProvider(P, 1));
    }

    @Test
    void severalJobsShareOneExchangePipelined() {
        severalJobs(new FerretOtProvider(P, 1, true));
    }

    private static void severalJobs(FerretOtProvider prov) {
        SplittableRandom r = new SplittableRandom(seed("severalJobs"));
        int[] cn = {5000, 1, 0, 12_345};
        int[] cell = {1 + r.nextInt(64), 1, 7, 64};
        int[] nn = {3000, 700, 1, 0, 2500};             // 3000 of 1-of-256: 3 batches
        int[] nlog = {8, 4, 1, 2, 3};
        int[] nell = {1 + r.nextInt(64), 2, 64, 5, 1 + r.nextInt(64)};
        long[][] cdelta = new long[cn.length][], cch = new long[cn.length][];
        for (int t = 0; t < cn.length; t++) {
            cdelta[t] = new long[cn[t]];
            for (int j = 0; j < cn[t]; j++) cdelta[t][j] = r.nextLong();
            cch[t] = new long[(cn[t] + 63) / 64];
            for (int i = 0; i < cch[t].length; i++) cch[t][i] = r.nextLong();
        }
        long[][] tab = new long[nn.length][];
        int[][] nch = new int[nn.length][];
        for (int t = 0; t < nn.length; t++) {
            tab[t] = new long[nn[t] << nlog[t]];
            for (int i = 0; i < tab[t].length; i++) tab[t][i] = r.nextLong() & mask(nell[t]);
            nch[t] = new int[nn[t]];
            for (int j = 0; j < nn[t]; j++) nch[t][j] = r.nextInt(1 << nlog[t]);
        }
        var res = TwoParty.run(Channels.inMemoryPair(), ch -> {
            OtSender s = prov.sender(ch);
            NOtSender ns = prov.nSender(ch);
            CotPool pool = ((FerretOtSender) s).cot();
            pool.ensure(P.usable());                            // setup and first iteration outside the measured calls
            long[][] x0 = new long[cn.length][];
            OtSender.Cot[] jobs = new OtSender.Cot[cn.length];
            for (int t = 0; t < cn.length; t++) jobs[t] = new OtSender.Cot(cn[t], cell[t], cdelta[t], x0[t] = new long[cn[t]]);
            long[] f1 = flights(ch, pool, () -> s.correlatedOts(jobs));
            NOtSender.Job[] njobs = new NOtSender.Job[nn.length];
            for (int t = 0; t < nn.length; t++) {
                long[] tb = tab[t];
                int bigN = 1 << nlog[t];
                // a lazily filled table, as heq-protocol's millionaire passes them
                njobs[t] = new NOtSender.Job(nn[t], nlog[t], nell[t],
                        (from, k, dst) -> System.arraycopy(tb, from * bigN, dst, 0, k * bigN));
            }
            long[] f2 = flights(ch, pool, () -> ns.chosenOts(njobs));
            return new Object[] {x0, f1, f2};
        }, ch -> {
            OtReceiver rc = prov.receiver(ch);
            NOtReceiver nr = prov.nReceiver(ch);
            ((FerretOtReceiver) rc).cot().ensure(P.usable());
            long[][] x = new long[cn.length][];
            OtReceiver.Cot[] jobs = new OtReceiver.Cot[cn.length];
            for (int t = 0; t < cn.length; t++) jobs[t] = new OtReceiver.Cot(cn[t], cell[t], cch[t], x[t] = new long[cn[t]]);
            rc.correlatedOts(jobs);
            long[][] out = new long[nn.length][];
            NOtReceiver.Job[] njobs = new NOtReceiver.Job[nn.length];
            for (int t = 0; t < nn.length; t++) njobs[t] = new NOtReceiver.Job(nn[t], nlog[t], nell[t], nch[t], out[t] = new long[nn[t]]);
            nr.chosenOts(njobs);
            return new long[][][] {x, out};
        }, LIMIT);
        long[][] x0 = (long[][]) res.p0()[0];
        long[][] x = res.p1()[0], out = res.p1()[1];
        for (int t = 0; t < cn.length; t++) {
            for (int j = 0; j < cn[t]; j++) {
                eq((x0[t][j] + (bit(cch[t], j) ? cdelta[t][j] : 0)) & mask(cell[t]), x[t][j], "COT job " + t, j);
            }
        }
        for (int t = 0; t < nn.length; t++) {
            for (int j = 0; j < nn[t]; j++) {
                eq(tab[t][(j << nlog[t]) + nch[t][j]], out[t][j], "1-of-" + (1 << nlog[t]) + " job " + t, j);
            }
        }
        long[] f1 = (long[]) res.p0()[1], f2 = (long[]) res.p0()[2];
        // 17,346 COTs then 3000·8 + 700·4 + 1 + 2500·3 = 34,301 COTs: both fit the first buffer of 60,800
        assertEquals(0, f1[1], "no iteration expected in the COT call");
        assertEquals(2, f1[0], "flights of correlatedOts with 4 jobs");
        // after it 9,153 COTs are left, under a quarter of 60,800: the top-up iteration joins the payload flight
        assertEquals(1, f2[1], "top-up iteration at the end of the 1-of-N call");
        assertEquals(2, f2[0], "flights of chosenOts with 5 jobs (several batches) and a top-up");
    }

    @Test
    void aDueIterationRunsBeforeTheCallNotInside() {
        dueIteration(new FerretOtProvider(P, 1));
    }

    @Test
    void aDueIterationRunsBeforeTheCallNotInsidePipelined() {
        dueIteration(new FerretOtProvider(P, 2, true));
    }

    private static void dueIteration(FerretOtProvider prov) {
        SplittableRandom r = new SplittableRandom(seed("dueIteration"));
        int first = P.usable() - 1000, n = 3000;     // the call needs 3000 COTs of 1-of-2, 1000 are left
        int logN = 4, m = 1500;                      // then 6000 COTs of 1-of-16 in 2 jobs
        long[] dl = new long[n], ch = new long[(n + 63) / 64];
        for (int j = 0; j < n; j++) dl[j] = r.nextLong();
        for (int i = 0; i < ch.length; i++) ch[i] = r.nextLong();
        long[] tab = new long[m << logN];
        int[] v = new int[m];
        for (int i = 0; i < tab.length; i++) tab[i] = r.nextLong() & 0xff;
        for (int j = 0; j < m; j++) v[j] = r.nextInt(1 << logN);
        var res = TwoParty.run(Channels.inMemoryPair(), c -> {
            OtSender s = prov.sender(c);
            NOtSender ns = prov.nSender(c);
            CotPool pool = ((FerretOtSender) s).cot();
            s.randomChoiceOt(first, 1, new long[first], new long[first]);
            long[] x0a = new long[n / 2], x0b = new long[n - n / 2];
            long[] f1 = flights(c, pool, () -> s.correlatedOts(
                    new OtSender.Cot(n / 2, 20, java.util.Arrays.copyOfRange(dl, 0, n / 2), x0a),
                    new OtSender.Cot(n - n / 2, 20, java.util.Arrays.copyOfRange(dl, n / 2, n), x0b)));
            // use up all but 5000 COTs, then a 1-of-16 call of 6000
            int skip = (int) (pool.available() - 5000);
            s.randomChoiceOt(skip, 1, new long[skip], new long[skip]);
            long[] f2 = flights(c, pool, () -> ns.chosenOts(NOtSender.Job.of(m / 3, logN, 8, java.util.Arrays.copyOfRange(tab, 0, (m / 3) << logN)),
                    NOtSender.Job.of(m - m / 3, logN, 8, java.util.Arrays.copyOfRange(tab, (m / 3) << logN, m << logN))));
            long[] x0 = new long[n];
            System.arraycopy(x0a, 0, x0, 0, n / 2);
            System.arraycopy(x0b, 0, x0, n / 2, n - n / 2);
            return new long[][] {x0, f1, f2};
        }, c -> {
            OtReceiver rc = prov.receiver(c);
            NOtReceiver nr = prov.nReceiver(c);
            CotPool pool = ((FerretOtReceiver) rc).cot();
            rc.randomChoiceOt(first, 1, new long[(first + 63) / 64], new long[first]);
            long[] x = new long[n];
            long[] xa = new long[n / 2], xb = new long[n - n / 2];
            long[] cb = new long[(n - n / 2 + 63) / 64];
            for (int j = n / 2; j < n; j++) if (bit(ch, j)) cb[(j - n / 2) >>> 6] |= 1L << ((j - n / 2) & 63);
            rc.correlatedOts(new OtReceiver.Cot(n / 2, 20, ch, xa), new OtReceiver.Cot(n - n / 2, 20, cb, xb));
            System.arraycopy(xa, 0, x, 0, n / 2);
            System.arraycopy(xb, 0, x, n / 2, n - n / 2);
            int skip = (int) (pool.available() - 5000);
            rc.randomChoiceOt(skip, 1, new long[(skip + 63) / 64], new long[skip]);
            long[] o1 = new long[m / 3], o2 = new long[m - m / 3];
            nr.chosenOts(new NOtReceiver.Job(m / 3, logN, 8, v, o1),
                    new NOtReceiver.Job(m - m / 3, logN, 8, java.util.Arrays.copyOfRange(v, m / 3, m), o2));
            long[] o = new long[m];
            System.arraycopy(o1, 0, o, 0, m / 3);
            System.arraycopy(o2, 0, o, m / 3, m - m / 3);
            return new long[][] {x, o};
        }, LIMIT);
        long[] x0 = res.p0()[0], x = res.p1()[0], o = res.p1()[1];
        for (int j = 0; j < n; j++) eq((x0[j] + (bit(ch, j) ? dl[j] : 0)) & mask(20), x[j], "COT", j);
        for (int j = 0; j < m; j++) eq(tab[(j << logN) + v[j]], o[j], "1-of-16", j);
        long[] f1 = res.p0()[1], f2 = res.p0()[2];
        // iteration message (sender → receiver), then the corrections, then the payloads: S R S
        assertEquals(1, f1[1], "one iteration due in the COT call");
        assertEquals(3, f1[0], "flights of the COT call with an iteration: it must come first");
        assertEquals(1, f2[1], "one iteration due in the 1-of-N call");
        assertEquals(3, f2[0], "flights of the 1-of-N call with an iteration: it must come first");
    }

    @Test
    void scheduleCoversEveryOtOnceWithinItsLimits() {
        SplittableRandom r = new SplittableRandom(seed("schedule"));
        for (int trial = 0; trial < 200; trial++) {
            int jobs = r.nextInt(5);
            int[] n = new int[jobs], cots = new int[jobs], batch = new int[jobs];
            long[] bits = new long[jobs];
            for (int t = 0; t < jobs; t++) {
                n[t] = r.nextInt(4) == 0 ? 0 : r.nextInt(1 << (4 + r.nextInt(20)));
                cots[t] = 1 + r.nextInt(8);
                batch[t] = 1 + r.nextInt(1 << 18);
                bits[t] = r.nextInt(3) == 0 ? 0 : (1L + r.nextInt(64)) << r.nextInt(9);
            }
            int usable = 1000 + r.nextInt(20_000_000);
            int maxCots = Math.min(Schedule.MAX_COTS, usable);
            long[] seen = new long[jobs];
            for (Schedule.Segment seg : Schedule.of(n, cots, bits, batch, usable)) {
                long c = 0, bytes = 0;
                assertTrue(!seg.batches().isEmpty(), "empty segment");
                for (Schedule.Batch b : seg.batches()) {
                    assertEquals(seen[b.job()], b.from(), "batches in order, no gap");
                    assertTrue(b.count() >= 1 && b.count() <= batch[b.job()], "batch size");
                    assertEquals((long) b.count() * cots[b.job()], b.cots(), "COTs of a batch");
                    seen[b.job()] += b.count();
                    c += b.cots();
                    bytes += (b.count() * bits[b.job()] + 7) / 8;
                }
                assertEquals(c, seg.cots(), "COTs of a segment");
                assertTrue(c <= maxCots, "segment COTs " + c + " > " + maxCots);
                assertTrue(bytes <= Schedule.MAX_PENDING, "segment payload " + bytes);
            }
            for (int t = 0; t < jobs; t++) assertEquals(n[t], seen[t], "OTs of job " + t);
        }
    }

    @Test
    void ensureRejectsMoreThanOneIteration() {
        var pair = Channels.inMemoryPair();
        FerretCotSender s = new FerretOtProvider(P, 1).cotSender(pair[0]);
        assertThrows(IllegalArgumentException.class, () -> s.ensure(P.usable() + 1L));
        assertThrows(IllegalArgumentException.class, () -> s.ensure(-1));
        pair[0].close();
        pair[1].close();
    }
}
