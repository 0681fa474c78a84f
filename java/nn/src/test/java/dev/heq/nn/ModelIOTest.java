package dev.heq.nn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.*;

class ModelIOTest {

    static QuantModel sample(long seed) { return RandomModels.graph(new SplittableRandom(seed)); }

    /** Recomputes the CRC so that a deliberately edited payload reaches the field validation. */
    static byte[] reseal(byte[] f) {
        CRC32C c = new CRC32C();
        c.update(f, 0, f.length - 4);
        ByteBuffer.wrap(f).putInt(f.length - 4, (int) c.getValue());
        return f;
    }

    static String reject(byte[] f) {
        return assertThrows(ModelFormatException.class, () -> ModelIO.fromBytes(f, "t.heqm")).getMessage();
    }

    @Test
    void roundTripIsExactAndRunsIdentically(@TempDir Path dir) throws IOException {
        long seed = System.nanoTime();
        System.out.println("ModelIOTest seed=" + seed);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 50; i++) {
            QuantModel m = RandomModels.graph(r);
            Path f = dir.resolve("m" + i + ".heqm");
            ModelIO.write(m, f);
            QuantModel back = ModelIO.read(f);
            assertEquals(m, back, "seed=" + seed);
            int[] x = RandomModels.ints(r, m.inputShape().size(), 0, 255);
            assertArrayEquals(IntegerEngine.run(m, x), IntegerEngine.run(back, x));
        }
    }

    @Test
    void corruptFilesAreRejectedWithTheReason() {
        byte[] good = ModelIO.toBytes(sample(3));
        assertTrue(reject(new byte[5]).contains("truncated file"));
        assertTrue(reject(java.util.Arrays.copyOf(good, good.length - 7)).contains("truncated file"));
        assertTrue(reject(java.util.Arrays.copyOf(good, good.length + 3)).contains("trailing bytes"));
        byte[] magic = good.clone(); magic[0] = 'X';
        assertTrue(reject(magic).contains("bad magic"));
        byte[] ver = good.clone(); ver[5] = 9;
        assertTrue(reject(ver).contains("unsupported format version 9"));
        // any single flipped payload bit is caught by the checksum
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            byte[] f = good.clone();
            int pos = r.nextInt(ModelIO.HEADER, f.length - 4);
            f[pos] ^= (byte) (1 << r.nextInt(8));
            assertTrue(reject(f).contains("checksum mismatch"));
        }
    }

    /** Payload-level checks, with a valid checksum so they are reached. */
    @Test
    void semanticErrorsAreNamed() {
        QuantModel m = QuantModel.sequential("x", new Shape(2, 4, 4), dev.heq.quant.QType.unsigned(8, 1),
                java.util.List.of(LayerBuilder.conv(2, 3, 3, 1, 1, 1, 4, new int[3 * 18], new int[3], new double[]{0.5}, dev.heq.quant.QType.unsigned(8, 1),
                        dev.heq.quant.QType.unsigned(4, 1)), new Layer.Flatten()));
        byte[] good = ModelIO.toBytes(m);
        int p = ModelIO.HEADER + 2 + 1; // after name length (2) and name "x"
        int firstNode = p + 12 + 10 + 4;  // input shape, input qtype, node count
        // unsupported op
        byte[] f = good.clone(); f[firstNode] = 42;
        String msg = reject(reseal(f));
        assertTrue(msg.contains("unsupported op code 42") && msg.contains("node 0"), msg);
        // input bit width out of range (input qtype bits byte)
        f = good.clone(); f[p + 12] = 1;
        assertTrue(reject(reseal(f)).contains("bit width out of range"), reject(reseal(f)));
        // weight bits out of range: conv fields start after opcode, arity, 1 input id, 7 ints
        f = good.clone(); f[firstNode + 2 + 4 + 28] = 9;
        msg = reject(reseal(f));
        assertTrue(msg.contains("weight bit width out of range"), msg);
        // shape mismatch: conv inC 2 -> 5
        f = good.clone(); ByteBuffer.wrap(f).putInt(firstNode + 2 + 4, 5);
        msg = reject(reseal(f));
        assertTrue(msg.contains("groups") || msg.contains("shape mismatch"), msg);
        f = good.clone(); ByteBuffer.wrap(f).putInt(firstNode + 2 + 4, 4);
        msg = reject(reseal(f));
        assertTrue(msg.contains("shape mismatch"), msg);
        // input tensor id pointing forward
        f = good.clone(); ByteBuffer.wrap(f).putInt(firstNode + 2, 7);
        assertTrue(reject(reseal(f)).contains("not defined before"));
        // a hostile count does not allocate
        f = good.clone(); ByteBuffer.wrap(f).putInt(firstNode + 2 + 4 + 29, Integer.MAX_VALUE);
        assertTrue(reject(reseal(f)).contains("does not fit"));
        // payload cut short (length field and checksum consistent)
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 9);
        ByteBuffer.wrap(cut).putLong(8, cut.length - ModelIO.HEADER - 4);
        assertTrue(reject(reseal(cut)).contains("ends early"));
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        Path f = dir.resolve("nope.heqm");
        IOException e = assertThrows(IOException.class, () -> ModelIO.read(f));
        assertTrue(e.getMessage().contains(f.toString()));
        assertFalse(Files.exists(f));
    }
}
