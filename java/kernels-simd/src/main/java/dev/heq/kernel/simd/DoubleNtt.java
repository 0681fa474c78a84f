package dev.heq.kernel.simd;

import static dev.heq.kernel.simd.Lanes.D;
import static dev.heq.kernel.simd.Lanes.L;

import dev.heq.kernel.ModArith;
import dev.heq.kernel.NttTables;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Negacyclic NTT for primes q &lt; 2^50 in double lanes ("simd-double50").
 *
 * <h2>Exact modular multiplication with FMA</h2>
 * For an integer v with |v| &lt; 2^51 and a twiddle W in [0, q), with Wq = RN(W/q), nW = −W, VM = 1.5·2^52:
 * <pre>
 *   nh = RN(−v·W)                       (so −nh is the rounded product)
 *   lo = fma(v, W, nh) = v·W − RN(v·W)   exact (FMA two-product), |lo| ≤ 2^48
 *   c  = fma(v, Wq, VM) − VM             = round(v·Wq), an integer (ulp of VM + x is 1 while |x| &lt; 2^51)
 *   T  = lo − fma(c, q, nh)              = v·W − c·q exactly
 * </pre>
 * fma(c, q, nh) = c·q − RN(v·W) = T − lo is an integer below 2^51 in magnitude, hence exact; so is T. Since
 * |v·Wq − v·W/q| ≤ |v|·2^−53, |c − v·W/q| ≤ 1/2 + |v|·2^−53 and |T| ≤ q·(1/2 + |v|·2^−53) ≤ 3q/4. The same
 * with W = 1 reduces a value: red(v) = fma(round(v·(1/q)), −q, v), |red(v)| ≤ q/2 + 1.
 *
 * <h2>Signed lazy values and the reduction schedule</h2>
 * Coefficients live in a double[] scratch as signed integers. A Cooley–Tukey butterfly X' = X + T,
 * Y' = X − T grows the bound B of all values by at most |T| per stage; a Gentleman–Sande butterfly doubles it.
 * Multiplication inputs must stay below LIMIT = 2^51, so {@link Plan} walks the stages once per (N, q, input
 * factor) with conservative bounds and marks the stages before which both butterfly inputs are reduced (3
 * flops each). For q near 2^50 that is about every second or third stage; for smaller q almost never. The last
 * step reduces to [0, q) exactly and converts back to long: output factors 4 (forward) and 2 (inverse) get
 * fully reduced outputs, which is within contract.
 *
 * <h2>Passes</h2>
 * Forward: stage 1 (reading and converting the long input), pairs of stages fused into radix-4 passes while
 * the half-length is ≥ 16, one radix-2 stage if the count is odd, then the three small strides t = 4, 2, 1
 * on 16-coefficient blocks in registers (two-table permutes, {@link Lanes}) ending with the exact reduction and
 * the long store. Inverse: conversion, the small strides, radix-4 pairs, and the last stage with N^−1 folded in.
 * N = 4096 takes 6 passes over the data instead of 14.
 *
 * <p>Every pass is its own static method with no calls to helpers of ours inside: past C2's
 * NodeCountInliningCutoff even a 20-byte helper is not inlined and then boxes its vectors (observed with a reduce() helper: 51 µs instead of 12 µs). The stage methods must not combine
 * L2D conversion with the permutes either: such a method took C2 about 12 s to compile on this machine, so the
 * inverse converts in a separate pass. Twiddles are negated ahead of time because C2 does not fuse a neg()
 * into the FMA (pitfall 11).
 */
final class DoubleNtt {
    private DoubleNtt() {}

