package io.modeldeploy.gateway.proxy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Passes a streamed answer (server-sent events) through event by event, reading the usage chunk the gateway asked
 * for ({@code stream_options.include_usage}) and dropping it when the client did not ask for it itself. Each event
 * is released as soon as its blank line arrives; bytes of an unfinished event wait for the rest of it.
 */
public final class SseUsageFilter {
    private final boolean clientWantsUsage;
    private final StringBuilder pending = new StringBuilder();
    private Usage usage;

    public SseUsageFilter(boolean clientWantsUsage) {
        this.clientWantsUsage = clientWantsUsage;
    }

    /** The complete events of this chunk (and earlier leftovers) to send on, in order. */
    public List<Buffer> feed(Buffer chunk) {
        pending.append(chunk.toString(StandardCharsets.UTF_8));
        List<Buffer> out = new ArrayList<>();
        int end;
        while ((end = eventEnd()) >= 0) {
            int separator = pending.charAt(end) == '\r' ? 4 : 2;
            String event = pending.substring(0, end + separator);
            pending.delete(0, end + separator);
            if (!usageOnly(event) || clientWantsUsage) {
                out.add(Buffer.buffer(event));
            }
        }
        return out;
    }

    /** What is left when the upstream ends (an unterminated last event is passed on as it is). */
    public Optional<Buffer> finish() {
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        String rest = pending.toString();
        pending.setLength(0);
        return usageOnly(rest) && !clientWantsUsage ? Optional.empty() : Optional.of(Buffer.buffer(rest));
    }

    public Optional<Usage> usage() {
        return Optional.ofNullable(usage);
    }

    private int eventEnd() {
        int lf = pending.indexOf("\n\n");
        int crlf = pending.indexOf("\r\n\r\n");
        if (lf < 0) {
            return crlf;
        }
        return crlf < 0 ? lf : Math.min(lf, crlf);
    }

    /** Records usage from the event; true when the event is the usage-only chunk (no choices). */
    private boolean usageOnly(String event) {
        StringBuilder data = new StringBuilder();
        for (String line : event.split("\r?\n")) {
            if (line.startsWith("data:")) {
                data.append(line.substring(5).trim());
            }
        }
        if (data.isEmpty() || data.charAt(0) != '{') {
            return false;
        }
        try {
            JsonObject chunk = new JsonObject(data.toString());
            Optional<Usage> found = Usage.from(chunk);
            if (found.isEmpty()) {
                return false;
            }
            usage = found.get();
            Object choices = chunk.getValue("choices");
            return choices == null || choices instanceof JsonArray list && list.isEmpty();
        } catch (DecodeException e) {
            return false;
        }
    }
}
