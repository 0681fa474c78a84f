package dev.heq.ot.ferret;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Runs {@code parts} independent work items on up to {@code threads} threads (the caller is one of them). Worker
 * threads are daemon threads of a shared cached pool, created on demand. A failure in any part is rethrown.
 */
final class Parallel {
    private static final ExecutorService POOL = Executors.newCachedThreadPool(
            r -> Thread.ofPlatform().daemon().name("heq-ferret").unstarted(r));

    private Parallel() {}

    /** Calls body.accept(w) for w in [0, workers) — worker w processes its own share; workers ≥ 1. */
    static void run(int workers, IntConsumer body) {
        if (workers <= 1) {
            body.accept(0);
            return;
        }
        List<Future<?>> fs = new ArrayList<>(workers - 1);
        for (int w = 1; w < workers; w++) {
            int ww = w;
            fs.add(POOL.submit(() -> body.accept(ww)));
        }
        RuntimeException first = null;
        try {
            body.accept(0);
        } catch (RuntimeException e) {
            first = e;
        }
        for (Future<?> f : fs) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Ferret workers", e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Runs work on a pool thread (a background Ferret iteration). */
    static Future<?> submit(Runnable work) {
        return POOL.submit(work);
    }

    /** Start of share w of [0, total) split into workers near-equal contiguous ranges. */
    static int split(int total, int workers, int w) {
        return (int) ((long) total * w / workers);
    }
}
