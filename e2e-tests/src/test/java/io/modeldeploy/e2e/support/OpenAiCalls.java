package io.modeldeploy.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** OpenAI chat calls through a gateway process, as the ITs make and read them. */
public final class OpenAiCalls {
    public static final String CHAT = "/chat/completions";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiCalls() {
    }

    /** A chat request body; {@code more} is appended inside the object (e.g. {@code ,"stream":true}). */
    public static String chat(String model, String text, String more) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]" + more + "}";
    }

    /** The answer's content of a non-streamed chat; fails unless it is a 200. */
    public static String wholeContent(GatewayProcess gateway, String model, String key, String text, Duration timeout) {
        HttpResponse<String> answer = gateway.post(CHAT, key, chat(model, text, ""), timeout);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json(answer.body()).path("choices").path(0).path("message").path("content").asText();
    }

    /** The streamed answer's pieces joined, once it ended with {@code [DONE]}. */
    public static String streamedContent(GatewayProcess gateway, String model, String key, String text, Duration timeout) {
        List<String> lines = gateway.stream(CHAT, key, chat(model, text, ",\"stream\":true"), timeout).stream()
                .map(GatewayProcess.Arrival::line).toList();
        assertThat(lines).last().isEqualTo("data: [DONE]");
        StringBuilder content = new StringBuilder();
        for (String line : lines.subList(0, lines.size() - 1)) {
            content.append(json(line.substring("data: ".length())).path("choices").path(0).path("delta")
                    .path("content").asText(""));
        }
        return content.toString();
    }

    /**
     * Chats sent all at once, each from its own client thread, the even ones streamed; request {@code i} says
     * {@code <prefix><i>}. Closing it abandons what is still unanswered.
     */
    public static final class Burst implements AutoCloseable {
        private final ExecutorService clients;
        private final List<CompletableFuture<String>> answers = new ArrayList<>();
        private final Duration timeout;

        private Burst(GatewayProcess gateway, String model, String key, int n, String prefix, Duration timeout) {
            this.clients = Executors.newFixedThreadPool(n);
            this.timeout = timeout;
            for (int i = 0; i < n; i++) {
                String text = prefix + i;
                boolean streamed = i % 2 == 0;
                answers.add(CompletableFuture.supplyAsync(() -> streamed
                        ? streamedContent(gateway, model, key, text, timeout)
                        : wholeContent(gateway, model, key, text, timeout), clients));
            }
        }

        public static Burst send(GatewayProcess gateway, String model, String key, int n, String prefix,
                                 Duration timeout) {
            return new Burst(gateway, model, key, n, prefix, timeout);
        }

        /** Each answer's content in the order sent, waiting for each at most the burst's timeout. */
        public List<String> contents() throws Exception {
            List<String> out = new ArrayList<>();
            for (CompletableFuture<String> answer : answers) {
                out.add(answer.get(timeout.toSeconds(), TimeUnit.SECONDS));
            }
            return out;
        }

        @Override
        public void close() {
            clients.shutdownNow();
        }
    }

    /** What the SIMULATED engine answers to a burst's requests, in order: its served name and each request's text. */
    public static List<String> simulatedAnswers(String servedName, String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> "[simulated " + servedName + "] " + prefix + i).toList();
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
