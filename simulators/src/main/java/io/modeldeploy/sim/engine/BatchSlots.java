package io.modeldeploy.sim.engine;

import java.io.InterruptedIOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's running batch: at most {@code limit} requests generate at once (vLLM {@code --max-num-seqs}, SGLang
 * {@code --max-running-requests}); the others wait, first come first served, and count as waiting in the engine's
 * queue gauge until a slot frees.
 */
final class BatchSlots {
    private final int limit;
    private final Semaphore slots;
    private final AtomicInteger waiting = new AtomicInteger();

    BatchSlots(int limit) {
        this.limit = Math.max(1, limit);
        this.slots = new Semaphore(this.limit, true);
    }

    /** Waits for a slot; {@link #release()} it when the request ends. */
    void acquire() throws InterruptedIOException {
        waiting.incrementAndGet();
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a batch slot");
        } finally {
            waiting.decrementAndGet();
        }
    }

    void release() {
        slots.release();
    }

    int waiting() {
        return waiting.get();
    }

    int limit() {
        return limit;
    }
}
