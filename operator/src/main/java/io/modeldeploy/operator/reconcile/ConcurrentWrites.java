package io.modeldeploy.operator.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends writes that do not depend on each other together, so that a new deployment's objects cost a round trip to the
 * API server per stage rather than one per object. Every write runs to its end before a stage returns, whatever fails:
 * the next reconcile then starts from what really happened. The first failure is thrown (the main task's first), with
 * the others suppressed in it.
 */
final class ConcurrentWrites {
    /** A task that returns a value and may fail with a checked exception of the caller's. */
    @FunctionalInterface
    interface Task<T, E extends Exception> {
        T run() throws E;
    }

    private final ExecutorService pool;

    private ConcurrentWrites(ExecutorService pool) {
        this.pool = pool;
    }

    /**
     * @param threads the writes in flight at once beyond the reconcile threads' own; each reconcile runs its main
     *                write itself, so a full pool slows writes down but never stops them
     */
    static ConcurrentWrites pooled(int threads) {
        AtomicInteger n = new AtomicInteger();
        return new ConcurrentWrites(Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "modeldeploy-writes-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }));
    }

    /** One after another on the caller's thread: for tests against fakes that are not thread-safe. */
    static ConcurrentWrites inline() {
        return new ConcurrentWrites(null);
    }

    /** Runs {@code main} on this thread and {@code others} beside it; returns main's result once all have ended. */
    <T, E extends Exception> T alongside(Task<T, E> main, Runnable... others) throws E {
        if (pool == null) {
            T result = main.run();
            for (Runnable other : others) {
                other.run();
            }
            return result;
        }
        List<Future<?>> started = new ArrayList<>(others.length);
        for (Runnable other : others) {
            started.add(pool.submit(other));
        }
        T result;
        try {
            result = main.run();
        } catch (Exception | Error e) {
            awaitAll(started).forEach(e::addSuppressed);
            throw e;
        }
        List<Throwable> failures = awaitAll(started);
        if (!failures.isEmpty()) {
            Throwable first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            if (first instanceof RuntimeException re) {
                throw re;
            }
            if (first instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(first);
        }
        return result;
    }

    /** Runs all of {@code writes} together and returns once all have ended. */
    void all(Runnable first, Runnable... others) {
        alongside(() -> {
            first.run();
            return null;
        }, others);
    }

    private static List<Throwable> awaitAll(List<Future<?>> started) {
        List<Throwable> failures = new ArrayList<>();
        boolean interrupted = false;
        for (Future<?> future : started) {
            while (true) {
                try {
                    future.get();
                    break;
                } catch (InterruptedException e) {
                    // The writes are already sent: wait for their answers, then keep the interrupt.
                    interrupted = true;
                } catch (ExecutionException e) {
                    failures.add(e.getCause());
                    break;
                } catch (CancellationException e) {
                    failures.add(e);
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return failures;
    }
}
