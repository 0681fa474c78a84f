package dev.heq.nn;

import dev.heq.quant.FixedPoint;
import dev.heq.quant.QType;
import dev.heq.quant.Requantizer;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * HEQ's native model format ({@code .heqm}), version 1. Big-endian throughout.
 * <pre>
 *   offset 0   magic  "HEQM"                       4 bytes
 *          4   version (u16, = 1), flags (u16, = 0)
 *          8   payload length L (u64)
 *         16   payload                              L bytes (below)
 *       16+L   CRC-32C of bytes [0, 16+L)           4 bytes
 *
 *   payload  = name (u16 length + UTF-8) · input shape (3 × i32 C,H,W) · input qtype · i32 node count · nodes
 *   qtype    = u8 bits · u8 signed (0/1) · f64 scale
 *   node     = u8 opcode · u8 arity · arity × i32 input tensor id · op fields
 *   Conv2d=1 : i32 inC,outC,kh,kw,stride,pad,groups · u8 b_w · i32 n · n × i8 weights · i32 n · n × i32 bias
 *              · i32 n · n × f64 weight scale · requant
 *   Dense=2  : i32 in,out · u8 b_w · weights, bias, scales as Conv2d · requant
 *   MaxPool=3: i32 k, stride, pad        AvgPool=4: i32 k, stride · u8 global · fixedpoint
 *   Add=5    : i32 ma, mb · u8 shift · qtype      Relu=6, Flatten=7: no fields
 *   requant  = i32 n · n × fixedpoint · qtype out · u8 b_acc      fixedpoint = i32 M · u8 shift
 * </pre>
 * Readers check, in this order: length ≥ header + checksum, magic, version, payload length against the file size
 * (truncated/trailing bytes), CRC-32C, then every field while parsing (counts against remaining bytes, op codes,
 * bit widths, shapes), and finally the whole graph through {@link QuantModel}'s validation.
 */
public final class ModelIO {
    public static final byte[] MAGIC = "HEQM".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    static final int HEADER = 16;

    private ModelIO() {}

    // ---------------------------------------------------------------- writing

