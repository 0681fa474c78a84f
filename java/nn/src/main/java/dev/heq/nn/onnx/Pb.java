package dev.heq.nn.onnx;

import dev.heq.nn.ModelFormatException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal protocol-buffers wire codec (encoding spec: varints, zig-zag-free int64, fixed32, length-delimited),
 * enough for the ONNX messages HEQ reads and writes. Written here from the wire-format description; no schema
 * files or generated code. Unknown fields are kept and ignored by callers, as protobuf requires.
 */
final class Pb {
    private Pb() {}

    static final int VARINT = 0, FIXED64 = 1, LEN = 2, FIXED32 = 5;

    /** Message writer; fields are appended in call order. */
    static final class W {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void varint(long v) {
            while ((v & ~0x7FL) != 0) { out.write((int) ((v & 0x7F) | 0x80)); v >>>= 7; }
            out.write((int) v);
        }

        void tag(int field, int wt) { varint(((long) field << 3) | wt); }

        W int64(int f, long v) { tag(f, VARINT); varint(v); return this; }

        W float32(int f, float v) {
            tag(f, FIXED32);
            int b = Float.floatToRawIntBits(v);
            for (int i = 0; i < 4; i++) out.write(b >>> (8 * i));
            return this;
        }

        W bytes(int f, byte[] b) { tag(f, LEN); varint(b.length); out.writeBytes(b); return this; }

        W string(int f, String s) { return bytes(f, s.getBytes(StandardCharsets.UTF_8)); }

        W msg(int f, W m) { return bytes(f, m.toBytes()); }

        W packedInt64(int f, long[] v) {
            W p = new W();
            for (long x : v) p.varint(x);
            return bytes(f, p.toBytes());
        }

        W packedFloat(int f, float[] v) {
            W p = new W();
            for (float x : v) { int b = Float.floatToRawIntBits(x); for (int i = 0; i < 4; i++) p.out.write(b >>> (8 * i)); }
            return bytes(f, p.toBytes());
        }

        byte[] toBytes() { return out.toByteArray(); }
    }

    /** A parsed message: field number → values (Long for varint/fixed64, Integer for fixed32, byte[] for LEN). */
    static final class Msg {
        final Map<Integer, List<Object>> fields = new LinkedHashMap<>();

        List<Object> all(int f) { return fields.getOrDefault(f, List.of()); }

        boolean has(int f) { return fields.containsKey(f); }

        long int64(int f, long dflt) {
            List<Object> v = all(f);
            if (v.isEmpty()) return dflt;
            if (!(v.getLast() instanceof Long l)) throw new ModelFormatException("protobuf field " + f + " is not a varint");
            return l;
        }

        byte[] bytes(int f) {
            List<Object> v = all(f);
            if (v.isEmpty()) return null;
            if (!(v.getLast() instanceof byte[] b)) throw new ModelFormatException("protobuf field " + f + " is not length-delimited");
            return b;
        }

        String string(int f, String dflt) {
            byte[] b = bytes(f);
            return b == null ? dflt : new String(b, StandardCharsets.UTF_8);
        }

        List<String> strings(int f) {
            List<String> s = new ArrayList<>();
            for (Object o : all(f)) {
                if (!(o instanceof byte[] b)) throw new ModelFormatException("protobuf field " + f + " is not a string");
                s.add(new String(b, StandardCharsets.UTF_8));
            }
            return s;
        }

        List<Msg> msgs(int f) {
            List<Msg> m = new ArrayList<>();
            for (Object o : all(f)) {
                if (!(o instanceof byte[] b)) throw new ModelFormatException("protobuf field " + f + " is not a message");
                m.add(parse(b));
            }
            return m;
        }

        float float32(int f, float dflt) {
            List<Object> v = all(f);
            if (v.isEmpty()) return dflt;
            if (!(v.getLast() instanceof Integer i)) throw new ModelFormatException("protobuf field " + f + " is not fixed32");
            return Float.intBitsToFloat(i);
        }

        /** Repeated int64, packed or not. */
        long[] int64s(int f) {
            List<Long> out = new ArrayList<>();
            for (Object o : all(f)) {
                if (o instanceof Long l) out.add(l);
                else if (o instanceof byte[] b) {
                    Reader r = new Reader(b, 0, b.length);
                    while (r.pos < r.end) out.add(r.varint());
                } else throw new ModelFormatException("protobuf field " + f + " is not int64");
            }
            return out.stream().mapToLong(Long::longValue).toArray();
        }

        /** Repeated float, packed or not. */
        float[] floats(int f) {
            List<Float> out = new ArrayList<>();
            for (Object o : all(f)) {
                if (o instanceof Integer i) out.add(Float.intBitsToFloat(i));
                else if (o instanceof byte[] b) {
                    if (b.length % 4 != 0) throw new ModelFormatException("packed float field " + f + " has " + b.length + " bytes");
                    for (int i = 0; i < b.length; i += 4)
                        out.add(Float.intBitsToFloat((b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24));
                } else throw new ModelFormatException("protobuf field " + f + " is not float");
            }
            float[] a = new float[out.size()];
            for (int i = 0; i < a.length; i++) a[i] = out.get(i);
            return a;
        }
    }

    private static final class Reader {
        final byte[] b;
        int pos;
        final int end;

        Reader(byte[] b, int pos, int end) { this.b = b; this.pos = pos; this.end = end; }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) throw new ModelFormatException("truncated protobuf varint at byte " + pos);
                int x = b[pos++] & 0xFF;
                v |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) return v;
            }
            throw new ModelFormatException("malformed protobuf varint (more than 10 bytes) at byte " + pos);
        }

        int fixed32() {
            if (end - pos < 4) throw new ModelFormatException("truncated protobuf fixed32 at byte " + pos);
            int v = (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8 | (b[pos + 2] & 0xFF) << 16 | (b[pos + 3] & 0xFF) << 24;
            pos += 4;
            return v;
        }
    }

    static Msg parse(byte[] b) {
        Msg m = new Msg();
        Reader r = new Reader(b, 0, b.length);
        while (r.pos < r.end) {
            long key = r.varint();
            int field = (int) (key >>> 3), wt = (int) (key & 7);
            if (field <= 0) throw new ModelFormatException("invalid protobuf field number " + field + " at byte " + r.pos);
            Object v = switch (wt) {
                case VARINT -> r.varint();
                case FIXED64 -> {
                    if (r.end - r.pos < 8) throw new ModelFormatException("truncated protobuf fixed64");
                    long lo = r.fixed32() & 0xFFFFFFFFL, hi = r.fixed32() & 0xFFFFFFFFL;
                    yield lo | hi << 32;
                }
                case LEN -> {
                    long n = r.varint();
                    if (n < 0 || n > r.end - r.pos) throw new ModelFormatException("protobuf length " + n + " runs past the end (" + (r.end - r.pos) + " bytes left)");
                    byte[] x = java.util.Arrays.copyOfRange(r.b, r.pos, r.pos + (int) n);
                    r.pos += (int) n;
                    yield x;
                }
                case FIXED32 -> r.fixed32();
                default -> throw new ModelFormatException("unsupported protobuf wire type " + wt + " for field " + field);
            };
            m.fields.computeIfAbsent(field, k -> new ArrayList<>()).add(v);
        }
        return m;
    }
}
