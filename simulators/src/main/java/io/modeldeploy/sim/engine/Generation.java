package io.modeldeploy.sim.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The simulated model's output: deterministic, so tests can assert it. It is {@code "[simulated <model>]"}
 * followed by the words of the request's last input, cut to {@code max_tokens}. A token is a
 * whitespace-separated word, on the way in (prompt tokens) as on the way out.
 *
 * @param words        the generated tokens
 * @param finishReason {@code stop} when the echo fit, {@code length} when max_tokens cut it
 * @param promptTokens the request's input size in tokens
 */
record Generation(List<String> words, String finishReason, int promptTokens) {
    static final int DEFAULT_MAX_TOKENS = 16;

    Generation {
        words = List.copyOf(words);
    }

    static Generation of(String modelLabel, String lastInput, int promptTokens, int maxTokens) {
        List<String> all = new ArrayList<>(List.of("[simulated", modelLabel + "]"));
        all.addAll(words(lastInput));
        boolean cut = all.size() > maxTokens;
        return new Generation(cut ? all.subList(0, maxTokens) : all, cut ? "length" : "stop", promptTokens);
    }

    static List<String> words(String text) {
        String trimmed = text == null ? "" : text.strip();
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
    }

    String text() {
        return String.join(" ", words);
    }

    int completionTokens() {
        return words.size();
    }

    /** The text as streamed deltas: they concatenate to {@link #text()}. */
    List<String> pieces() {
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            pieces.add(i == 0 ? words.get(i) : " " + words.get(i));
        }
        return pieces;
    }
}
