package dev.heq.nn.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FashionMnistTest {
    @Test
    void loadsTheDebianPackage() throws IOException {
        assumeTrue(FashionMnist.available(), FashionMnist.missingMessage());
        FashionMnist.Split t = FashionMnist.test();
        assertEquals(10_000, t.n());
        int[] count = new int[10];
        for (int i = 0; i < t.n(); i++) count[t.label(i)]++;
        for (int c : count) assertEquals(1000, c); // the t10k split is balanced
        assertEquals(60_000, FashionMnist.train().n());
    }

    @Test
    void missingDirectoryNamesPathAndFix(@TempDir Path empty) {
        String old = System.getProperty("heq.fmnist.dir");
        System.setProperty("heq.fmnist.dir", empty.toString());
        try {
            assertFalse(FashionMnist.available());
            IOException e = assertThrows(IOException.class, FashionMnist::test);
            assertTrue(e.getMessage().contains(empty.toString()) && e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
        } finally {
            if (old == null) System.clearProperty("heq.fmnist.dir"); else System.setProperty("heq.fmnist.dir", old);
        }
    }

    @Test
    void corruptIdxIsRejected() {
        byte[] badMagic = {0, 0, 8, 4, 0, 0, 0, 1};
        assertTrue(assertThrows(IOException.class, () -> FashionMnist.readIdx(new ByteArrayInputStream(badMagic), "x", 0x801, new int[]{-1}))
                .getMessage().contains("bad IDX magic"));
        byte[] shortData = {0, 0, 8, 1, 0, 0, 0, 5, 1, 2};
        assertTrue(assertThrows(IOException.class, () -> FashionMnist.readIdx(new ByteArrayInputStream(shortData), "x", 0x801, new int[]{-1}))
                .getMessage().contains("truncated"));
    }
}
