package dev.heq.nn.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Loads Fashion-MNIST from the IDX files installed by Debian's {@code dataset-fashion-mnist} package
 * ({@code /usr/share/datasets/fashion-mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz}); the directory can be
 * overridden with {@code -Dheq.fmnist.dir} or {@code HEQ_FMNIST_DIR}. Images are 28×28 unsigned bytes (0 = background),
 * labels 0..9. Nothing is downloaded: a missing file is an error that names the path and the fix.
 */
public final class FashionMnist {
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final String INSTALL_HINT = "install it with `apt-get install dataset-fashion-mnist`";
    public static final int ROWS = 28, COLS = 28, PIXELS = ROWS * COLS, CLASSES = 10;
    public static final String[] CLASS_NAMES = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};

    /** n images of {@link #PIXELS} bytes each (row-major) and their labels. */
    public record Split(byte[] images, byte[] labels, int n) {
        public int pixel(int image, int i) { return images[image * PIXELS + i] & 0xFF; }

        public int label(int image) { return labels[image]; }

        /** Image {@code k} as integers 0..255 (CHW with C = 1), the integer model's input. */
        public int[] imageInts(int k) {
            int[] v = new int[PIXELS];
            for (int i = 0; i < PIXELS; i++) v[i] = images[k * PIXELS + i] & 0xFF;
            return v;
        }

        /** The first {@code m} examples. */
        public Split head(int m) {
            if (m >= n) return this;
            return new Split(java.util.Arrays.copyOf(images, m * PIXELS), java.util.Arrays.copyOf(labels, m), m);
        }
    }

    private FashionMnist() {}

    public static Path dir() {
        String p = System.getProperty("heq.fmnist.dir");
        if (p == null || p.isBlank()) p = System.getenv("HEQ_FMNIST_DIR");
        return p == null || p.isBlank() ? DEFAULT_DIR : Path.of(p);
    }

    /** Whether both splits are present (tests use this with {@code assumeTrue(available(), MISSING_MESSAGE)}). */
    public static boolean available() {
        for (String f : new String[]{"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"})
            if (!Files.isReadable(dir().resolve(f))) return false;
        return true;
    }

    public static String missingMessage() {
        return "Fashion-MNIST not found in " + dir() + "; " + INSTALL_HINT;
    }

    public static Split train() throws IOException { return load("train"); }

    /**
     * The first 16 images of the t10k split, bundled as a resource (for demos and tests that must run without the
     * Debian package). The files are the original IDX format, uncompressed.
     */
    public static Split bundledSamples() throws IOException {
        String base = "/dev/heq/nn/models/fmnist-t10k-first16-";
        try (InputStream im = FashionMnist.class.getResourceAsStream(base + "images-idx3-ubyte");
             InputStream lb = FashionMnist.class.getResourceAsStream(base + "labels-idx1-ubyte")) {
            if (im == null || lb == null) throw new java.io.FileNotFoundException("bundled sample images missing: " + base + "*");
            byte[] images = readIdx(im, "bundled images", 0x803, new int[]{-1, ROWS, COLS});
            byte[] labels = readIdx(lb, "bundled labels", 0x801, new int[]{-1});
            return new Split(images, labels, labels.length);
        }
    }

    public static Split test() throws IOException { return load("t10k"); }

    /** Loads split {@code prefix} ("train" or "t10k"). */
    public static Split load(String prefix) throws IOException {
        Path img = dir().resolve(prefix + "-images-idx3-ubyte.gz"), lab = dir().resolve(prefix + "-labels-idx1-ubyte.gz");
        byte[] images = readIdx(img, 0x803, new int[]{-1, ROWS, COLS});
        byte[] labels = readIdx(lab, 0x801, new int[]{-1});
        int n = labels.length;
        if (images.length != n * PIXELS) throw new IOException(img + ": " + images.length / PIXELS + " images but " + n + " labels in " + lab);
        for (int i = 0; i < n; i++)
            if (labels[i] < 0 || labels[i] >= CLASSES) throw new IOException(lab + ": label " + labels[i] + " at " + i + " outside 0..9");
        return new Split(images, labels, n);
    }

    /** Reads a gzip'd (or plain) IDX file of unsigned bytes; dims of -1 are free, others must match. */
    static byte[] readIdx(Path p, int magic, int[] dims) throws IOException {
        if (!Files.isReadable(p)) throw new java.io.FileNotFoundException("Fashion-MNIST file missing: " + p + "; " + INSTALL_HINT);
        try (InputStream raw = Files.newInputStream(p)) {
            InputStream in = new java.io.BufferedInputStream(raw);
            in.mark(2);
            int b0 = in.read(), b1 = in.read();
            in.reset();
            if (b0 == 0x1f && b1 == 0x8b) in = new GZIPInputStream(in, 1 << 16);
            return readIdx(in, p.toString(), magic, dims);
        }
    }

    /** IDX: big-endian magic (0x00000800 | type<<0 ... here 0x801/0x803 for u8 with 1/3 dims), dims, data. */
    public static byte[] readIdx(InputStream in, String what, int magic, int[] dims) throws IOException {
        DataInputStream d = new DataInputStream(in);
        try {
            int m = d.readInt();
            if (m != magic) throw new IOException(what + String.format(": bad IDX magic %08x, expected %08x", m, magic));
            long total = 1;
            for (int i = 0; i < dims.length; i++) {
                int v = d.readInt();
                if (v < 0 || (dims[i] >= 0 && v != dims[i])) throw new IOException(what + ": IDX dimension " + i + " is " + v + ", expected " + dims[i]);
                total *= v;
            }
            if (total > Integer.MAX_VALUE - 16) throw new IOException(what + ": IDX too large");
            byte[] data = new byte[(int) total];
            d.readFully(data);
            return data;
        } catch (EOFException e) {
            throw new IOException(what + ": truncated IDX file", e);
        }
    }
}
