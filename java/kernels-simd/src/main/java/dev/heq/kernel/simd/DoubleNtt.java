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
 * <p>Each stage is its own small static method: one large method hits C2's NodeCountInliningCutoff and boxes
 * the vectors (kernels-measured.md, pitfall 9). Twiddles are negated ahead of time because C2 does not fuse a
 * neg() into the FMA (pitfall 11).
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
    static void forward(long[] in, int inOff, long[] out, int outOff, Plan p, int inFactor) {
        int n = p.n;
        double[] a = scratch(n);
        load(in, inOff, a, n);
        boolean[] red = p.fwdReduce[inFactor];
        int s = 0;
        for (int m = 1, t = n >> 1; m < n; m <<= 1, t >>= 1, s++) {
            if (t >= Lanes.LANES) {
                fwdWide(a, m, t, p.fw, p.fwq, p.q, p.qinv, red[s]);
            } else {
                int lt = Integer.numberOfTrailingZeros(t);
                fwdSmall(a, n, Lanes.gatherU(lt), Lanes.gatherV(lt), Lanes.scatterA(lt), Lanes.scatterB(lt),
                        p.fsw[lt], p.fsnw[lt], p.fswq[lt], p.q, p.qinv, red[s]);
            }
        }
        storeReduced(a, out, outOff, n, p.q, p.qinv);
    }

    /** Inverse NTT with N^−1 scaling, N ≥ 16, q &lt; 2^50; in in [0, inFactor·q); out in [0, q). */
    static void inverse(long[] in, int inOff, long[] out, int outOff, Plan p, int inFactor) {
        int n = p.n;
        double[] a = scratch(n);
        load(in, inOff, a, n);
        boolean[] red = p.invReduce[inFactor];
        int s = 0;
        for (int m = n >> 1, t = 1; m > 1; m >>= 1, t <<= 1, s++) {
            if (t >= Lanes.LANES) {
                invWide(a, m, t, p.iw, p.iwq, p.q, p.qinv, red[s]);
            } else {
                int lt = Integer.numberOfTrailingZeros(t);
                invSmall(a, n, Lanes.gatherU(lt), Lanes.gatherV(lt), Lanes.scatterA(lt), Lanes.scatterB(lt),
                        p.isw[lt], p.isnw[lt], p.iswq[lt], p.q, p.qinv, red[s]);
            }
        }
        invLast(a, out, outOff, n, p.nInv, p.nInvQ, p.w1n, p.w1nQ, p.q, p.qinv, red[s]);
    }

    // ------------------------------------------------------------------------------------------- arithmetic

    /** v·W mod q as a signed value, |result| ≤ q(1/2 + |v|·2^−53); |v| &lt; 2^51 (see class comment). */
    private static DoubleVector mulW(DoubleVector v, DoubleVector w, DoubleVector nw, DoubleVector wq, DoubleVector q,
                                     DoubleVector vm) {
        DoubleVector nh = v.mul(nw);
        DoubleVector lo = v.fma(w, nh);
        DoubleVector c = v.fma(wq, vm).sub(vm);
        return lo.sub(c.fma(q, nh));
    }

    /** v mod q as a signed value in [−q/2 − 1, q/2 + 1]; |v| &lt; 2^52. */
    private static DoubleVector reduce(DoubleVector v, DoubleVector qinv, DoubleVector nq, DoubleVector vm) {
        DoubleVector c = v.fma(qinv, vm).sub(vm);
        return c.fma(nq, v);
    }

    // ------------------------------------------------------------------------------------------- stages

    private static void load(long[] in, int inOff, double[] a, int n) {
        for (int i = 0; i < n; i += Lanes.LANES) {
            ((DoubleVector) LongVector.fromArray(L, in, inOff + i).convert(VectorOperators.L2D, 0)).intoArray(a, i);
        }
    }

    /** Final exact reduction to [0, q) and conversion to long; |a[i]| &lt; 2^52. */
    private static void storeReduced(double[] a, long[] out, int outOff, int n, double qd, double qinvd) {
        DoubleVector q = DoubleVector.broadcast(D, qd);
        DoubleVector nq = DoubleVector.broadcast(D, -qd);
        DoubleVector qinv = DoubleVector.broadcast(D, qinvd);
        DoubleVector vm = DoubleVector.broadcast(D, VM);
        for (int i = 0; i < n; i += Lanes.LANES) {
            DoubleVector r = reduce(DoubleVector.fromArray(D, a, i), qinv, nq, vm);
            r = r.add(q, r.compare(VectorOperators.LT, 0.0));
            ((LongVector) r.convert(VectorOperators.D2L, 0)).intoArray(out, outOff + i);
        }
    }

    /** Cooley–Tukey stage with half-length t ≥ 8: m groups, group i uses W = ψ^brv(m+i). */
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
                    x = reduce(x, qinv, nq, vm);
                    y = reduce(y, qinv, nq, vm);
                }
                DoubleVector tt = mulW(y, vw, vnw, vwq, q, vm);
                x.add(tt).intoArray(a, j);
                x.sub(tt).intoArray(a, j + t);
            }
        }
    }

    /** Cooley–Tukey stage with half-length t in {1, 2, 4}, two-table permutes (see {@link Lanes}). */
    private static void fwdSmall(double[] a, int n, LongVector gu, LongVector gv, LongVector sa, LongVector sb,
                                 double[] w, double[] nw, double[] wq, double qd, double qinvd, boolean red) {
        DoubleVector q = DoubleVector.broadcast(D, qd);
        DoubleVector nq = DoubleVector.broadcast(D, -qd);
        DoubleVector qinv = DoubleVector.broadcast(D, qinvd);
        DoubleVector vm = DoubleVector.broadcast(D, VM);
        for (int b = 0, k = 0; b < n; b += Lanes.BLOCK, k += Lanes.LANES) {
            LongVector va = DoubleVector.fromArray(D, a, b).reinterpretAsLongs();
            LongVector vb = DoubleVector.fromArray(D, a, b + Lanes.LANES).reinterpretAsLongs();
            DoubleVector x = gu.selectFrom(va, vb).reinterpretAsDoubles();
            DoubleVector y = gv.selectFrom(va, vb).reinterpretAsDoubles();
            if (red) {
                x = reduce(x, qinv, nq, vm);
                y = reduce(y, qinv, nq, vm);
            }
            DoubleVector tt = mulW(y, DoubleVector.fromArray(D, w, k), DoubleVector.fromArray(D, nw, k),
                    DoubleVector.fromArray(D, wq, k), q, vm);
            LongVector xs = x.add(tt).reinterpretAsLongs();
            LongVector ys = x.sub(tt).reinterpretAsLongs();
            sa.selectFrom(xs, ys).reinterpretAsDoubles().intoArray(a, b);
            sb.selectFrom(xs, ys).reinterpretAsDoubles().intoArray(a, b + Lanes.LANES);
        }
    }

    /** Gentleman–Sande stage with half-length t ≥ 8 (not the last one): X' = X + Y, Y' = (X − Y)·W. */
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
                    x = reduce(x, qinv, nq, vm);
                    y = reduce(y, qinv, nq, vm);
                }
                x.add(y).intoArray(a, j);
                mulW(x.sub(y), vw, vnw, vwq, q, vm).intoArray(a, j + t);
            }
        }
    }

    private static void invSmall(double[] a, int n, LongVector gu, LongVector gv, LongVector sa, LongVector sb,
                                 double[] w, double[] nw, double[] wq, double qd, double qinvd, boolean red) {
        DoubleVector q = DoubleVector.broadcast(D, qd);
        DoubleVector nq = DoubleVector.broadcast(D, -qd);
        DoubleVector qinv = DoubleVector.broadcast(D, qinvd);
        DoubleVector vm = DoubleVector.broadcast(D, VM);
        for (int b = 0, k = 0; b < n; b += Lanes.BLOCK, k += Lanes.LANES) {
            LongVector va = DoubleVector.fromArray(D, a, b).reinterpretAsLongs();
            LongVector vb = DoubleVector.fromArray(D, a, b + Lanes.LANES).reinterpretAsLongs();
            DoubleVector x = gu.selectFrom(va, vb).reinterpretAsDoubles();
            DoubleVector y = gv.selectFrom(va, vb).reinterpretAsDoubles();
            if (red) {
                x = reduce(x, qinv, nq, vm);
                y = reduce(y, qinv, nq, vm);
            }
            LongVector xs = x.add(y).reinterpretAsLongs();
            LongVector ys = mulW(x.sub(y), DoubleVector.fromArray(D, w, k), DoubleVector.fromArray(D, nw, k),
                    DoubleVector.fromArray(D, wq, k), q, vm).reinterpretAsLongs();
            sa.selectFrom(xs, ys).reinterpretAsDoubles().intoArray(a, b);
            sb.selectFrom(xs, ys).reinterpretAsDoubles().intoArray(a, b + Lanes.LANES);
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
                x = reduce(x, qinv, nq, vm);
                y = reduce(y, qinv, nq, vm);
            }
            DoubleVector u = mulW(x.add(y), vni, vnni, vniq, q, vm);
            DoubleVector v = mulW(x.sub(y), vwn, vnwn, vwnq, q, vm);
            u = u.add(q, u.compare(VectorOperators.LT, 0.0));
            v = v.add(q, v.compare(VectorOperators.LT, 0.0));
            ((LongVector) u.convert(VectorOperators.D2L, 0)).intoArray(out, outOff + j);
            ((LongVector) v.convert(VectorOperators.D2L, 0)).intoArray(out, outOff + j + t);
        }
    }
}