    /** Largest modulus this path accepts (exclusive). */
    static final long MAX_Q = 1L << 50;
    static final double VM = 0x1.8p52;
    static final double LIMIT = 0x1p51;

    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[1][0]);

    private static double[] scratch(int n) {
        double[][] h = SCRATCH.get();
        if (h[0].length < n) {
            h[0] = new double[n];
        }
        return h[0];
    }

    /** Per-(N, q) data: double twiddles, per-lane small-stride layouts, reduction schedules. */
    static final class Plan {
        final int n;
        final int logN;
        final double q;
        final double qinv;
        /** Forward: W and W/q, indexed like NttTables.rootPowers (wide stages broadcast them). */
        final double[] fw;
        final double[] fwq;
        /** Forward small stages (index log2 t): per-lane W, −W, W/q. */
        final double[][] fsw = new double[3][];
        final double[][] fsnw = new double[3][];
        final double[][] fswq = new double[3][];
        final double[] iw;
        final double[] iwq;
        final double[][] isw = new double[3][];
        final double[][] isnw = new double[3][];
        final double[][] iswq = new double[3][];
        /** Last inverse stage: N^−1 and ψ^−brv(1)·N^−1 as (W, W/q). */
        final double nInv;
        final double nInvQ;
        final double w1n;
        final double w1nQ;
        /** fwdReduce[f][s]: reduce inputs before forward stage s when the input factor is f (1, 2, 4). */
        final boolean[][] fwdReduce = new boolean[5][];
        final boolean[][] invReduce = new boolean[3][];

        Plan(NttTables t) {
            n = t.n();
            logN = t.logN();
            long ql = t.q();
            q = ql;
            qinv = 1.0 / q;
            fw = toDouble(t.rootPowers());
            fwq = divide(fw, q);
            iw = toDouble(t.invRootPowers());
            iwq = divide(iw, q);
            for (int lt = 0; lt < 3 && n >= Lanes.BLOCK; lt++) {
                fsw[lt] = toDouble(Lanes.perLane(t.rootPowers(), n, 1 << lt));
                fsnw[lt] = negate(fsw[lt]);
                fswq[lt] = divide(fsw[lt], q);
                isw[lt] = toDouble(Lanes.perLane(t.invRootPowers(), n, 1 << lt));
                isnw[lt] = negate(isw[lt]);
                iswq[lt] = divide(isw[lt], q);
            }
            nInv = t.nInv();
            nInvQ = nInv / q;
            w1n = ModArith.mulMod(t.invRootPowers()[1], t.nInv(), ql);
            w1nQ = w1n / q;
            for (int f : new int[] {1, 2, 4}) {
                fwdReduce[f] = forwardSchedule(f);
            }
            for (int f : new int[] {1, 2}) {
                invReduce[f] = inverseSchedule(f);
            }
        }

        /** Bound on |T| for a multiplication input bounded by b (see class comment), with slack. */
        private double mulBound(double b) {
            return q * (0.5 + b * 0x1p-52) + 2;
        }

        private double reduceBound(double b) {
            return q * 0.5 + b * 0x1p-52 + 2;
        }

        private boolean[] forwardSchedule(int inFactor) {
            boolean[] r = new boolean[logN];
            double b = inFactor * q;
            for (int s = 0; s < logN; s++) {
                if (b >= LIMIT) {
                    r[s] = true;
                    b = reduceBound(b);
                }
                b = b + mulBound(b);
            }
            // final reduction needs |v| < 2^52 for round(v/q) and the exact fma; b < 2^51 + 2^50 here
            return r;
        }

        private boolean[] inverseSchedule(int inFactor) {
            boolean[] r = new boolean[logN];
            double b = inFactor * q;
            for (int s = 0; s < logN; s++) {
                if (2 * b >= LIMIT) {
                    r[s] = true;
                    b = reduceBound(b);
                }
                b = Math.max(2 * b, mulBound(2 * b));
            }
            return r;
        }

        private static double[] toDouble(long[] a) {
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = a[i]; // a[i] < 2^50: exact
            }
            return d;
        }

        private static double[] divide(double[] a, double q) {
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = a[i] / q;
            }
            return d;
        }

        private static double[] negate(double[] a) {
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = -a[i];
            }
            return d;
        }
    }

    static Plan plan(NttTables t) {
        return t.tierData("simd-double50", Plan::new);
    }

    // ------------------------------------------------------------------------------------------- drivers

    /** Forward NTT, N ≥ 16, q &lt; 2^50; in in [0, inFactor·q); out in [0, q). */
    static void forward(long[] out, int outOff, long[] in, int inOff, Plan p, int inFactor) {
        int n = p.n;
        double[] a = scratch(n);
        boolean[] red = p.fwdReduce[inFactor];
        int t = n >> 1;
        fwdFirst(in, inOff, a, t, p.fw[1], p.fwq[1], p.q, p.qinv, red[0]);
        int s = 1;
        int m = 2;
        t >>= 1;
        for (; t >= 2 * Lanes.LANES; s += 2, m <<= 2, t >>= 2) {
            fwdRadix4(a, m, t, p.fw, p.fwq, p.q, p.qinv, red[s], red[s + 1]);
        }
        if (t == Lanes.LANES) {
            fwdWide(a, m, t, p.fw, p.fwq, p.q, p.qinv, red[s]);
            s++;
        }
        fwdSmallLast(a, out, outOff, n, p, red[s], red[s + 1], red[s + 2]);
    }

    /** Inverse NTT with N^−1 scaling, N ≥ 16, q &lt; 2^50; in in [0, inFactor·q); out in [0, q). */
    static void inverse(long[] out, int outOff, long[] in, int inOff, Plan p, int inFactor) {
        int n = p.n;
        double[] a = scratch(n);
        boolean[] red = p.invReduce[inFactor];
        load(in, inOff, a, n);
        invSmallFirst(a, n, p, red[0], red[1], red[2]);
        int s = 3;
        int m = n >> 4;
        int t = Lanes.LANES;
        for (; m > 2; s += 2, m >>= 2, t <<= 2) {
            invRadix4(a, m, t, p.iw, p.iwq, p.q, p.qinv, red[s], red[s + 1]);
        }
        if (m == 2) {
            invWide(a, m, t, p.iw, p.iwq, p.q, p.qinv, red[s]);
            s++;
        }
        invLast(a, out, outOff, n, p.nInv, p.nInvQ, p.w1n, p.w1nQ, p.q, p.qinv, red[s]);
    }

    // ------------------------------------------------------------------------------------------- arithmetic
    // The FMA product (class comment) is written out in every stage instead of being a helper method: in these
    // large stage bodies C2 refuses to inline even tiny helpers once NodeCountInliningCutoff is reached (only
    // the JDK's @ForceInline vector methods are exempt), and a vector helper that is not inlined boxes its
    // vectors on every call. Per product:
    //   nh = v·nW; lo = fma(v, W, nh); c = fma(v, Wq, VM) − VM; T = lo − fma(c, q, nh).

    // Reduction, likewise written out: v ← fma(round(v·(1/q)), −q, v) = fma(fma(v, 1/q, VM) − VM, −q, v), giving
    // |v| ≤ q/2 + 1 for |v| < 2^52.

    // ------------------------------------------------------------------------------------------- forward stages

    /** First Cooley–Tukey stage (m = 1, t = N/2) reading the long input and converting it (values &lt; 2^52). */
    private static void fwdFirst(long[] in, int inOff, double[] a, int t, double wi, double wqi, double qd, double qinvd, boolean red) {
        DoubleVector q = DoubleVector.broadcast(D, qd);
        DoubleVector nq = DoubleVector.broadcast(D, -qd);
        DoubleVector qinv = DoubleVector.broadcast(D, qinvd);
        DoubleVector vm = DoubleVector.broadcast(D, VM);
        DoubleVector w = DoubleVector.broadcast(D, wi);
        DoubleVector nw = DoubleVector.broadcast(D, -wi);
        DoubleVector wq = DoubleVector.broadcast(D, wqi);
        for (int j = 0; j < t; j += Lanes.LANES) {
            DoubleVector x = (DoubleVector) LongVector.fromArray(L, in, inOff + j).convert(VectorOperators.L2D, 0);
            DoubleVector y = (DoubleVector) LongVector.fromArray(L, in, inOff + j + t).convert(VectorOperators.L2D, 0);
            if (red) {
                x = x.fma(qinv, vm).sub(vm).fma(nq, x);
                y = y.fma(qinv, vm).sub(vm).fma(nq, y);
            }
            DoubleVector nh = y.mul(nw);
            DoubleVector tt = y.fma(w, nh).sub(y.fma(wq, vm).sub(vm).fma(q, nh));
            x.add(tt).intoArray(a, j);
            x.sub(tt).intoArray(a, j + t);
        }
    }

    /** One Cooley–Tukey stage with half-length t ≥ 8: m groups, group i uses W = ψ^brv(m+i). */
    private static void fwdWide(double[] a, int m, int t, double[] w, double[] wq, double qd, double qinvd, boolean red) {
        DoubleVector q = DoubleVector.broadcast(D, qd);
        DoubleVector nq = DoubleVector.broadcast(D, -qd);
        DoubleVector qinv = DoubleVector.broadcast(D, qinvd);
        DoubleVector vm = DoubleVector.broadcast(D, VM);
        for (int i = 0; i < m; i++) {
            double wi = w[m + i];
            DoubleVector vw = DoubleVector.broadcast(D, wi);
            DoubleVector vnw = DoubleVector.broadcast(D, -wi);
            DoubleVector vwq = DoubleVector.broadcast(D, wq[m + i]);
            int j1 = 2 * i * t;
            for (int j = j1; j < j1 + t; j += Lanes.LANES) {
                DoubleVector x = DoubleVector.fromArray(D, a, j);
                DoubleVector y = DoubleVector.fromArray(D, a, j + t);
                if (red) {
                    x = x.fma(qinv, vm).sub(vm).fma(nq, x);
                    y = y.fma(qinv, vm).sub(vm).fma(nq, y);
                }
                DoubleVector nh = y.mul(vnw);
                DoubleVector tt = y.fma(vw, nh).sub(y.fma(vwq, vm).sub(vm).fma(q, nh));
                x.add(tt).intoArray(a, j);
                x.sub(tt).intoArray(a, j + t);
            }
        }
    }

    /**
     * Two Cooley–Tukey stages in one pass (radix 4): stage (m, t) then (2m, t/2), t/2 ≥ 8. Group i of the first
     * stage covers [2ti, 2ti + 2t) with W1 = ψ^brv(m+i); its halves are groups 2i and 2i+1 of the second stage
     * with W2 = ψ^brv(2m+2i) and W3 = ψ^brv(2m+2i+1). Four loads and four stores per four butterflies.
     */
    private static void fwdRadix4(double[] a, int m, int t, double[] w, double[] wq, double qd, double qinvd, boolean red1,
                                  boolean red2) {
        DoubleVector q = DoubleVector.broadcast(D, qd);
        DoubleVector nq = DoubleVector.broadcast(D, -qd);
        DoubleVector qinv = DoubleVector.broadcast(D, qinvd);
        DoubleVector vm = DoubleVector.broadcast(D, VM);
        int h = t >> 1;
        for (int i = 0; i < m; i++) {
            double w1 = w[m + i];
            double w2 = w[2 * m + 2 * i];
            double w3 = w[2 * m + 2 * i + 1];
            DoubleVector vw1 = DoubleVector.broadcast(D, w1);
            DoubleVector vnw1 = DoubleVector.broadcast(D, -w1);
            DoubleVector vwq1 = DoubleVector.broadcast(D, wq[m + i]);
            DoubleVector vw2 = DoubleVector.broadcast(D, w2);
            DoubleVector vnw2 = DoubleVector.broadcast(D, -w2);
            DoubleVector vwq2 = DoubleVector.broadcast(D, wq[2 * m + 2 * i]);
            DoubleVector vw3 = DoubleVector.broadcast(D, w3);
            DoubleVector vnw3 = DoubleVector.broadcast(D, -w3);
            DoubleVector vwq3 = DoubleVector.broadcast(D, wq[2 * m + 2 * i + 1]);
            int j1 = 2 * i * t;
            for (int j = j1; j < j1 + h; j += Lanes.LANES) {
                DoubleVector x0 = DoubleVector.fromArray(D, a, j);
                DoubleVector x1 = DoubleVector.fromArray(D, a, j + h);
                DoubleVector x2 = DoubleVector.fromArray(D, a, j + t);
                DoubleVector x3 = DoubleVector.fromArray(D, a, j + t + h);
                if (red1) {
                    x0 = x0.fma(qinv, vm).sub(vm).fma(nq, x0);
                    x1 = x1.fma(qinv, vm).sub(vm).fma(nq, x1);
                    x2 = x2.fma(qinv, vm).sub(vm).fma(nq, x2);
                    x3 = x3.fma(qinv, vm).sub(vm).fma(nq, x3);
                }
                DoubleVector nh = x2.mul(vnw1);
                DoubleVector t2 = x2.fma(vw1, nh).sub(x2.fma(vwq1, vm).sub(vm).fma(q, nh));
                nh = x3.mul(vnw1);
                DoubleVector t3 = x3.fma(vw1, nh).sub(x3.fma(vwq1, vm).sub(vm).fma(q, nh));
                DoubleVector y0 = x0.add(t2);
                DoubleVector y2 = x0.sub(t2);
                DoubleVector y1 = x1.add(t3);
                DoubleVector y3 = x1.sub(t3);
                if (red2) {
                    y0 = y0.fma(qinv, vm).sub(vm).fma(nq, y0);
                    y1 = y1.fma(qinv, vm).sub(vm).fma(nq, y1);
                    y2 = y2.fma(qinv, vm).sub(vm).fma(nq, y2);
                    y3 = y3.fma(qinv, vm).sub(vm).fma(nq, y3);
                }
                nh = y1.mul(vnw2);
                DoubleVector u1 = y1.fma(vw2, nh).sub(y1.fma(vwq2, vm).sub(vm).fma(q, nh));
                nh = y3.mul(vnw3);
                DoubleVector u3 = y3.fma(vw3, nh).sub(y3.fma(vwq3, vm).sub(vm).fma(q, nh));
                y0.add(u1).intoArray(a, j);
                y0.sub(u1).intoArray(a, j + h);
                y2.add(u3).intoArray(a, j + t);
                y2.sub(u3).intoArray(a, j + t + h);
            }
        }
    }

    /**
     * The three small-stride stages (t = 4, 2, 1) in registers on each 16-coefficient block, chained by
     * permutes ({@link Lanes#chain}), then the exact reduction to [0, q), conversion to long and the store to
     * the output.
     */
    private static void fwdSmallLast(double[] a, long[] out, int outOff, int n, Plan p, boolean r4, boolean r2, boolean r1) {
        DoubleVector q = DoubleVector.broadcast(D, p.q);
        DoubleVector nq = DoubleVector.broadcast(D, -p.q);
        DoubleVector qinv = DoubleVector.broadcast(D, p.qinv);
        DoubleVector vm = DoubleVector.broadcast(D, VM);
        LongVector g4u = Lanes.gatherU(2);
        LongVector g4v = Lanes.gatherV(2);
        LongVector g2u = Lanes.chain(2, 1, true);
        LongVector g2v = Lanes.chain(2, 1, false);
        LongVector g1u = Lanes.chain(1, 0, true);
        LongVector g1v = Lanes.chain(1, 0, false);
        LongVector sa = Lanes.scatterA(0);
        LongVector sb = Lanes.scatterB(0);
        double[] w4 = p.fsw[2];
        double[] nw4 = p.fsnw[2];
        double[] wq4 = p.fswq[2];
        double[] w2 = p.fsw[1];
        double[] nw2 = p.fsnw[1];
        double[] wq2 = p.fswq[1];
        double[] w1 = p.fsw[0];
        double[] nw1 = p.fsnw[0];
        double[] wq1 = p.fswq[0];
        for (int b = 0, k = 0; b < n; b += Lanes.BLOCK, k += Lanes.LANES) {
            LongVector va = DoubleVector.fromArray(D, a, b).reinterpretAsLongs();
            LongVector vb = DoubleVector.fromArray(D, a, b + Lanes.LANES).reinterpretAsLongs();
            // t = 4
            DoubleVector x = g4u.selectFrom(va, vb).reinterpretAsDoubles();
            DoubleVector y = g4v.selectFrom(va, vb).reinterpretAsDoubles();
            if (r4) {
                x = x.fma(qinv, vm).sub(vm).fma(nq, x);
                y = y.fma(qinv, vm).sub(vm).fma(nq, y);
            }
            DoubleVector nh = y.mul(DoubleVector.fromArray(D, nw4, k));
            DoubleVector tt = y.fma(DoubleVector.fromArray(D, w4, k), nh)
                    .sub(y.fma(DoubleVector.fromArray(D, wq4, k), vm).sub(vm).fma(q, nh));
            va = x.add(tt).reinterpretAsLongs();
            vb = x.sub(tt).reinterpretAsLongs();
            // t = 2
            x = g2u.selectFrom(va, vb).reinterpretAsDoubles();
            y = g2v.selectFrom(va, vb).reinterpretAsDoubles();
            if (r2) {
                x = x.fma(qinv, vm).sub(vm).fma(nq, x);
                y = y.fma(qinv, vm).sub(vm).fma(nq, y);
            }
            nh = y.mul(DoubleVector.fromArray(D, nw2, k));
            tt = y.fma(DoubleVector.fromArray(D, w2, k), nh).sub(y.fma(DoubleVector.fromArray(D, wq2, k), vm).sub(vm).fma(q, nh));
            va = x.add(tt).reinterpretAsLongs();
            vb = x.sub(tt).reinterpretAsLongs();
            // t = 1
            x = g1u.selectFrom(va, vb).reinterpretAsDoubles();
            y = g1v.selectFrom(va, vb).reinterpretAsDoubles();
            if (r1) {
                x = x.fma(qinv, vm).sub(vm).fma(nq, x);
                y = y.fma(qinv, vm).sub(vm).fma(nq, y);
            }
            nh = y.mul(DoubleVector.fromArray(D, nw1, k));
            tt = y.fma(DoubleVector.fromArray(D, w1, k), nh).sub(y.fma(DoubleVector.fromArray(D, wq1, k), vm).sub(vm).fma(q, nh));
            // exact reduction to [0, q): |x ± tt| < 2^52, reduce gives [−q/2 − 1, q/2 + 1], then +q if negative
            DoubleVector u = x.add(tt);
            DoubleVector v = x.sub(tt);
            u = u.fma(qinv, vm).sub(vm).fma(nq, u);
            v = v.fma(qinv, vm).sub(vm).fma(nq, v);
            u = u.add(q, u.compare(VectorOperators.LT, 0.0));
            v = v.add(q, v.compare(VectorOperators.LT, 0.0));
            LongVector lu = (LongVector) u.convert(VectorOperators.D2L, 0);
            LongVector lv = (LongVector) v.convert(VectorOperators.D2L, 0);
            sa.selectFrom(lu, lv).intoArray(out, outOff + b);
            sb.selectFrom(lu, lv).intoArray(out, outOff + b + Lanes.LANES);
        }
    }

    // ------------------------------------------------------------------------------------------- inverse stages

    /** Converts the long input (values &lt; 2^52) to doubles. */
    private static void load(long[] in, int inOff, double[] a, int n) {
        for (int i = 0; i < n; i += Lanes.LANES) {
            ((DoubleVector) LongVector.fromArray(L, in, inOff + i).convert(VectorOperators.L2D, 0)).intoArray(a, i);
        }
    }

    /**
     * The three small-stride Gentleman–Sande stages (t = 1, 2, 4) in registers on each 16-coefficient block,
     * reading the long input (values &lt; 2^52, converted after the first permute) and storing doubles.
     */
    private static void invSmallFirst(double[] a, int n, Plan p, boolean r1, boolean r2, boolean r4) {
        DoubleVector q = DoubleVector.broadcast(D, p.q);
        DoubleVector nq = DoubleVector.broadcast(D, -p.q);
        DoubleVector qinv = DoubleVector.broadcast(D, p.qinv);
        DoubleVector vm = DoubleVector.broadcast(D, VM);
        LongVector g1u = Lanes.gatherU(0);
        LongVector g1v = Lanes.gatherV(0);
        LongVector g2u = Lanes.chain(0, 1, true);
        LongVector g2v = Lanes.chain(0, 1, false);
        LongVector g4u = Lanes.chain(1, 2, true);
        LongVector g4v = Lanes.chain(1, 2, false);
        LongVector sa = Lanes.scatterA(2);
        LongVector sb = Lanes.scatterB(2);
        double[] w1 = p.isw[0];
        double[] nw1 = p.isnw[0];
        double[] wq1 = p.iswq[0];
        double[] w2 = p.isw[1];
        double[] nw2 = p.isnw[1];
        double[] wq2 = p.iswq[1];
        double[] w4 = p.isw[2];
        double[] nw4 = p.isnw[2];
        double[] wq4 = p.iswq[2];
        for (int b = 0, k = 0; b < n; b += Lanes.BLOCK, k += Lanes.LANES) {
            LongVector va = DoubleVector.fromArray(D, a, b).reinterpretAsLongs();
            LongVector vb = DoubleVector.fromArray(D, a, b + Lanes.LANES).reinterpretAsLongs();
            // t = 1
            DoubleVector x = g1u.selectFrom(va, vb).reinterpretAsDoubles();
            DoubleVector y = g1v.selectFrom(va, vb).reinterpretAsDoubles();
            if (r1) {
                x = x.fma(qinv, vm).sub(vm).fma(nq, x);
                y = y.fma(qinv, vm).sub(vm).fma(nq, y);
            }
            DoubleVector d = x.sub(y);
            DoubleVector nh = d.mul(DoubleVector.fromArray(D, nw1, k));
            va = x.add(y).reinterpretAsLongs();
            vb = d.fma(DoubleVector.fromArray(D, w1, k), nh).sub(d.fma(DoubleVector.fromArray(D, wq1, k), vm).sub(vm).fma(q, nh))
                    .reinterpretAsLongs();
            // t = 2
            x = g2u.selectFrom(va, vb).reinterpretAsDoubles();
            y = g2v.selectFrom(va, vb).reinterpretAsDoubles();
            if (r2) {
                x = x.fma(qinv, vm).sub(vm).fma(nq, x);
                y = y.fma(qinv, vm).sub(vm).fma(nq, y);
            }
            d = x.sub(y);
            nh = d.mul(DoubleVector.fromArray(D, nw2, k));
            va = x.add(y).reinterpretAsLongs();
            vb = d.fma(DoubleVector.fromArray(D, w2, k), nh).sub(d.fma(DoubleVector.fromArray(D, wq2, k), vm).sub(vm).fma(q, nh))
                    .reinterpretAsLongs();
            // t = 4
            x = g4u.selectFrom(va, vb).reinterpretAsDoubles();
            y = g4v.selectFrom(va, vb).reinterpretAsDoubles();
            if (r4) {
                x = x.fma(qinv, vm).sub(vm).fma(nq, x);
                y = y.fma(qinv, vm).sub(vm).fma(nq, y);
            }
            d = x.sub(y);
            nh = d.mul(DoubleVector.fromArray(D, nw4, k));
            va = x.add(y).reinterpretAsLongs();
            vb = d.fma(DoubleVector.fromArray(D, w4, k), nh).sub(d.fma(DoubleVector.fromArray(D, wq4, k), vm).sub(vm).fma(q, nh))
                    .reinterpretAsLongs();
            sa.selectFrom(va, vb).reinterpretAsDoubles().intoArray(a, b);
            sb.selectFrom(va, vb).reinterpretAsDoubles().intoArray(a, b + Lanes.LANES);
        }
    }

    /** One Gentleman–Sande stage with half-length t ≥ 8 (not the last one): X' = X + Y, Y' = (X − Y)·W. */
    private static void invWide(double[] a, int m, int t, double[] w, double[] wq, double qd, double qinvd, boolean red) {
        DoubleVector q = DoubleVector.broadcast(D, qd);
        DoubleVector nq = DoubleVector.broadcast(D, -qd);
        DoubleVector qinv = DoubleVector.broadcast(D, qinvd);
        DoubleVector vm = DoubleVector.broadcast(D, VM);
        for (int i = 0; i < m; i++) {
            double wi = w[m + i];
            DoubleVector vw = DoubleVector.broadcast(D, wi);
            DoubleVector vnw = DoubleVector.broadcast(D, -wi);
            DoubleVector vwq = DoubleVector.broadcast(D, wq[m + i]);
            int j1 = 2 * i * t;
            for (int j = j1; j < j1 + t; j += Lanes.LANES) {
                DoubleVector x = DoubleVector.fromArray(D, a, j);
                DoubleVector y = DoubleVector.fromArray(D, a, j + t);
                if (red) {
                    x = x.fma(qinv, vm).sub(vm).fma(nq, x);
                    y = y.fma(qinv, vm).sub(vm).fma(nq, y);
                }
                DoubleVector d = x.sub(y);
                DoubleVector nh = d.mul(vnw);
                x.add(y).intoArray(a, j);
                d.fma(vw, nh).sub(d.fma(vwq, vm).sub(vm).fma(q, nh)).intoArray(a, j + t);
            }
        }
    }

    /**
     * Two Gentleman–Sande stages in one pass: (m, t) then (m/2, 2t), m/2 ≥ 2. Block i covers [4ti, 4ti + 4t):
     * its halves are groups 2i, 2i+1 of the first stage (W1 = ψ^−brv(m+2i), W2 = ψ^−brv(m+2i+1)), the whole
     * block is group i of the second (W3 = ψ^−brv(m/2+i)).
     */
    private static void invRadix4(double[] a, int m, int t, double[] w, double[] wq, double qd, double qinvd, boolean red1,
                                  boolean red2) {
        DoubleVector q = DoubleVector.broadcast(D, qd);
        DoubleVector nq = DoubleVector.broadcast(D, -qd);
        DoubleVector qinv = DoubleVector.broadcast(D, qinvd);
        DoubleVector vm = DoubleVector.broadcast(D, VM);
        int half = m >> 1;
        for (int i = 0; i < half; i++) {
            double w1 = w[m + 2 * i];
            double w2 = w[m + 2 * i + 1];
            double w3 = w[half + i];
            DoubleVector vw1 = DoubleVector.broadcast(D, w1);
            DoubleVector vnw1 = DoubleVector.broadcast(D, -w1);
            DoubleVector vwq1 = DoubleVector.broadcast(D, wq[m + 2 * i]);
            DoubleVector vw2 = DoubleVector.broadcast(D, w2);
            DoubleVector vnw2 = DoubleVector.broadcast(D, -w2);
            DoubleVector vwq2 = DoubleVector.broadcast(D, wq[m + 2 * i + 1]);
            DoubleVector vw3 = DoubleVector.broadcast(D, w3);
            DoubleVector vnw3 = DoubleVector.broadcast(D, -w3);
            DoubleVector vwq3 = DoubleVector.broadcast(D, wq[half + i]);
            int j1 = 4 * i * t;
            for (int j = j1; j < j1 + t; j += Lanes.LANES) {
                DoubleVector x0 = DoubleVector.fromArray(D, a, j);
                DoubleVector x1 = DoubleVector.fromArray(D, a, j + t);
                DoubleVector x2 = DoubleVector.fromArray(D, a, j + 2 * t);
                DoubleVector x3 = DoubleVector.fromArray(D, a, j + 3 * t);
                if (red1) {
                    x0 = x0.fma(qinv, vm).sub(vm).fma(nq, x0);
                    x1 = x1.fma(qinv, vm).sub(vm).fma(nq, x1);
                    x2 = x2.fma(qinv, vm).sub(vm).fma(nq, x2);
                    x3 = x3.fma(qinv, vm).sub(vm).fma(nq, x3);
                }
                DoubleVector y0 = x0.add(x1);
                DoubleVector d = x0.sub(x1);
                DoubleVector nh = d.mul(vnw1);
                DoubleVector y1 = d.fma(vw1, nh).sub(d.fma(vwq1, vm).sub(vm).fma(q, nh));
                DoubleVector y2 = x2.add(x3);
                d = x2.sub(x3);
                nh = d.mul(vnw2);
                DoubleVector y3 = d.fma(vw2, nh).sub(d.fma(vwq2, vm).sub(vm).fma(q, nh));
                if (red2) {
                    y0 = y0.fma(qinv, vm).sub(vm).fma(nq, y0);
                    y1 = y1.fma(qinv, vm).sub(vm).fma(nq, y1);
                    y2 = y2.fma(qinv, vm).sub(vm).fma(nq, y2);
                    y3 = y3.fma(qinv, vm).sub(vm).fma(nq, y3);
                }
                y0.add(y2).intoArray(a, j);
                y1.add(y3).intoArray(a, j + t);
                d = y0.sub(y2);
                nh = d.mul(vnw3);
                d.fma(vw3, nh).sub(d.fma(vwq3, vm).sub(vm).fma(q, nh)).intoArray(a, j + 2 * t);
                d = y1.sub(y3);
                nh = d.mul(vnw3);
                d.fma(vw3, nh).sub(d.fma(vwq3, vm).sub(vm).fma(q, nh)).intoArray(a, j + 3 * t);
            }
        }
    }

    /**
     * Last Gentleman–Sande stage (m = 1, t = N/2) with the N^−1 scaling folded in: X' = (X + Y)·N^−1,
     * Y' = (X − Y)·(W·N^−1). Both are products, so |X'|, |Y'| ≤ 3q/4 and one conditional +q gives [0, q).
     */
    private static void invLast(double[] a, long[] out, int outOff, int n, double ni, double niq, double wn, double wnq,
                                double qd, double qinvd, boolean red) {
        DoubleVector q = DoubleVector.broadcast(D, qd);
        DoubleVector nq = DoubleVector.broadcast(D, -qd);
        DoubleVector qinv = DoubleVector.broadcast(D, qinvd);
        DoubleVector vm = DoubleVector.broadcast(D, VM);
        DoubleVector vni = DoubleVector.broadcast(D, ni);
        DoubleVector vnni = DoubleVector.broadcast(D, -ni);
        DoubleVector vniq = DoubleVector.broadcast(D, niq);
        DoubleVector vwn = DoubleVector.broadcast(D, wn);
        DoubleVector vnwn = DoubleVector.broadcast(D, -wn);
        DoubleVector vwnq = DoubleVector.broadcast(D, wnq);
        int t = n >> 1;
        for (int j = 0; j < t; j += Lanes.LANES) {
            DoubleVector x = DoubleVector.fromArray(D, a, j);
            DoubleVector y = DoubleVector.fromArray(D, a, j + t);
            if (red) {
                x = x.fma(qinv, vm).sub(vm).fma(nq, x);
                y = y.fma(qinv, vm).sub(vm).fma(nq, y);
            }
            DoubleVector s = x.add(y);
            DoubleVector nh = s.mul(vnni);
            DoubleVector u = s.fma(vni, nh).sub(s.fma(vniq, vm).sub(vm).fma(q, nh));
            DoubleVector d = x.sub(y);
            nh = d.mul(vnwn);
            DoubleVector v = d.fma(vwn, nh).sub(d.fma(vwnq, vm).sub(vm).fma(q, nh));
            u = u.add(q, u.compare(VectorOperators.LT, 0.0));
            v = v.add(q, v.compare(VectorOperators.LT, 0.0));
            ((LongVector) u.convert(VectorOperators.D2L, 0)).intoArray(out, outOff + j);
            ((LongVector) v.convert(VectorOperators.D2L, 0)).intoArray(out, outOff + j + t);
        }
    }
}
