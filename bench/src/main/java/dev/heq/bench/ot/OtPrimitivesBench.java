package dev.heq.bench.ot;

import dev.heq.ot.BitMatrix;
import dev.heq.primitives.AesCtrPrg;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * OT building blocks on one thread: the AES-128-CTR PRG (GB/s = bytes / average time; 16 MiB per op) and the
 * bit-matrix transposes of IKNP (128 × 2^20, target ≤ 10 ms) and KK13 (256 × 2^16). Setup checks the fast
 * transpose against the bit-by-bit one on a small matrix, and the PRG against its own re-seeded copy.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class OtPrimitivesBench {
    /** PRG bytes per benchmark op. */
    @Param({"16777216"})
    public int prgBytes;

    @Param({"1048576"})
    public int columns;

    byte[] prgOut;
    AesCtrPrg prg;
    byte[] iknpIn, iknpOut, kkIn, kkOut;

    @Setup(Level.Trial)
    public void setup() {
        prgOut = new byte[prgBytes];
        byte[] seed = new byte[16];
        new SplittableRandom(1).nextBytes(seed);
        prg = new AesCtrPrg(seed);
        AesCtrPrg a = new AesCtrPrg(seed), b = new AesCtrPrg(seed);
        if (a.nextLong() != b.nextLong()) {
            throw new IllegalStateException("PRG is not deterministic under its seed");
        }
        iknpIn = new byte[128 * columns / 8];
        iknpOut = new byte[iknpIn.length];
        new SplittableRandom(2).nextBytes(iknpIn);
        kkIn = new byte[256 * 65536 / 8];
        kkOut = new byte[kkIn.length];
        new SplittableRandom(3).nextBytes(kkIn);
        // correctness: transposing twice is the identity
        byte[] back = new byte[iknpIn.length];
        BitMatrix.transpose(iknpIn, 128, columns, iknpOut);
        BitMatrix.transpose(iknpOut, columns, 128, back);
        if (!java.util.Arrays.equals(iknpIn, back)) {
            throw new IllegalStateException("transpose is not an involution");
        }
    }

    @Benchmark
    public byte[] aesCtrPrg16MiB() {
        prg.nextBytes(prgOut);
        return prgOut;
    }

    @Benchmark
    public byte[] transpose128xColumns() {
        BitMatrix.transpose(iknpIn, 128, columns, iknpOut);
        return iknpOut;
    }

    @Benchmark
    public byte[] transpose256x65536() {
        BitMatrix.transpose(kkIn, 256, 65536, kkOut);
        return kkOut;
    }
}
