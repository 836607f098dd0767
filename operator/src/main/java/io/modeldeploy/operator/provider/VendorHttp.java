package io.modeldeploy.operator.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The HTTP side every provider shares: the JDK client with timeouts, and one classification of failed
 * answers into {@link VendorException} kinds. A 404 is returned, not thrown: for get and delete it is
 * an answer ("gone"), and only the provider knows which.
 */
@jakarta.inject.Singleton
public final class VendorHttp {
    public static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final ObjectMapper json = new ObjectMapper();

    public ObjectMapper json() {
        return json;
    }

    /** A JSON call with the vendor's Authorization header; a body only where one is given. */
    public HttpRequest jsonRequest(URI uri, String method, String authorization, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        }
        return request.build();
    }

    /**
     * Sends and classifies. {@code vendorMessage} extracts the vendor's own error words from a body
     * (its error shape); it must not echo request headers.
     */
    public HttpResponse<String> send(HttpRequest request, Function<String, String> vendorMessage) throws VendorException {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw VendorException.transientFailure(request.method() + " " + request.uri().getPath()
                    + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VendorException.transientFailure("interrupted", e);
        }
        int code = response.statusCode();
        if (code < 400 || code == 404) {
            return response;
        }
        String what = request.method() + " " + request.uri().getPath() + " answered " + code + ": "
                + safeMessage(response.body(), vendorMessage);
        if (code == 401 || code == 403) {
            throw VendorException.credentials(what);
        }
        if (code == 429) {
            throw VendorException.rateLimited(what, retryAfter(response).orElse(DEFAULT_RETRY_AFTER));
        }
        if (code >= 500 || code == 408) {
            throw VendorException.transientFailure(what, null);
        }
        throw VendorException.refused(what);
    }

    public JsonNode parse(HttpResponse<String> response) throws VendorException {
        try {
            JsonNode node = json.readTree(response.body() == null || response.body().isBlank() ? "{}" : response.body());
            return node == null ? json.createObjectNode() : node;
        } catch (IOException e) {
            throw VendorException.transientFailure("not JSON from " + response.uri().getPath() + ": " + e.getMessage(), e);
        }
    }

    public String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String safeMessage(String body, Function<String, String> vendorMessage) {
        String message;
        try {
            message = vendorMessage.apply(body == null ? "" : body);
        } catch (RuntimeException e) {
            message = body;
        }
        message = message == null ? "" : message.strip();
        return message.length() > 500 ? message.substring(0, 500) + "..." : message;
    }

    /** Retry-After in seconds (the form vendors use); an HTTP date is not honoured and falls back to the default. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(1, Long.parseLong(v.trim()))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
