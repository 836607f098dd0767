package io.modeldeploy.sim.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Required-field checks on a JSON body, by dotted path ({@code "resource.gpu.count"}), throwing {@link InvalidBody}
 * that names the path, so every simulator refuses an incomplete request with a message a developer can act on.
 */
public final class Require {
    private Require() {
    }

    public static String text(JsonNode body, String path) {
        return Json.text(parent(body, path), leaf(path)).orElseThrow(() -> InvalidBody.missing(path));
    }

    public static long number(JsonNode body, String path) {
        return Json.number(parent(body, path), leaf(path))
                .orElseThrow(() -> InvalidBody.invalid(path + " is required and must be a whole number"));
    }

    public static ObjectNode object(JsonNode body, String path) {
        return Json.object(parent(body, path), leaf(path))
                .orElseThrow(() -> InvalidBody.invalid(path + " is required and must be an object"));
    }

    /** An array of strings, possibly empty. */
    public static List<String> texts(JsonNode body, String path) {
        return Json.texts(parent(body, path), leaf(path))
                .orElseThrow(() -> InvalidBody.invalid(path + " is required and must be an array of strings"));
    }

    /** An array of strings with at least one element. */
    public static List<String> nonEmptyTexts(JsonNode body, String path) {
        List<String> values = texts(body, path);
        if (values.isEmpty()) {
            throw InvalidBody.invalid(path + " must not be empty");
        }
        return values;
    }

    /** A text field that must be one of {@code allowed} (compared ignoring case). */
    public static String oneOf(JsonNode body, String path, String... allowed) {
        String value = text(body, path);
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(value)) {
                return candidate;
            }
        }
        throw InvalidBody.invalid(path + " must be one of " + List.of(allowed) + ", not '" + value + "'");
    }

    private static JsonNode parent(JsonNode body, String path) {
        JsonNode node = body;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1 && node != null; i++) {
            node = node.get(parts[i]);
        }
        return node;
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
