package dev.heq.ot.ferret;

import dev.heq.net.Channels;
import dev.heq.net.TwoParty;
import dev.heq.ot.NOtReceiver;
import dev.heq.ot.NOtSender;
import dev.heq.ot.OtReceiver;
import dev.heq.ot.OtSender;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Every OT flavour against its definition, on the small (insecure, fast) parameter set, sizes crossing refills. */
class FerretOtTest {
    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final FerretParams P = FerretParams.TEST_SMALL;

    static long mask(int ell) {
        return ell == 64 ? -1L : (1L << ell) - 1;
    }

    static boolean bit(long[] c, int j) {
        return ((c[j >>> 6] >>> (j & 63)) & 1) != 0;
    }

    static long seed(String test) {
        long s = new SecureRandom().nextLong();
        System.out.println(test + " seed=" + s);
        return s;
    }

    static void eq(long want, long got, String what, int j) {
        if (want != got) fail(what + " #" + j + ": expected " + want + " but got " + got);
    }

    @Test
    void oneOfTwoFlavoursMatchTheirDefinitions() {
        oneOfTwo(new FerretOtProvider(P, 2));
    }

    @Test
    void oneOfTwoFlavoursMatchTheirDefinitionsPipelined() {
        oneOfTwo(new FerretOtProvider(P, 1, true));
    }

    private static void oneOfTwo(FerretOtProvider prov) {
        SplittableRandom r = new SplittableRandom(seed("oneOfTwo"));
        int n = P.usable() + 777;            // forces a refill inside the calls
        int ell = 1 + r.nextInt(64);
        long[] c = new long[(n + 63) / 64];
        for (int i = 0; i < c.length; i++) c[i] = r.nextLong();
        long[] msg0 = new long[n], msg1 = new long[n], dl = new long[n];
        for (int i = 0; i < n; i++) {
            msg0[i] = r.nextLong() & mask(ell);
            msg1[i] = r.nextLong() & mask(ell);
            dl[i] = r.nextLong();
        }
        var res = TwoParty.run(Channels.inMemoryPair(), ch -> {
            OtSender s = prov.sender(ch);
            long[][] o = new long[7][];
            o[0] = new long[2 * n]; o[1] = new long[2 * n];
            s.randomOt(n, o[0], o[1]);
            o[2] = new long[n]; o[3] = new long[n];
            s.randomOt(n, ell, o[2], o[3]);
            o[4] = new long[n];
            s.correlatedOt(n, ell, dl, o[4]);
            s.chosenOt(n, ell, msg0, msg1);
            o[5] = new long[n]; o[6] = new long[n];
            s.randomChoiceOt(n, ell, o[5], o[6]);
            return o;
        }, ch -> {
            OtReceiver rc = prov.receiver(ch);
            long[][] o = new long[5][];
            o[0] = new long[2 * n];
            rc.randomOt(n, c, o[0]);
            o[1] = new long[n];
            rc.randomOt(n, ell, c, o[1]);
            o[2] = new long[n];
            rc.correlatedOt(n, ell, c, o[2]);
            o[3] = new long[n];
            rc.chosenOt(n, ell, c, o[3]);
            o[4] = new long[n + (n + 63) / 64];
            long[] rcOut = new long[(n + 63) / 64];
            rc.randomChoiceOt(n, ell, rcOut, o[4]);
            System.arraycopy(rcOut, 0, o[4], n, rcOut.length);
            return o;
        }, LIMIT);
        long[][] s = res.p0(), q = res.p1();
        long m = mask(ell);
        int distinct = 0;
        for (int j = 0; j < n; j++) {
            boolean cj = bit(c, j);
            eq(cj ? s[1][2 * j] : s[0][2 * j], q[0][2 * j], "ROT128 lo", j);
            eq(cj ? s[1][2 * j + 1] : s[0][2 * j + 1], q[0][2 * j + 1], "ROT128 hi", j);
            if (s[0][2 * j] != s[1][2 * j]) distinct++;
            eq(cj ? s[3][j] : s[2][j], q[1][j], "ROT ell", j);
            eq((s[4][j] + (cj ? dl[j] : 0)) & m, q[2][j], "COT", j);
            eq(cj ? msg1[j] : msg0[j], q[3][j], "chosen OT", j);
            boolean rj = ((q[4][n + (j >>> 6)] >>> (j & 63)) & 1) != 0;
            eq(rj ? s[6][j] : s[5][j], q[4][j], "random-choice OT", j);
        }
        assertEquals(n, distinct, "m0 and m1 of a random OT must differ");
    }

