package dev.heq.ot;

import static dev.heq.ot.OtTestSupport.eq;
import static dev.heq.ot.OtTestSupport.mask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heq.net.Channel;
import dev.heq.net.ChannelStats;
import dev.heq.net.Channels;
import dev.heq.net.TwoParty;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** KK13 1-out-of-N OT against its definition; communication = 256 bits + N·ell bits per OT. */
class Kk13OtTest {
    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static long seed;

    @BeforeAll
    static void seed() {
        seed = System.nanoTime();
        System.out.println("Kk13OtTest seed=" + seed);
    }

    @Test
    void codewordsAreWalshHadamardWithDistance128() {
        for (int v = 0; v < 256; v++) {
            for (int i = 0; i < 256; i++) {
                long b = (Kk13OtSender.CODE[v][i >>> 6] >>> (i & 63)) & 1;
                assertEquals(Integer.bitCount(v & i) & 1, (int) b);
            }
            for (int w = 0; w < v; w++) {
                int d = 0;
                for (int k = 0; k < 4; k++) d += Long.bitCount(Kk13OtSender.CODE[v][k] ^ Kk13OtSender.CODE[w][k]);
                assertEquals(128, d, v + " vs " + w);
            }
        }
    }

    private static long uBytes(int n, int batch) {
        long t = 0;
        for (int done = 0; done < n; done += batch) t += 32L * ExtensionCore.roundUp64(Math.min(batch, n - done));
        return t;
    }

    private static long payload(int n, int batch, int bitsPerOt) {
        long t = 0;
        for (int done = 0; done < n; done += batch) t += ((long) Math.min(batch, n - done) * bitsPerOt + 7) / 8;
        return t;
    }

    private void chosen(int n, int logN, int ell) {
        int bigN = 1 << logN;
        SplittableRandom r = new SplittableRandom(seed + 1000L * logN + ell);
        long[] msgs = new long[n * bigN];
        for (int i = 0; i < msgs.length; i++) msgs[i] = r.nextLong() & mask(ell);
        int[] choice = new int[n];
        for (int j = 0; j < n; j++) choice[j] = r.nextInt(bigN);
        choice[0] = 0;
        if (n > 1) choice[1] = bigN - 1;
        var res = TwoParty.run(Channels.inMemoryPair(), a -> {
            NOtSender s = new Kk13OtSender(a);
            s.chosenOt(1, logN, ell, new long[bigN]);   // base OTs
            ChannelStats before = a.stats();
            s.chosenOt(n, logN, ell, msgs);
            a.flush();
            return a.stats().minus(before);
        }, b -> {
            NOtReceiver rc = new Kk13OtReceiver(b);
            rc.chosenOt(1, logN, ell, new int[1], new long[1]);
            ChannelStats before = b.stats();
            long[] out = new long[n];
            rc.chosenOt(n, logN, ell, choice, out);
            return new Object[] {out, b.stats().minus(before)};
        }, LIMIT);
        long[] out = (long[]) res.p1()[0];
        for (int j = 0; j < n; j++) {
            eq(msgs[j * bigN + choice[j]], out[j], "1-of-" + bigN + " ell=" + ell, j);
        }
        int batch = Kk13OtSender.batch(bigN, ell);
        ChannelStats rs = (ChannelStats) res.p1()[1];
        assertEquals(uBytes(n, batch), rs.bytesSent(), "256 bits per OT");
        assertEquals(payload(n, batch, bigN * ell), res.p0().bytesSent(), "N·ell bits per OT");
    }

    /** An empty first call (n = 0 or no jobs) opens the session on both sides alike; later calls still work. */
    @Test
    void emptyCallsOnAFreshSession() {
        long[] msgs = new long[10 * 16];
        for (int i = 0; i < msgs.length; i++) msgs[i] = i & 3;
        int[] choice = new int[10];
        for (int j = 0; j < 10; j++) choice[j] = (3 * j) & 15;
        var res = TwoParty.run(Channels.inMemoryPair(), a -> {
            NOtSender s = new Kk13OtSender(a);
            s.chosenOt(0, 4, 2, new long[0]);
            s.chosenOts();
            s.randomOt(0, 4, 2, new long[0]);
            s.chosenOt(10, 4, 2, msgs);
            return null;
        }, b -> {
            NOtReceiver r = new Kk13OtReceiver(b);
            r.chosenOt(0, 4, 2, new int[0], new long[0]);
            r.chosenOts();
            r.randomOt(0, 4, 2, new int[0], new long[0]);
            long[] out = new long[10];
            r.chosenOt(10, 4, 2, choice, out);
            return out;
        }, LIMIT);
        for (int j = 0; j < 10; j++) eq(msgs[16 * j + choice[j]], res.p1()[j], "after empty calls", j);
    }

    /** The batch schedule covers every OT once, in order, and ends a segment before the held-back payload tops 64 MiB. */
    @Test
    void scheduleBoundsThePendingPayload() {
        int[] n = {100_000, 5, 3_000_000}, logN = {8, 1, 4}, ell = {64, 3, 2};
        var sched = Kk13OtSender.schedule(n, logN, ell);
        long[] covered = new long[n.length];
        long pending = 0;
        int segments = 0;
        for (int[] bt : sched) {
            assertEquals(covered[bt[0]], bt[1], "batches in order");
            covered[bt[0]] += bt[2];
            pending += dev.heq.primitives.BitPacking.packedBytes(bt[2] << logN[bt[0]], ell[bt[0]]);
            if (bt[3] == 1) {
                assertTrue(pending <= Kk13OtSender.MAX_PENDING, "segment payload " + pending);
                pending = 0;
                segments++;
            }
        }
        for (int t = 0; t < n.length; t++) assertEquals(n[t], covered[t], "job " + t + " covered");
        assertEquals(1, sched.get(sched.size() - 1)[3], "the last batch ends a segment");
        // job 0 alone: 100,000 · 256 · 64 bits = 195 MiB → 4 segments; jobs 1-2 (≈ 11 MiB) share the last
        assertEquals(4, segments);
    }

