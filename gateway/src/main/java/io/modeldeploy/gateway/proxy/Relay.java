package io.modeldeploy.gateway.proxy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Copies one upstream answer to the client as it arrives: chunk by chunk (a streamed answer event by event),
 * pausing the upstream while the client's write queue is full, so a slow client holds back the engine rather than
 * the gateway's memory. Reads the usage on the way.
 */
final class Relay {
    /** Hop-by-hop headers and those the gateway sets itself. */
    private static final Set<String> DROPPED = Set.of("connection", "keep-alive", "transfer-encoding", "content-length",
            "www-authenticate", "proxy-authenticate", "upgrade", "te", "trailer");
    /** A non-streamed answer larger than this is passed on without its usage being read. */
    private static final int MAX_USAGE_SCAN = 1 << 20;

    private Relay() {
    }

    /**
     * @param stream      the request asked for a stream: usage comes from the SSE chunk
     * @param wantsUsage  the client asked for the usage chunk itself (otherwise it is dropped)
     * @param onFirstByte called when the first body bytes go out
     * @param onEnd       called with the usage (if any) when the answer is complete
     */
    static void relay(HttpClientResponse upstream, HttpServerResponse client, boolean stream, boolean wantsUsage,
                      Runnable onFirstByte, Consumer<Optional<Usage>> onEnd, Consumer<Throwable> onBroken) {
        client.setStatusCode(upstream.statusCode());
        upstream.headers().forEach(h -> {
            if (!DROPPED.contains(h.getKey().toLowerCase())) {
                client.headers().add(h.getKey(), h.getValue());
            }
        });
        client.setChunked(true);
        SseUsageFilter filter = stream && isEventStream(upstream) ? new SseUsageFilter(wantsUsage) : null;
        Buffer copy = filter == null ? Buffer.buffer() : null;
        boolean[] first = {true};
        upstream.handler(chunk -> {
            List<Buffer> out = filter != null ? filter.feed(chunk) : List.of(chunk);
            if (copy != null && copy.length() + chunk.length() <= MAX_USAGE_SCAN) {
                copy.appendBuffer(chunk);
            }
            for (Buffer b : out) {
                if (first[0]) {
                    first[0] = false;
                    onFirstByte.run();
                }
                client.write(b);
            }
            if (client.writeQueueFull()) {
                upstream.pause();
                client.drainHandler(v -> upstream.resume());
            }
        });
        upstream.exceptionHandler(onBroken::accept);
        upstream.endHandler(v -> {
            if (filter != null) {
                filter.finish().ifPresent(client::write);
            }
            client.end();
            onEnd.accept(filter != null ? filter.usage() : usageOf(copy));
        });
    }

    private static boolean isEventStream(HttpClientResponse upstream) {
        String type = upstream.getHeader("Content-Type");
        return type != null && type.toLowerCase().startsWith("text/event-stream");
    }

    private static Optional<Usage> usageOf(Buffer body) {
        if (body == null || body.length() == 0 || body.getByte(0) != '{') {
            return Optional.empty();
        }
        try {
            return Usage.from(new JsonObject(body));
        } catch (DecodeException e) {
            return Optional.empty();
        }
    }
}
