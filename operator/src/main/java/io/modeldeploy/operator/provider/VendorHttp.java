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
            // A redirect would send the credentials to wherever the vendor, or whoever answers, points.
            .followRedirects(HttpClient.Redirect.NEVER)
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
     * Sends and classifies, after noting the request's Authorization header as derived from {@code credentials}, so
     * that whatever echoes it is masked ({@link MaskingProvider}).
     */
    public HttpResponse<String> send(VendorCredentials credentials, HttpRequest request,
                                     Function<String, String> vendorMessage) throws VendorException {
        request.headers().firstValue("Authorization").ifPresent(credentials::derived);
        return send(request, vendorMessage);
    }

    /**
     * Sends and classifies. {@code vendorMessage} extracts the vendor's own error words from a body
     * (its error shape). A redirect is never followed: it is an {@link VendorException.Kind#ENDPOINT_INVALID}
     * naming the status and the host it pointed to.
     */
    public HttpResponse<String> send(HttpRequest request, Function<String, String> vendorMessage) throws VendorException {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw VendorException.transientFailure(request.method() + " " + VendorEndpoint.shown(request.uri())
                    + " did not answer: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VendorException.transientFailure("interrupted", e);
        }
        int code = response.statusCode();
        if (code >= 300 && code < 400) {
            throw VendorException.endpointInvalid(request.method() + " " + VendorEndpoint.shown(request.uri())
                    + " answered " + code + redirectTarget(response) + "; redirects are never followed: set"
                    + " spec.target.endpoint to the vendor's API itself");
        }
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

    /**
     * A 404 for the vendor's own list or root call: the endpoint does not serve this API (a wrong host or base path),
     * which waiting will not fix. The message names the URL tried without query or credentials.
     */
    public static VendorException notThisApi(HttpRequest request, String vendor) {
        return notThisApi(request.method(), request.uri(), vendor);
    }

    public static VendorException notThisApi(String method, URI uri, String vendor) {
        return VendorException.endpointInvalid(method + " " + VendorEndpoint.shown(uri)
                + " answered 404: the endpoint does not serve the " + vendor + " API; check spec.target.endpoint");
    }

    /** Where a redirect pointed, by host alone: its path or query may carry anything. */
    private static String redirectTarget(HttpResponse<?> response) {
        return response.headers().firstValue("Location").map(location -> {
            try {
                String host = URI.create(location.strip()).getHost();
                return host == null ? " (a redirect)" : " (a redirect to host " + host + ")";
            } catch (IllegalArgumentException e) {
                return " (a redirect)";
            }
        }).orElse(" (a redirect)");
    }

    private static String safeMessage(String body, Function<String, String> vendorMessage) {
        String message;
        try {
            message = vendorMessage.apply(body == null ? "" : body);
        } catch (RuntimeException e) {
            message = body;
        }
        return SecretMask.excerpt(message, SecretMask.MAX_EXCERPT);
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
