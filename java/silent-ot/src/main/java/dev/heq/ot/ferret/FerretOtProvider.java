package dev.heq.ot.ferret;

import dev.heq.net.Channel;
import dev.heq.ot.NOtReceiver;
import dev.heq.ot.NOtSender;
import dev.heq.ot.OtCost;
import dev.heq.ot.OtProvider;
import dev.heq.ot.OtReceiver;
import dev.heq.ot.OtSender;
import java.lang.ref.WeakReference;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;

/**
 * {@link OtProvider} on Ferret silent OT (semi-honest): 1-of-2 OTs of every kind from Δ-COTs
 * ({@link FerretOtSender}), 1-of-N from log N random OTs ({@link FerretNOtSender}, not KK13).
 *
 * <p>Session lifecycle. Per channel and direction this provider keeps ONE COT session, shared by the 1-of-2 and
 * 1-of-N objects it returns for that channel: {@code sender(ch)} and {@code nSender(ch)} draw from the same
 * {@link FerretCotSender}, {@code receiver(ch)} and {@code nReceiver(ch)} from the same {@link FerretCotReceiver}
 * (so the ≈ 10^7-COT buffer and the setup are paid once per direction, not per object). Consequently both parties
 * must interleave their calls on those objects in the same order — the same rule as for any one OT object. A party
 * using OT in both directions on one channel has two independent sessions (one where it holds Δ, one where the
 * peer does). The setup — IKNP/Chou–Orlandi base OTs, {@link FerretParams#reservePre()} bootstrap COTs, one
 * bootstrap LPN iteration — runs on a session's first use; afterwards a main iteration runs whenever its buffer of
 * {@link FerretParams#usable()} COTs is used up, and reserves the COTs of the next iteration. The provider holds
 * sessions weakly: keep the OT objects (as heq-protocol's Party does) for as long as the session is in use; asking
 * again after dropping all of them starts a new session, which the peer must mirror.
 *
 * <p>Memory: a session holds 2·n longs (168 MB for {@link FerretParams#B13}), twice that when pipelined. IKNP remains
 * the better choice for small batches ({@link OtProvider#iknp()}): Ferret's first use costs a full iteration (≈ 1–2 s
 * here).
 */
public final class FerretOtProvider implements OtProvider {
    private final FerretParams params;
    private final int threads;
    private final boolean pipelined;
    // Weak keys and weak values: a session lives as long as an OT object using it (which holds it strongly), and a
    // provider serving many channels never pins their 168 MB buffers. (A strong value would pin its own key too,
    // since the session references its channel.)
    private final Map<Channel, WeakReference<FerretCotSender>> senders = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<Channel, WeakReference<FerretCotReceiver>> receivers =
            Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * The 128-bit {@link FerretParams#B13} set, one worker thread per available processor, iterations pipelined
     * (computed in the background, see {@link CotPool}) when there is more than one processor. Both parties must
     * use the same parameters and the same pipelining setting (a mismatch fails with FRAME_MISMATCH).
     */
    public FerretOtProvider() {
        this(FerretParams.B13, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().availableProcessors() > 1);
    }

    /** Not pipelined. */
    public FerretOtProvider(FerretParams params, int threads) {
        this(params, threads, false);
    }

    public FerretOtProvider(FerretParams params, int threads, boolean pipelined) {
        this.pipelined = pipelined;
        this.params = Objects.requireNonNull(params, "params");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
    }

    public FerretParams params() {
        return params;
    }

    /** Silent: every OT consumes Δ-COTs at {@link FerretParams#cost()}'s amortised bits each. */
    @Override
    public OtCost cost() {
        return params.cost();
    }

    @Override
    public String name() {
        return "Ferret (" + params.name() + ") over IKNP/CO15 bootstrap";
    }

    /** The COT session this provider uses as Δ-holder on ch (created on first request). */
    public FerretCotSender cotSender(Channel ch) {
        Objects.requireNonNull(ch, "ch");
        synchronized (senders) {
            WeakReference<FerretCotSender> ref = senders.get(ch);
            FerretCotSender s = ref == null ? null : ref.get();
            if (s == null) {
                s = new FerretCotSender(ch, params, threads, pipelined, new SecureRandom());
                senders.put(ch, new WeakReference<>(s));
            }
            return s;
        }
    }

    /** The COT session this provider uses as receiver on ch (created on first request). */
    public FerretCotReceiver cotReceiver(Channel ch) {
        Objects.requireNonNull(ch, "ch");
        synchronized (receivers) {
            WeakReference<FerretCotReceiver> ref = receivers.get(ch);
            FerretCotReceiver r = ref == null ? null : ref.get();
            if (r == null) {
                r = new FerretCotReceiver(ch, params, threads, pipelined, new SecureRandom());
                receivers.put(ch, new WeakReference<>(r));
            }
            return r;
        }
    }

    @Override
    public OtSender sender(Channel ch) {
        return new FerretOtSender(ch, cotSender(ch));
    }

    @Override
    public OtReceiver receiver(Channel ch) {
        return new FerretOtReceiver(ch, cotReceiver(ch));
    }

    @Override
    public NOtSender nSender(Channel ch) {
        return new FerretNOtSender(ch, cotSender(ch));
    }

    @Override
    public NOtReceiver nReceiver(Channel ch) {
        return new FerretNOtReceiver(ch, cotReceiver(ch));
    }
}
