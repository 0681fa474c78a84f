package dev.heq.ot;

import dev.heq.net.Channel;
import java.security.SecureRandom;

/**
 * Random base OTs (the public-key seed of OT extension): the sender ends with pairs (k0_i, k1_i) of 16-byte keys,
 * the receiver with k_{c_i} for its choice bits c_i. One interface so the group/construction can be swapped.
 */
public interface BaseOt {
    /** Sender side of {@code count} random OTs: returns keys[i][b] (16 bytes each). */
    byte[][][] send(Channel ch, int count, SecureRandom rnd);

    /** Receiver side: returns keys[i] = k_{choices[i]} (16 bytes each). */
    byte[][] receive(Channel ch, boolean[] choices, SecureRandom rnd);

    /** Name for reports. */
    String name();
}
