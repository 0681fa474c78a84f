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

    /** IKNP for 1-of-2, KK13 for 1-of-N, Chou–Orlandi base OTs, SecureRandom-seeded. */
    static OtProvider iknp() {
        return new IknpOtProvider();
    }
}
