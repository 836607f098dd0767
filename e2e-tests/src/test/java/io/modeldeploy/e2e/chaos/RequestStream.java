package io.modeldeploy.e2e.chaos;

import io.modeldeploy.e2e.support.GatewayProcess;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady stream of chat requests through the gateway to one model, from a few clients that each send the next
 * request once the last was answered: counts what was sent and what was answered 200, and keeps the first few other
 * outcomes in words.
 */
final class RequestStream implements AutoCloseable {
    private static final int CLIENTS = 2;
    private static final int KEPT_FAILURES = 5;
    private static final java.time.Duration PACE = java.time.Duration.ofMillis(25);

    private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final List<String> failures = new ArrayList<>();

    private RequestStream() {
    }

    static RequestStream start(GatewayProcess gateway, String model, String key) {
        RequestStream stream = new RequestStream();
        String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"still there?\"}]}";
        for (int i = 0; i < CLIENTS; i++) {
            stream.clients.submit(() -> {
                while (stream.running.get()) {
                    pace();
                    stream.sent.incrementAndGet();
                    try {
                        int status = gateway.post("/chat/completions", key, body).statusCode();
                        if (status == 200) {
                            stream.answered.incrementAndGet();
                        } else {
                            stream.failed("HTTP " + status);
                        }
                    } catch (RuntimeException e) {
                        stream.failed(e.toString());
                    }
                }
            });
        }
        return stream;
    }

    /** A steady stream, not a load test: the machine is shared with the control plane and the engines. */
    private static void pace() {
        try {
            Thread.sleep(PACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void failed(String what) {
        if (failures.size() < KEPT_FAILURES) {
            failures.add(what);
        }
    }

    /** Stops sending and waits for the requests in flight to be answered. */
    void stop() throws InterruptedException {
        running.set(false);
        clients.shutdown();
        if (!clients.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new AssertionError("requests through the gateway still unanswered after 60 s");
        }
    }

    int sent() {
        return sent.get();
    }

    int lost() {
        return sent.get() - answered.get();
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() {
        running.set(false);
        clients.shutdownNow();
    }
}
