package dev.heq.nn;

/** A CHW activation shape of one image (batch size is always 1 in the integer engine). All extents ≥ 1. */
public record Shape(int c, int h, int w) {
    public Shape {
        if (c < 1 || h < 1 || w < 1) throw new ModelException("shape extents must be ≥ 1, got " + c + "x" + h + "x" + w);
        if ((long) c * h * w > Integer.MAX_VALUE) throw new ModelException("shape too large: " + c + "x" + h + "x" + w);
    }

    public int size() { return c * h * w; }

    @Override
    public String toString() { return c + "x" + h + "x" + w; }
}
