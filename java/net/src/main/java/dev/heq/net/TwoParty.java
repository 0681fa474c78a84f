package dev.heq.net;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Runs the two parties of a protocol on two threads over a connected channel pair and returns both results —
 * the in-process harness for protocol tests and benchmarks. If one party fails, its channel is closed so the
 * other fails fast with PEER_DISCONNECTED instead of waiting for its timeout; the first failure is rethrown.
 */
public final class TwoParty {
    private TwoParty() {}

    /** Both results, party 0 then party 1. */
    public record Result<A, B>(A p0, B p1) {}

    public static <A, B> Result<A, B> run(Channel[] pair, Function<Channel, A> party0, Function<Channel, B> party1,
                                          Duration limit) {
        ExecutorService ex = Executors.newFixedThreadPool(2, r -> Thread.ofPlatform().daemon().name("heq-party").unstarted(r));
        try {
            CompletionService<Object> cs = new ExecutorCompletionService<>(ex);
            AtomicReference<Throwable> first = new AtomicReference<>();
            Future<Object> f0 = cs.submit(() -> guarded(pair[0], party0, first));
            Future<Object> f1 = cs.submit(() -> guarded(pair[1], party1, first));
            long deadline = System.nanoTime() + limit.toNanos();
            for (int done = 0; done < 2; done++) {
                Future<Object> f;
                try {
                    f = cs.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                if (f == null) {
                    pair[0].close();
                    pair[1].close();
                    throw new ChannelException(ChannelException.Kind.TIMEOUT, "two-party run exceeded its limit of " + limit);
                }
                if (first.get() != null) {
                    rethrow(first.get());   // the party that failed first determines the exception
                }
                get(f);
            }
            @SuppressWarnings("unchecked")
            Result<A, B> r = new Result<>((A) get(f0), (B) get(f1));
            return r;
        } finally {
            ex.shutdownNow();
        }
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error er) {
            throw er;
        }
        throw new IllegalStateException(t);
    }

    private static Object guarded(Channel ch, Function<Channel, ?> body, AtomicReference<Throwable> first) {
        try {
            Object t = body.apply(ch);
            try {
                ch.flush();
            } catch (ChannelException e) {
                if (e.kind() != ChannelException.Kind.CLOSED) {   // a party may close its own channel on purpose
                    throw e;
                }
            }
            return t;
        } catch (RuntimeException | Error e) {
            first.compareAndSet(null, e);   // recorded before the close makes the peer fail too
            ch.close();
            throw e;
        }
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error er) {
                throw er;
            }
            throw new IllegalStateException(c);
        }
    }
}