    @Test
    void oneOfNChosenAndRandomForAllSizes() {
        SplittableRandom r = new SplittableRandom(seed("oneOfN"));
        FerretOtProvider prov = new FerretOtProvider(P, 2);
        int[] logNs = {1, 2, 4, 8};
        int[] ns = {3000, 20_000, 9_000, 300};
        int[] ells = {1 + r.nextInt(64), 2, 1 + r.nextInt(64), 64};
        int[][] ch = new int[4][];
        long[][] msgs = new long[4][];
        for (int a = 0; a < 4; a++) {
            int bigN = 1 << logNs[a];
            ch[a] = new int[ns[a]];
            for (int j = 0; j < ns[a]; j++) ch[a][j] = r.nextInt(bigN);
            msgs[a] = new long[ns[a] * bigN];
            for (int i = 0; i < msgs[a].length; i++) msgs[a][i] = r.nextLong() & mask(ells[a]);
        }
        var res = TwoParty.run(Channels.inMemoryPair(), c -> {
            NOtSender s = prov.nSender(c);
            OtSender s2 = prov.sender(c);       // shares the COT session: interleave with 1-of-2 calls
            long[][] rnd = new long[4][];
            for (int a = 0; a < 4; a++) {
                s.chosenOt(ns[a], logNs[a], ells[a], msgs[a]);
                rnd[a] = new long[ns[a] << logNs[a]];
                s.randomOt(ns[a], logNs[a], ells[a], rnd[a]);
                s2.randomOt(17, 5, new long[17], new long[17]);
            }
            return rnd;
        }, c -> {
            NOtReceiver rc = prov.nReceiver(c);
            OtReceiver rc2 = prov.receiver(c);
            long[][] got = new long[8][];
            for (int a = 0; a < 4; a++) {
                got[a] = new long[ns[a]];
                rc.chosenOt(ns[a], logNs[a], ells[a], ch[a], got[a]);
                got[4 + a] = new long[ns[a]];
                rc.randomOt(ns[a], logNs[a], ells[a], ch[a], got[4 + a]);
                rc2.randomOt(17, 5, new long[1], new long[17]);
            }
            return got;
        }, LIMIT);
        for (int a = 0; a < 4; a++) {
            int bigN = 1 << logNs[a];
            for (int j = 0; j < ns[a]; j++) {
                eq(msgs[a][j * bigN + ch[a][j]], res.p1()[a][j], "chosen 1-of-" + bigN, j);
                eq(res.p0()[a][j * bigN + ch[a][j]], res.p1()[4 + a][j], "random 1-of-" + bigN, j);
            }
            if (ells[a] >= 32) {
                // random keys of one OT are pairwise distinct (pseudo-random, ell ≥ 32 bits)
                java.util.HashSet<Long> keys = new java.util.HashSet<>();
                for (int v = 0; v < bigN; v++) keys.add(res.p0()[a][v]);
                assertEquals(bigN, keys.size(), "keys of OT 0 collide for N=" + bigN);
            }
        }
    }

    @Test
    void randomOtIsCheapAfterSetup() {
        // bytes per OT after setup: 1 derandomisation bit (+ framing) for chosen-choice ROT, 0 for random-choice
        FerretOtProvider prov = new FerretOtProvider(P, 1);
        int n = 3 * P.usable();
        var res = TwoParty.run(Channels.inMemoryPair(), c -> {
            OtSender s = prov.sender(c);
            s.randomChoiceOt(1, 1, new long[1], new long[1]);       // setup
            long before = c.stats().bytesTotal();
            s.randomChoiceOt(n, 1, new long[n], new long[n]);
            return c.stats().bytesTotal() - before;
        }, c -> {
            OtReceiver rc = prov.receiver(c);
            rc.randomChoiceOt(1, 1, new long[1], new long[1]);
            rc.randomChoiceOt(n, 1, new long[(n + 63) / 64], new long[n]);
            return 0L;
        }, LIMIT);
        // 3 refills happen within the call (the last may be partly used)
        long bytes = res.p0();
        assertTrue(bytes <= 3 * P.iterationBytes() + 256 && bytes >= 2 * P.iterationBytes(), "bytes " + bytes);
    }

    @Test
    void badArgumentsAreRejected() {
        FerretOtProvider prov = new FerretOtProvider(P, 1);
        var pair = Channels.inMemoryPair();
        OtSender s = prov.sender(pair[0]);
        NOtReceiver nr = prov.nReceiver(pair[1]);
        assertThrows(IllegalArgumentException.class, () -> s.chosenOt(4, 0, new long[4], new long[4]));
        assertThrows(IllegalArgumentException.class, () -> s.chosenOt(4, 65, new long[4], new long[4]));
        assertThrows(IllegalArgumentException.class, () -> s.chosenOt(-1, 8, new long[4], new long[4]));
        assertThrows(IllegalArgumentException.class, () -> s.randomOt(4, new long[7], new long[8]));
        assertThrows(IllegalArgumentException.class, () -> nr.chosenOt(2, 2, 4, new int[] {1, 4}, new long[2]));
        assertThrows(IllegalArgumentException.class, () -> nr.chosenOt(2, 9, 4, new int[] {1, 2}, new long[2]));
        assertThrows(IllegalArgumentException.class, () -> new FerretOtProvider(P, 0));
        assertNotEquals(prov.sender(pair[0]), s);
        assertEquals(((FerretOtSender) s).cot(), ((FerretOtSender) prov.sender(pair[0])).cot(), "one session per channel");
        pair[0].close();
        pair[1].close();
    }
}