    /**
     * Several jobs of different shapes in one chosenOts call: each against the definition, bytes = Σ (256 code bits
     * + N·ell) per OT, and 2 flights in all (u-matrices, then payloads), for sizes spanning several batches.
     */
    @Test
    void severalJobsInOneRoundTrip() {
        int[][] shapes = {{20_000, 4, 2}, {70_001, 6, 1}, {9_000, 5, 2}, {3, 8, 64}};
        SplittableRandom r = new SplittableRandom(seed + 11);
        int jobs = shapes.length;
        long[][] msgs = new long[jobs][];
        int[][] choice = new int[jobs][];
        for (int t = 0; t < jobs; t++) {
            int n = shapes[t][0], bigN = 1 << shapes[t][1];
            msgs[t] = new long[n * bigN];
            for (int i = 0; i < msgs[t].length; i++) msgs[t][i] = r.nextLong() & mask(shapes[t][2]);
            choice[t] = new int[n];
            for (int j = 0; j < n; j++) choice[t][j] = r.nextInt(bigN);
        }
        var res = TwoParty.run(Channels.inMemoryPair(), a -> {
            NOtSender s = new Kk13OtSender(a);
            s.chosenOt(1, 1, 1, new long[2]);   // base OTs
            ChannelStats before = a.stats();
            NOtSender.Job[] js = new NOtSender.Job[jobs];
            for (int t = 0; t < jobs; t++) js[t] = NOtSender.Job.of(shapes[t][0], shapes[t][1], shapes[t][2], msgs[t]);
            s.chosenOts(js);
            a.flush();
            return a.stats().minus(before);
        }, b -> {
            NOtReceiver rc = new Kk13OtReceiver(b);
            rc.chosenOt(1, 1, 1, new int[1], new long[1]);
            ChannelStats before = b.stats();
            long[][] out = new long[jobs][];
            NOtReceiver.Job[] js = new NOtReceiver.Job[jobs];
            for (int t = 0; t < jobs; t++) {
                out[t] = new long[shapes[t][0]];
                js[t] = new NOtReceiver.Job(shapes[t][0], shapes[t][1], shapes[t][2], choice[t], out[t]);
            }
            rc.chosenOts(js);
            return new Object[] {out, b.stats().minus(before)};
        }, LIMIT);
        long[][] out = (long[][]) res.p1()[0];
        long u = 0, pay = 0;
        for (int t = 0; t < jobs; t++) {
            int bigN = 1 << shapes[t][1], ell = shapes[t][2], n = shapes[t][0];
            for (int j = 0; j < n; j++) eq(msgs[t][j * bigN + choice[t][j]], out[t][j], "job " + t, j);
            int batch = Kk13OtSender.batch(bigN, ell);
            u += uBytes(n, batch);
            pay += payload(n, batch, bigN * ell);
        }
        assertEquals(u, res.p0().bytesReceived(), "256 bits per OT");
        assertEquals(pay, res.p0().bytesSent(), "N·ell bits per OT");
        assertEquals(2, res.p0().rounds(), "sender flights");
        assertEquals(2, ((ChannelStats) res.p1()[1]).rounds(), "receiver flights");
    }

    @Test
    void oneOutOfSixteenTwoBitMessagesAsInTheMillionaire() {
        chosen(1_000_000, 4, 2);
    }

    @Test
    void otherSizes() {
        chosen(100_000, 1, 64);
        chosen(50_003, 3, 13);
        chosen(20_000, 8, 1);
        chosen(10_000, 8, 64);    // payload-limited batches of 8192
    }

    @Test
    void randomOneOutOfN() {
        int n = 200_000, logN = 4, ell = 8, bigN = 16;
        SplittableRandom r = new SplittableRandom(seed);
        int[] choice = new int[n];
        for (int j = 0; j < n; j++) choice[j] = r.nextInt(bigN);
        var res = TwoParty.run(Channels.inMemoryPair(), a -> {
            long[] out = new long[n * bigN];
            new Kk13OtSender(a).randomOt(n, logN, ell, out);
            return out;
        }, b -> {
            long[] out = new long[n];
            new Kk13OtReceiver(b).randomOt(n, logN, ell, choice, out);
            return out;
        }, LIMIT);
        long[] all = res.p0();
        int collisions = 0;
        for (int j = 0; j < n; j++) {
            eq(all[j * bigN + choice[j]], res.p1()[j], "random 1-of-16", j);
            for (int v = 0; v < bigN; v++) {
                if (v != choice[j] && all[j * bigN + v] == res.p1()[j]) collisions++;
            }
        }
        // other entries are independent 8-bit values: 15 n / 256 expected equalities
        double expect = 15.0 * n / 256;
        assertTrue(Math.abs(collisions - expect) < 6 * Math.sqrt(expect), "collisions " + collisions + " vs " + expect);
    }

    @Test
    void choicesOutOfRangeAreRejected() {
        Channel[] p = Channels.inMemoryPair();
        NOtReceiver rc = new Kk13OtReceiver(p[1]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rc.chosenOt(3, 4, 2, new int[] {0, 16, 1}, new long[3]));
        assertTrue(e.getMessage().contains("choices[1] = 16"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rc.chosenOt(1, 9, 2, new int[1], new long[1]));
        assertThrows(IllegalArgumentException.class, () -> new Kk13OtSender(p[0]).chosenOt(2, 4, 2, new long[31]));
        p[0].close();
        p[1].close();
    }
}
