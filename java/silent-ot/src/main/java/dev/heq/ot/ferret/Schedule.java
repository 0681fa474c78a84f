package dev.heq.ot.ferret;

import java.util.ArrayList;
import java.util.List;

/**
 * How a Ferret OT call (one or several jobs) is cut into segments and batches; both ends derive the same schedule
 * from the job shapes alone, so they agree on every message boundary without sending anything.
 *
 * <p>A segment is one streamed exchange: the receiver sends its choice corrections for every batch of the segment
 * (flushing after each batch, so the sender works on batch k while the receiver prepares k + 1), then the sender
 * sends the payloads of all batches — 2 flights per segment, 1 when there is no payload. Before a segment both
 * ends call {@link CotPool#ensure} with its COT count, so a Ferret main iteration never falls inside it. A new
 * segment starts only when the next batch would exceed {@link #MAX_COTS} COTs (the most one iteration can supply
 * without stashing too much) or {@link #MAX_PENDING} bytes of payload held back by the sender; below those limits
 * (2^16 ReLUs at ℓ = 37 need ≈ 2.4·10^6 COTs and ≈ 6 MiB of payload) a call is one segment.
 */
final class Schedule {
    /** Payload bytes the sender holds back at most per segment: 64 MiB. */
    static final long MAX_PENDING = 1L << 26;
    /** COTs per segment at most: 2^22 (64 MiB of blocks if {@link CotPool#ensure} has to set them all aside). */
    static final int MAX_COTS = 1 << 22;

    /** A batch: OTs [from, from + count) of job {@code job}, using {@code cots} COTs from the pool. */
    record Batch(int job, int from, int count, int cots) {}

    /** One segment: its batches in order and their total COT count (what {@link CotPool#ensure} reserves). */
    record Segment(List<Batch> batches, int cots) {}

    private Schedule() {}

    /**
     * The segments of a call.
     *
     * @param n            OTs per job, ≥ 0
     * @param cotsPerOt    COTs per OT of each job, 1..8
     * @param payloadBits  payload bits per OT of each job (0: no payload), ≥ 0
     * @param batch        preferred OTs per batch of each job, ≥ 1
     * @param usable       COTs one main iteration hands out ({@link FerretParams#usable()})
     */
    static List<Segment> of(int[] n, int[] cotsPerOt, long[] payloadBits, int[] batch, int usable) {
        int maxCots = Math.min(MAX_COTS, usable);
        List<Segment> out = new ArrayList<>();
        List<Batch> cur = new ArrayList<>();
        long cots = 0, pending = 0;
        for (int t = 0; t < n.length; t++) {
            // a batch never exceeds a segment's limits on its own
            long perBytes = Math.max(1, (payloadBits[t] + 7) / 8);
            int b0 = (int) Math.max(1, Math.min(batch[t], Math.min(maxCots / cotsPerOt[t], MAX_PENDING / perBytes)));
            for (int done = 0; done < n[t]; done += b0) {
                int b = Math.min(b0, n[t] - done), c = b * cotsPerOt[t];
                long bytes = (b * payloadBits[t] + 7) >>> 3;
                if (!cur.isEmpty() && (cots + c > maxCots || pending + bytes > MAX_PENDING)) {
                    out.add(new Segment(cur, (int) cots));
                    cur = new ArrayList<>();
                    cots = 0;
                    pending = 0;
                }
                cur.add(new Batch(t, done, b, c));
                cots += c;
                pending += bytes;
            }
        }
        if (!cur.isEmpty()) {
            out.add(new Segment(cur, (int) cots));
        }
        return out;
    }
}
