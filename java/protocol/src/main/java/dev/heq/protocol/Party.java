package dev.heq.protocol;

import dev.heq.net.Channel;
import dev.heq.ot.AesPrg;
import dev.heq.ot.NOtReceiver;
import dev.heq.ot.NOtSender;
import dev.heq.ot.OtProvider;
import dev.heq.ot.OtReceiver;
import dev.heq.ot.OtSender;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The facade every protocol runs through: one party's role, its {@link Channel}, its OT sessions and its
 * randomness. Protocol classes are pure functions of (Party, shares, public parameters); all communication goes
 * through this object's channel, so the channel's counters are the communication figures (never estimated).
 *
 * <p>OT sessions are opened lazily (their base OTs run on first use) and are direction-specific: "server sends"
 * pairs the server's {@link OtSender} with the client's {@link OtReceiver}, "client sends" the reverse; 1-out-of-N
 * OT always has the server as sender. Both parties must call the protocols in the same order with the same public
 * parameters (sizes, ℓ), as with any two-party protocol; a mismatch surfaces as a {@code ChannelException}
 * (FRAME_MISMATCH) rather than a wrong answer.
 *
 * <p>Randomness (masks, random shares, triple shares, OT choices) comes from an AES-CTR generator seeded from
 * {@link SecureRandom}. Not thread-safe: one thread drives a party.
 */
public final class Party implements AutoCloseable {
    private final Role role;
    private final Channel ch;
    private final OtProvider ot;
    private final AesPrg prg;
    private OtSender otSender;
    private OtReceiver otReceiver;
    private NOtSender nSender;
    private NOtReceiver nReceiver;

    public Party(Role role, Channel ch, OtProvider ot) {
        this(role, ch, ot, new SecureRandom());
    }

    public Party(Role role, Channel ch, OtProvider ot, SecureRandom seed) {
        this.role = Objects.requireNonNull(role, "role");
        this.ch = Objects.requireNonNull(ch, "channel");
        this.ot = Objects.requireNonNull(ot, "ot provider");
        this.prg = AesPrg.fromSecureRandom(Objects.requireNonNull(seed, "seed"));
    }

    public Role role() {
        return role;
    }

    public boolean isServer() {
        return role == Role.SERVER;
    }

    public Channel channel() {
        return ch;
    }

    public String otName() {
        return ot.name();
    }

    // ---------------------------------------------------------------- randomness

    public long nextLong() {
        return prg.nextLong();
    }

    public long[] randomLongs(int n) {
        long[] r = new long[n];
        prg.nextLongs(r, 0, n);
        return r;
    }

    /** ceil(n/64) random words with the padding above bit n cleared. */
    public long[] randomBits(int n) {
        long[] r = randomLongs(BShare.words(n));
        int rem = n & 63;
        if (rem != 0) r[r.length - 1] &= (1L << rem) - 1;
        return r;
    }

    // ---------------------------------------------------------------- messaging

    /** Sends n packed bits (ceil(n/8) payload bytes). */
    public void sendBits(long[] words, int n) {
        int full = n >>> 6, rem = n & 63;
        if (full > 0) ch.sendLongs(words, 0, full, 64);
        if (rem > 0) ch.sendLongs(words, full, 1, rem);
    }

    public long[] recvBits(int n) {
        long[] w = new long[BShare.words(n)];
        int full = n >>> 6, rem = n & 63;
        if (full > 0) ch.recvLongs(w, 0, full, 64);
        if (rem > 0) ch.recvLongs(w, full, 1, rem);
        return w;
    }

    /** Both parties send their bits, then receive the peer's (one flight each way, no ordering deadlock). */
    public long[] exchangeBits(long[] words, int n) {
        sendBits(words, n);
        return recvBits(n);
    }

    /** Sends n values of {@code bits} bits each, bit-packed. */
    public void sendShares(long[] v, int n, int bits) {
        if (n > 0) ch.sendLongs(v, 0, n, bits);
    }

    public long[] recvShares(int n, int bits) {
        long[] v = new long[n];
        if (n > 0) ch.recvLongs(v, 0, n, bits);
        return v;
    }

    public long[] exchangeShares(long[] v, int n, int bits) {
        sendShares(v, n, bits);
        return recvShares(n, bits);
    }

    // ---------------------------------------------------------------- OT

    private OtSender otSender() {
        if (otSender == null) otSender = ot.sender(ch);
        return otSender;
    }

    private OtReceiver otReceiver() {
        if (otReceiver == null) otReceiver = ot.receiver(ch);
        return otReceiver;
    }

    /**
     * Correlated OT in Z_{2^ell} with {@code sender} as the OT sender. The sender passes {@code delta} (n values) and
     * gets x0; the receiver passes packed {@code choices} and gets x0 + c·delta. Returns the caller's output.
     */
    public long[] cot(Role sender, int n, int ell, long[] delta, long[] choices) {
        long[] out = new long[n];
        if (n == 0) return out;
        if (role == sender) {
            otSender().correlatedOt(n, ell, delta, out);
        } else {
            otReceiver().correlatedOt(n, ell, choices, out);
        }
        return out;
    }

    /** Chosen 1-out-of-2^logN OT, server = sender: server passes msgs (n·2^logN values), client its choices. */
    public long[] nOt(int n, int logN, int ell, long[] msgs, int[] choices) {
        long[] out = new long[n];
        if (n == 0) return out;
        if (isServer()) {
            if (nSender == null) nSender = ot.nSender(ch);
            nSender.chosenOt(n, logN, ell, msgs);
        } else {
            if (nReceiver == null) nReceiver = ot.nReceiver(ch);
            nReceiver.chosenOt(n, logN, ell, choices, out);
        }
        return out;
    }

    /** Closes the OT sessions (not the channel, which the caller owns). */
    @Override
    public void close() {
        if (otSender != null) otSender.close();
        if (otReceiver != null) otReceiver.close();
        if (nSender != null) nSender.close();
        if (nReceiver != null) nReceiver.close();
    }
}
