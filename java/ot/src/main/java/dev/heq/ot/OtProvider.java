package dev.heq.ot;

import dev.heq.net.Channel;

/**
 * The swappable OT back end: creates per-session senders and receivers bound to a {@link Channel}. Creating one is
 * cheap; the session's base OTs run (interactively) on its first use, so both parties must use their ends in the
 * same order. A party that needs OT in both directions creates a sender and a receiver; they are independent
 * sessions with independent base OTs. (The channel stays free of OT: OT only uses it.)
 */
public interface OtProvider {

    String name();

    OtSender sender(Channel ch);

    OtReceiver receiver(Channel ch);

    NOtSender nSender(Channel ch);

    NOtReceiver nReceiver(Channel ch);

    /**
     * What this back end's OTs cost on the wire, for the protocols' variant choices and byte formulas. IKNP/KK13 by
     * default; a silent back end overrides it with its amortised COT cost.
     */
    default OtCost cost() {
        return OtCost.IKNP;
    }

    /** IKNP for 1-of-2, KK13 for 1-of-N, Chou–Orlandi base OTs, SecureRandom-seeded. */
    static OtProvider iknp() {
        return new IknpOtProvider();
    }
}
