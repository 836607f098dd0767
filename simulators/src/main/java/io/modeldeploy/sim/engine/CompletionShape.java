package io.modeldeploy.sim.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** How the two OpenAI generation endpoints differ: request input and the shape of choices. */
enum CompletionShape {
    /** {@code POST /v1/chat/completions}. */
    CHAT("chat.completion", "chat.completion.chunk", "chatcmpl-") {
        @Override
        void validate(JsonNode body) {
            if (!body.path("messages").isArray() || body.path("messages").isEmpty()) {
                throw ApiError.badRequest("Field required: 'messages' must be a non-empty list");
            }
        }

        @Override
        String lastInput(JsonNode body) {
            String last = "";
            for (JsonNode message : body.path("messages")) {
                if ("user".equals(message.path("role").asText())) {
                    last = text(message.path("content"));
                }
            }
            return last;
        }

        @Override
        int promptTokens(JsonNode body) {
            int tokens = 0;
            for (JsonNode message : body.path("messages")) {
                tokens += Generation.words(text(message.path("content"))).size();
            }
            return tokens;
        }

        @Override
        JsonNode maxTokensField(JsonNode body) {
            return body.hasNonNull("max_completion_tokens") ? body.get("max_completion_tokens") : body.path("max_tokens");
        }

        @Override
        ObjectNode choice(Generation generation) {
            ObjectNode choice = Json.object().put("index", 0);
            choice.putObject("message").put("role", "assistant").put("content", generation.text());
            choice.putNull("logprobs");
            choice.put("finish_reason", generation.finishReason());
            return choice;
        }

        @Override
        ObjectNode chunkChoice(String piece, boolean opening, String finishReason) {
            ObjectNode choice = Json.object().put("index", 0);
            ObjectNode delta = choice.putObject("delta");
            if (opening) {
                delta.put("role", "assistant").put("content", "");
            } else if (piece != null) {
                delta.put("content", piece);
            }
            choice.putNull("logprobs");
            putFinish(choice, finishReason);
            return choice;
        }
    },

    /** {@code POST /v1/completions}. */
    TEXT("text_completion", "text_completion", "cmpl-") {
        @Override
        void validate(JsonNode body) {
            if (!body.hasNonNull("prompt")) {
                throw ApiError.badRequest("Field required: 'prompt'");
            }
        }

        @Override
        String lastInput(JsonNode body) {
            return text(body.path("prompt"));
        }

        @Override
        int promptTokens(JsonNode body) {
            return Generation.words(lastInput(body)).size();
        }

        @Override
        JsonNode maxTokensField(JsonNode body) {
            return body.path("max_tokens");
        }

        @Override
        ObjectNode choice(Generation generation) {
            ObjectNode choice = Json.object().put("index", 0).put("text", generation.text());
            choice.putNull("logprobs");
            choice.put("finish_reason", generation.finishReason());
            return choice;
        }

        @Override
        ObjectNode chunkChoice(String piece, boolean opening, String finishReason) {
            ObjectNode choice = Json.object().put("index", 0).put("text", piece == null ? "" : piece);
            choice.putNull("logprobs");
            putFinish(choice, finishReason);
            return choice;
        }
    };

    private final String objectName;
    private final String chunkObjectName;
    private final String idPrefix;

    CompletionShape(String objectName, String chunkObjectName, String idPrefix) {
        this.objectName = objectName;
        this.chunkObjectName = chunkObjectName;
        this.idPrefix = idPrefix;
    }

    /** Throws a 400 when the request lacks its input. */
    abstract void validate(JsonNode body);

    /** What the simulated model echoes: the last user message, or the prompt. */
    abstract String lastInput(JsonNode body);

    abstract int promptTokens(JsonNode body);

    abstract JsonNode maxTokensField(JsonNode body);

    abstract ObjectNode choice(Generation generation);

    /**
     * One streamed choice: the opening one (chat only: the assistant role), a text piece, or the closing one
     * carrying the finish reason.
     */
    abstract ObjectNode chunkChoice(String piece, boolean opening, String finishReason);

    String objectName() {
        return objectName;
    }

    String chunkObjectName() {
        return chunkObjectName;
    }

    String idPrefix() {
        return idPrefix;
    }

    /** The requested completion length: the engines' default when absent, a 400 when not positive. */
    int maxTokens(JsonNode body) {
        JsonNode field = maxTokensField(body);
        if (field.isMissingNode() || field.isNull()) {
            return Generation.DEFAULT_MAX_TOKENS;
        }
        if (!field.canConvertToInt() || field.asInt() < 1) {
            throw ApiError.badRequest("max_tokens must be at least 1, got " + field + ".");
        }
        return field.asInt();
    }

    private static void putFinish(ObjectNode choice, String finishReason) {
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
    }

    /** Message content or prompt as text: a string, or the text parts of a list. */
    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            String piece = part.isValueNode() ? part.asText() : part.path("text").asText("");
            if (!piece.isEmpty()) {
                text.append(text.length() == 0 ? "" : " ").append(piece);
            }
        }
        return text.toString();
    }
}
