package dev.heq.he;

import dev.heq.ring.RnsPoly;

/**
 * A plaintext prepared for ct×pt: its centred lift to (−t/2, t/2] (so ‖p‖₁ is the weights' real L1 norm and the
 * noise grows by ‖p‖₁, not by t) in RNS, NTT form. Prepare once with {@link Evaluator#prepare} and reuse for
 * every query. Immutable by contract.
 */
public final class NttPlaintext {
    private final long paramsId;
    private final RnsPoly poly;

    NttPlaintext(long paramsId, RnsPoly poly) {
        if (!poly.isNtt()) {
            throw new IllegalArgumentException("NttPlaintext must hold an NTT-form poly");
        }
        this.paramsId = paramsId;
        this.poly = poly;
    }

    public long paramsId() {
        return paramsId;
    }

    /** The NTT-form residues (do not modify). */
    public RnsPoly poly() {
        return poly;
    }
}