    public static byte[] toBytes(QuantModel m) {
        try {
            ByteArrayOutputStream pay = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(pay);
            byte[] name = m.name().getBytes(StandardCharsets.UTF_8);
            if (name.length > 65535) throw new ModelException("model name too long");
            d.writeShort(name.length);
            d.write(name);
            Shape s = m.inputShape();
            d.writeInt(s.c()); d.writeInt(s.h()); d.writeInt(s.w());
            writeQType(d, m.inputType());
            d.writeInt(m.nodes().size());
            for (Node n : m.nodes()) {
                d.writeByte(opcode(n.layer()));
                d.writeByte(n.arity());
                for (int i : n.inputs()) d.writeInt(i);
                switch (n.layer()) {
                    case Layer.Conv2d c -> {
                        for (int v : new int[]{c.inC(), c.outC(), c.kh(), c.kw(), c.stride(), c.pad(), c.groups()}) d.writeInt(v);
                        writeLinear(d, c.weightBits(), c.w(), c.b(), c.weightScale(), c.requant());
                    }
                    case Layer.Dense x -> {
                        d.writeInt(x.in()); d.writeInt(x.out());
                        writeLinear(d, x.weightBits(), x.w(), x.b(), x.weightScale(), x.requant());
                    }
                    case Layer.MaxPool p -> { d.writeInt(p.k()); d.writeInt(p.stride()); d.writeInt(p.pad()); }
                    case Layer.AvgPool p -> { d.writeInt(p.k()); d.writeInt(p.stride()); d.writeByte(p.global() ? 1 : 0); writeFixed(d, p.divisor()); }
                    case Layer.Add a -> { d.writeInt(a.ma()); d.writeInt(a.mb()); d.writeByte(a.shift()); writeQType(d, a.out()); }
                    case Layer.Relu r -> { }
                    case Layer.Flatten f -> { }
                }
            }
            d.flush();
            byte[] p = pay.toByteArray();
            ByteBuffer out = ByteBuffer.allocate(HEADER + p.length + 4);
            out.put(MAGIC).putShort((short) VERSION).putShort((short) 0).putLong(p.length).put(p);
            CRC32C crc = new CRC32C();
            crc.update(out.array(), 0, HEADER + p.length);
            out.putInt((int) crc.getValue());
            return out.array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(QuantModel m, Path file) throws IOException {
        Files.write(file, toBytes(m));
    }

    private static int opcode(Layer l) {
        return switch (l) {
            case Layer.Conv2d c -> 1; case Layer.Dense d -> 2; case Layer.MaxPool p -> 3; case Layer.AvgPool p -> 4;
            case Layer.Add a -> 5; case Layer.Relu r -> 6; case Layer.Flatten f -> 7;
        };
    }

    private static void writeQType(DataOutputStream d, QType t) throws IOException {
        d.writeByte(t.bits()); d.writeByte(t.signed() ? 1 : 0); d.writeDouble(t.scale());
    }

    private static void writeFixed(DataOutputStream d, FixedPoint f) throws IOException {
        d.writeInt(f.multiplier()); d.writeByte(f.shift());
    }

    private static void writeLinear(DataOutputStream d, int wb, int[] w, int[] b, double[] s, Requantizer rq) throws IOException {
        d.writeByte(wb);
        d.writeInt(w.length);
        for (int v : w) d.writeByte(v);
        d.writeInt(b.length);
        for (int v : b) d.writeInt(v);
        d.writeInt(s.length);
        for (double v : s) d.writeDouble(v);
        d.writeInt(rq.size());
        for (int c = 0; c < rq.size(); c++) writeFixed(d, rq.channel(c));
        writeQType(d, rq.out());
        d.writeByte(rq.accBits());
    }

    // ---------------------------------------------------------------- reading

    public static QuantModel read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new java.io.FileNotFoundException("model file not found: " + file);
        return fromBytes(Files.readAllBytes(file), file.toString());
    }

    public static QuantModel read(InputStream in, String what) throws IOException {
        return fromBytes(in.readAllBytes(), what);
    }

    /** Loads a model bundled with this module under {@code dev/heq/nn/models/}. */
    public static QuantModel resource(String name) throws IOException {
        String path = "/dev/heq/nn/models/" + name;
        try (InputStream in = ModelIO.class.getResourceAsStream(path)) {
            if (in == null) throw new java.io.FileNotFoundException("bundled model resource not found: " + path);
            return read(in, "resource " + path);
        }
    }

    public static QuantModel fromBytes(byte[] f, String what) {
        String w = what == null ? "model" : what;
        if (f.length < HEADER + 4)
            throw new ModelFormatException(w + ": truncated file (" + f.length + " bytes, a header and checksum need " + (HEADER + 4) + ")");
        for (int i = 0; i < 4; i++)
            if (f[i] != MAGIC[i]) throw new ModelFormatException(w + ": bad magic (not an HEQ model file; expected \"HEQM\")");
        ByteBuffer h = ByteBuffer.wrap(f);
        int version = Short.toUnsignedInt(h.getShort(4));
        if (version != VERSION) throw new ModelFormatException(w + ": unsupported format version " + version + " (this reader knows " + VERSION + ")");
        long len = h.getLong(8);
        long expect = HEADER + len + 4;
        if (len < 0 || expect > f.length)
            throw new ModelFormatException(w + ": truncated file (" + f.length + " bytes, header declares " + (len < 0 ? "a negative length" : expect + " bytes") + ")");
        if (expect < f.length) throw new ModelFormatException(w + ": " + (f.length - expect) + " trailing bytes after the checksum");
        CRC32C crc = new CRC32C();
        crc.update(f, 0, (int) (HEADER + len));
        int stored = h.getInt((int) (HEADER + len));
        if (stored != (int) crc.getValue())
            throw new ModelFormatException(w + String.format(": checksum mismatch (stored %08x, computed %08x): the file is corrupt", stored, (int) crc.getValue()));
        ByteBuffer p = ByteBuffer.wrap(f, HEADER, (int) len).slice();
        int node = -1;
        try {
            byte[] nm = new byte[p.getShort() & 0xFFFF];
            p.get(nm);
            Shape in = new Shape(p.getInt(), p.getInt(), p.getInt());
            QType it = readQType(p);
            int count = count(p, 2);
            List<Node> nodes = new ArrayList<>();
            for (node = 0; node < count; node++) {
                int op = p.get() & 0xFF, ar = p.get() & 0xFF;
                int[] ins = new int[Math.min(ar, 2)];
                if (ar > 2) throw new ModelFormatException("arity " + ar + " not supported");
                for (int i = 0; i < ar; i++) ins[i] = p.getInt();
                Layer l = switch (op) {
                    case 1 -> {
                        int inC = p.getInt(), outC = p.getInt(), kh = p.getInt(), kw = p.getInt(), st = p.getInt(), pad = p.getInt(), g = p.getInt();
                        Lin x = readLinear(p);
                        yield new Layer.Conv2d(inC, outC, kh, kw, st, pad, g, x.wb, x.w, x.b, x.s, x.rq);
                    }
                    case 2 -> {
                        int n = p.getInt(), m = p.getInt();
                        Lin x = readLinear(p);
                        yield new Layer.Dense(n, m, x.wb, x.w, x.b, x.s, x.rq);
                    }
                    case 3 -> new Layer.MaxPool(p.getInt(), p.getInt(), p.getInt());
                    case 4 -> new Layer.AvgPool(p.getInt(), p.getInt(), p.get() != 0, readFixed(p));
                    case 5 -> new Layer.Add(p.getInt(), p.getInt(), p.get() & 0xFF, readQType(p));
                    case 6 -> new Layer.Relu();
                    case 7 -> new Layer.Flatten();
                    default -> throw new ModelFormatException("unsupported op code " + op);
                };
                nodes.add(new Node(l, ins));
            }
            node = -1;
            if (p.hasRemaining()) throw new ModelFormatException(p.remaining() + " unparsed bytes at the end of the payload");
            return new QuantModel(new String(nm, StandardCharsets.UTF_8), in, it, nodes);
        } catch (BufferUnderflowException e) {
            throw new ModelFormatException(w + ": payload ends early" + (node >= 0 ? " in node " + node : ""), e);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(w + ": " + (node >= 0 ? "node " + node + ": " : "") + e.getMessage(), e);
        }
    }

    private record Lin(int wb, int[] w, int[] b, double[] s, Requantizer rq) {}

    /** A count of items of at least {@code minBytes} each, checked against what is left (no huge allocations). */
    private static int count(ByteBuffer p, int minBytes) {
        int n = p.getInt();
        if (n < 0 || (long) n * minBytes > p.remaining())
            throw new ModelFormatException("count " + n + " does not fit in the " + p.remaining() + " remaining bytes");
        return n;
    }

    private static Lin readLinear(ByteBuffer p) {
        int wb = p.get() & 0xFF;
        int[] w = new int[count(p, 1)];
        for (int i = 0; i < w.length; i++) w[i] = p.get();
        int[] b = new int[count(p, 4)];
        for (int i = 0; i < b.length; i++) b[i] = p.getInt();
        double[] s = new double[count(p, 8)];
        for (int i = 0; i < s.length; i++) s[i] = p.getDouble();
        FixedPoint[] f = new FixedPoint[count(p, 5)];
        for (int i = 0; i < f.length; i++) f[i] = readFixed(p);
        QType out = readQType(p);
        int acc = p.get() & 0xFF;
        return new Lin(wb, w, b, s, new Requantizer(f, out, acc));
    }

    private static FixedPoint readFixed(ByteBuffer p) { return new FixedPoint(p.getInt(), p.get() & 0xFF); }

    private static QType readQType(ByteBuffer p) {
        int bits = p.get() & 0xFF;
        int sg = p.get();
        if (sg != 0 && sg != 1) throw new ModelFormatException("bad signedness flag " + sg);
        return new QType(bits, sg == 1, p.getDouble());
    }
}
