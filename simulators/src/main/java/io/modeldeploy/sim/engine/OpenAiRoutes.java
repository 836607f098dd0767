package io.modeldeploy.sim.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** The OpenAI-compatible endpoints both engines serve: model list, chat completions, completions and embeddings. */
final class OpenAiRoutes {
    static final int EMBEDDING_DIMENSIONS = 8;

    private final EngineState state;
    private final Dialect dialect;

    OpenAiRoutes(EngineState state, Dialect dialect) {
        this.state = state;
        this.dialect = dialect;
    }

    void addTo(Router router) {
        router.add("GET", "/v1/models", this::models)
                .add("POST", "/v1/chat/completions", ex -> complete(ex, CompletionShape.CHAT))
                .add("POST", "/v1/completions", ex -> complete(ex, CompletionShape.TEXT))
                .add("POST", "/v1/embeddings", this::embed);
    }

    /** One vector per input string, the same for the same text; usage counts the inputs' words as tokens. */
    private void embed(HttpExchange exchange) throws IOException {
        JsonNode request = HttpIo.readJsonObject(exchange);
        ModelTarget target = dialect.resolveModel(request);
        JsonNode input = request.path("input");
        List<String> texts = new ArrayList<>();
        if (input.isTextual()) {
            texts.add(input.asText());
        } else if (input.isArray() && !input.isEmpty()) {
            input.forEach(item -> {
                if (!item.isTextual()) {
                    throw ApiError.badRequest("'input' must be a string or a list of strings");
                }
                texts.add(item.asText());
            });
        } else {
            throw ApiError.badRequest("'input' must be a string or a non-empty list of strings");
        }
        ObjectNode body = Json.object().put("id", "embd-" + UUID.randomUUID().toString().replace("-", ""))
                .put("object", "list").put("created", Instant.now().getEpochSecond()).put("model", target.requested());
        ArrayNode data = body.putArray("data");
        int tokens = 0;
        for (int i = 0; i < texts.size(); i++) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            ArrayNode vector = item.putArray("embedding");
            Random values = new Random(texts.get(i).hashCode());
            for (int d = 0; d < EMBEDDING_DIMENSIONS; d++) {
                vector.add(values.nextFloat() * 2 - 1);
            }
            tokens += Generation.words(texts.get(i)).size();
        }
        body.set("usage", Json.object().put("prompt_tokens", tokens).put("total_tokens", tokens));
        HttpIo.json(exchange, 200, body);
    }

    private void models(HttpExchange exchange) throws IOException {
        ObjectNode list = Json.object().put("object", "list");
        list.set("data", dialect.modelCards());
        HttpIo.json(exchange, 200, list);
    }

    private void complete(HttpExchange exchange, CompletionShape shape) throws IOException {
        long startNanos = System.nanoTime();
        JsonNode request = HttpIo.readJsonObject(exchange);
        shape.validate(request);
        ModelTarget target = dialect.resolveModel(request);
        Generation generation = generate(shape, request, target);
        Reply reply = new Reply(shape, shape.idPrefix() + UUID.randomUUID().toString().replace("-", ""),
                Instant.now().getEpochSecond(), target.requested());

        BatchSlots batch = state.batch();
        batch.acquire();
        long slotNanos = System.nanoTime(); // generation starts with a batch slot, not on arrival
        state.metrics().started(target);
        Generation served = null;
        double ttftSeconds = 0;
        java.time.Duration answerTime = state.answerTime();
        try {
            ttftSeconds = request.path("stream").asBoolean(false)
                    ? stream(exchange, reply, generation, startNanos,
                            state.streamGap().plus(answerTime.dividedBy(Math.max(1, generation.pieces().size()))),
                            request.path("stream_options").path("include_usage").asBoolean(false))
                    : whole(exchange, reply, generation, startNanos, slotNanos, state);
            served = generation;
        } finally {
            state.metrics().finished(target, served, ttftSeconds, secondsSince(startNanos));
            batch.release();
        }
    }

    private Generation generate(CompletionShape shape, JsonNode request, ModelTarget target) {
        int promptTokens = shape.promptTokens(request);
        int maxTokens = shape.maxTokens(request);
        int contextLength = dialect.maxModelLen();
        if (promptTokens + maxTokens > contextLength) {
            throw ApiError.badRequest("This model's maximum context length is " + contextLength
                    + " tokens. However, you requested " + (promptTokens + maxTokens) + " tokens (" + promptTokens
                    + " in the messages, " + maxTokens + " in the completion). Please reduce the length of the "
                    + "messages or completion.");
        }
        return Generation.of(target.label(), shape.lastInput(request), promptTokens, maxTokens);
    }

    /** @return seconds to the first token: for a whole reply, the time until it is ready */
    private static double whole(HttpExchange exchange, Reply reply, Generation generation, long startNanos,
                                long slotNanos, EngineState state) throws IOException {
        generating(slotNanos, state);
        ObjectNode body = reply.envelope(reply.shape().objectName());
        body.putArray("choices").add(reply.shape().choice(generation));
        body.set("usage", usage(generation));
        double ttft = secondsSince(startNanos);
        HttpIo.json(exchange, 200, body);
        return ttft;
    }

    private static double stream(HttpExchange exchange, Reply reply, Generation generation, long startNanos,
                                 java.time.Duration gap, boolean includeUsage) throws IOException {
        CompletionShape shape = reply.shape();
        SseWriter sse = new SseWriter(exchange);
        if (shape == CompletionShape.CHAT) {
            sse.event(reply.chunk(shape.chunkChoice(null, true, null)));
        }
        double ttft = -1;
        for (String piece : generation.pieces()) {
            pause(gap);
            sse.event(reply.chunk(shape.chunkChoice(piece, false, null)));
            if (ttft < 0) {
                ttft = secondsSince(startNanos);
            }
        }
        sse.event(reply.chunk(shape.chunkChoice(null, false, generation.finishReason())));
        if (includeUsage) {
            ObjectNode usageChunk = reply.envelope(shape.chunkObjectName());
            usageChunk.putArray("choices");
            usageChunk.set("usage", usage(generation));
            sse.event(usageChunk);
        }
        sse.done();
        return ttft < 0 ? secondsSince(startNanos) : ttft;
    }

    /** The time a real engine takes to generate (zero unless a test paces the engine). */
    private static void pause(java.time.Duration gap) throws IOException {
        if (gap.isZero()) {
            return;
        }
        try {
            Thread.sleep(gap.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("stream interrupted");
        }
    }

    /**
     * Until the answer's generation time has passed since it started, at the pace set now: a test that lowers the
     * pace releases the answers that waited on the old one.
     */
    private static void generating(long startNanos, EngineState state) throws IOException {
        long remaining;
        while ((remaining = state.answerTime().toNanos() - (System.nanoTime() - startNanos)) > 0) {
            pause(java.time.Duration.ofMillis(Math.max(1, Math.min(remaining / 1_000_000L, 50))));
        }
    }

    private static ObjectNode usage(Generation generation) {
        return Json.object()
                .put("prompt_tokens", generation.promptTokens())
                .put("completion_tokens", generation.completionTokens())
                .put("total_tokens", generation.promptTokens() + generation.completionTokens());
    }

    private static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** What every object of one reply shares: id, creation time and the model the request named. */
    private record Reply(CompletionShape shape, String id, long created, String model) {
        ObjectNode envelope(String object) {
            return Json.object().put("id", id).put("object", object).put("created", created).put("model", model);
        }

        ObjectNode chunk(ObjectNode choice) {
            ObjectNode chunk = envelope(shape.chunkObjectName());
            chunk.putArray("choices").add(choice);
            return chunk;
        }
    }
}
