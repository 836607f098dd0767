package io.modeldeploy.operator.autoscale;

import io.modeldeploy.operator.engine.Engine;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;

/**
 * Scrapes an engine's {@code /metrics} (unauthenticated on vLLM and SGLang: their API-key middleware guards the
 * OpenAI routes only) for the gauges its plug-in names. Asynchronous, with a short timeout, so that one slow pod
 * delays a round by at most that.
 */
public final class HttpEngineQueues implements EngineQueues {
    /** HTTP/1.1 only: uvicorn answers the JDK's h2c upgrade offer badly (as {@code HttpEngineConnector} says). */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private final Duration timeout;

    public HttpEngineQueues(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<EngineQueue> read(EngineEndpoint endpoint) {
        String host = endpoint.podIp().contains(":") ? "[" + endpoint.podIp() + "]" : endpoint.podIp();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + endpoint.port() + "/metrics"))
                .timeout(timeout).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> parse(endpoint, response));
    }

    static EngineQueue parse(EngineEndpoint endpoint, HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new LoadUnavailable(endpoint.instance() + " /metrics answered " + response.statusCode());
        }
        return queue(endpoint.instance(), endpoint.engine().queueMetrics(), response.body());
    }

    /** The queue from an exposition; a missing gauge counts 0 unless both are missing (then it is no such engine). */
    static EngineQueue queue(String instance, Engine.QueueMetrics names, String exposition) {
        OptionalDouble running = PrometheusGauges.sum(exposition, names.running());
        OptionalDouble waiting = PrometheusGauges.sum(exposition, names.waiting());
        if (running.isEmpty() && waiting.isEmpty()) {
            throw new LoadUnavailable(instance + " /metrics has neither " + names.running() + " nor " + names.waiting());
        }
        return new EngineQueue((int) Math.round(running.orElse(0)), (int) Math.round(waiting.orElse(0)));
    }
}
