package dev.heq.quant;

import java.util.Arrays;

/**
 * Requantization of a linear layer's accumulator to the next layer's activation type (integer-only inference, Jacob et al., CVPR 2018):
 * <pre>
 *   out[c] = clamp( floor((acc·M_c + 2^(s_c-1)) / 2^s_c),  lo, hi )
 *   lo = out.min(), hi = out.max()     (an unsigned output type makes lo = 0, i.e. the ReLU is fused here)
 * </pre>
 * with one {@link FixedPoint} (M_c, s_c) per output channel (per-channel weights) or a single one (per-tensor).
 * The accumulator {@code acc} is an exact integer in {@code [-2^(accBits-1), 2^(accBits-1))}.
 *
 * @param channels one fixed-point factor per output channel, or exactly one shared by all channels
 * @param out      the output tensor type (its range is the clamp)
 * @param accBits  the signed accumulator width b_acc in [2, 32] the input is guaranteed to fit in
 */
public record Requantizer(FixedPoint[] channels, QType out, int accBits) {
    public Requantizer {
        if (channels == null || channels.length == 0) throw new IllegalArgumentException("requantizer needs ≥ 1 multiplier");
        if (accBits < 2 || accBits > 32) throw new IllegalArgumentException("accumulator bit width out of range [2, 32]: " + accBits);
        channels = channels.clone();
        for (FixedPoint f : channels) {
            if (f == null) throw new IllegalArgumentException("null multiplier");
            if (accBits + f.multiplierBits() > 62)
                throw new IllegalArgumentException("accBits " + accBits + " + multiplier bits " + f.multiplierBits() + " exceeds 62");
        }
    }

    /** The factor applied to channel {@code c} (the single shared one when per-tensor). */
    public FixedPoint channel(int c) {
        return channels.length == 1 ? channels[0] : channels[c];
    }

    public int size() { return channels.length; }

    public boolean perChannel() { return channels.length > 1; }

    /** The exact requantization of one accumulator of output channel {@code c}. */
    public int apply(long acc, int c) {
        long v = channel(c).apply(acc);
        long lo = out.min(), hi = out.max();
        return (int) (v < lo ? lo : (v > hi ? hi : v));
    }

    @Override
    public FixedPoint[] channels() { return channels.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof Requantizer r && Arrays.equals(channels, r.channels) && out.equals(r.out) && accBits == r.accBits;
    }

    @Override
    public int hashCode() { return Arrays.hashCode(channels) * 31 + out.hashCode() * 7 + accBits; }
}
