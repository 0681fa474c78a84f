package dev.heq.protocol;

import dev.heq.ot.OtCost;
import dev.heq.net.Channel;
import dev.heq.ot.NOtReceiver;
import dev.heq.ot.NOtSender;
import dev.heq.ot.OtProvider;
import dev.heq.ot.OtReceiver;
import dev.heq.ot.OtSender;
import dev.heq.primitives.AesCtrPrg;
import dev.heq.primitives.AesJit;
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
    private final OtCost cost;
    private final AesCtrPrg prg;
    private OtSender otSender;
    private OtReceiver otReceiver;
    private NOtSender nSender;
    private NOtReceiver nReceiver;
    private boolean greeted;

    /** Wire version of the protocols in this package; both parties must run the same. */
    public static final int PROTOCOL_VERSION = 1;

    public Party(Role role, Channel ch, OtProvider ot) {
        this(role, ch, ot, new SecureRandom());
    }

    public Party(Role role, Channel ch, OtProvider ot, SecureRandom seed) {
        this.role = Objects.requireNonNull(role, "role");
        this.ch = Objects.requireNonNull(ch, "channel");
        this.ot = Objects.requireNonNull(ot, "ot provider");
        this.prg = AesCtrPrg.fromSecureRandom(Objects.requireNonNull(seed, "seed"), AesCtrPrg.KEY_BYTES_128);
        AesJit.ensureWarm(); // masks and OT keystreams run on compiled AES stubs from the first call
        this.cost = ot.cost();
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

    /** The OT back end (e.g. for reading its session counters in measurements). */
    public OtProvider otProvider() {
        return ot;
    }

    /** The back end's cost profile: protocols choose their variants from it (both parties derive the same one). */
    public OtCost otCost() {
        return cost;
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

    /**
     * Once per session, before the first protocol message: both parties send {magic 'H' 'Q', version, role} and
     * check the peer's, so two parties configured with the same role, or different protocol versions, fail at once
     * with a message saying so instead of waiting for a timeout inside an OT. Costs 4 bytes each way, once.
     */
    private void greet() {
        if (greeted) return;
        greeted = true;
        byte[] hello = {'H', 'Q', (byte) PROTOCOL_VERSION, (byte) role.index()};
        ch.send(hello);
        byte[] peer = ch.recv(4);
        if (peer[0] != 'H' || peer[1] != 'Q') {
            throw new IllegalStateException("peer is not an HEQ protocol party (bad greeting " + java.util.Arrays.toString(peer) + ")");
        }
        if (peer[2] != PROTOCOL_VERSION) {
            throw new IllegalStateException("protocol version mismatch: this party runs " + PROTOCOL_VERSION + ", peer " + peer[2]);
        }
        if (peer[3] != role.peer().index()) {
            throw new IllegalStateException("role mismatch: both parties are configured as " + role);
        }
    }

    /** Sends n packed bits (ceil(n/8) payload bytes). */
    public void sendBits(long[] words, int n) {
        greet();
        int full = n >>> 6, rem = n & 63;
        if (full > 0) ch.sendLongs(words, 0, full, 64);
        if (rem > 0) ch.sendLongs(words, full, 1, rem);
    }

    public long[] recvBits(int n) {
        greet();
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
        greet();
        if (n > 0) ch.sendLongs(v, 0, n, bits);
    }

    public long[] recvShares(int n, int bits) {
        greet();
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
        greet();
        if (role == sender) {
            otSender().correlatedOt(n, ell, delta, out);
        } else {
            otReceiver().correlatedOt(n, ell, choices, out);
        }
        return out;
    }

    /**
     * Several correlated OTs with {@code sender} as the OT sender in one exchange (IKNP: 2 flights for all; other
     * back ends one after the other): job k has n[k] OTs in Z_{2^ell[k]}; the sender passes delta[k], the receiver
     * choices[k] (packed). Returns this party's outputs per job, as {@link #cot}.
     */
    public long[][] cots(Role sender, int[] n, int[] ell, long[][] delta, long[][] choices) {
        int jobs = n.length;
        long[][] out = new long[jobs][];
        for (int k = 0; k < jobs; k++) out[k] = new long[n[k]];
        greet();
        if (role == sender) {
            dev.heq.ot.OtSender.Cot[] js = new dev.heq.ot.OtSender.Cot[jobs];
            for (int k = 0; k < jobs; k++) js[k] = new dev.heq.ot.OtSender.Cot(n[k], ell[k], delta[k], out[k]);
            otSender().correlatedOts(js);
        } else {
            dev.heq.ot.OtReceiver.Cot[] js = new dev.heq.ot.OtReceiver.Cot[jobs];
            for (int k = 0; k < jobs; k++) js[k] = new dev.heq.ot.OtReceiver.Cot(n[k], ell[k], choices[k], out[k]);
            otReceiver().correlatedOts(js);
        }
        return out;
    }

    /**
     * Random OT with random choices and ℓ-bit messages, {@code sender} as the OT sender: the sender gets m0, m1
     * (arrays {@code a}, {@code b}, one value per OT); the receiver gets its packed random choices in {@code a}
     * and m_c in {@code b}. Silent back ends make these from COTs with no message at all.
     */
    public void randomChoiceOt(Role sender, int n, int ell, long[] a, long[] b) {
        if (n == 0) return;
        greet();
        if (role == sender) {
            otSender().randomChoiceOt(n, ell, a, b);
        } else {
            otReceiver().randomChoiceOt(n, ell, a, b);
        }
    }

    /** Chosen 1-out-of-2^logN OT, server = sender: server passes msgs (n·2^logN values), client its choices. */
    public long[] nOt(int n, int logN, int ell, long[] msgs, int[] choices) {
        long[] out = new long[n];
        if (n == 0) return out;
        greet();
        if (isServer()) {
            if (nSender == null) nSender = ot.nSender(ch);
            nSender.chosenOt(n, logN, ell, msgs);
        } else {
            if (nReceiver == null) nReceiver = ot.nReceiver(ch);
            nReceiver.chosenOt(n, logN, ell, choices, out);
        }
        return out;
    }

    /**
     * Several chosen 1-out-of-2^logN OT jobs as one exchange, server = sender: the server passes {@code serverJobs},
     * the client {@code clientJobs} (same shapes, same order; the other argument is ignored). With KK13 this is 2
     * flights whatever the number and size of the jobs; other back ends run the jobs one after the other.
     */
    public void nOts(dev.heq.ot.NOtSender.Job[] serverJobs, dev.heq.ot.NOtReceiver.Job[] clientJobs) {
        greet();
        if (isServer()) {
            if (serverJobs.length == 0) return;
            if (nSender == null) nSender = ot.nSender(ch);
            nSender.chosenOts(serverJobs);
        } else {
            if (clientJobs.length == 0) return;
            if (nReceiver == null) nReceiver = ot.nReceiver(ch);
            nReceiver.chosenOts(clientJobs);
        }
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
