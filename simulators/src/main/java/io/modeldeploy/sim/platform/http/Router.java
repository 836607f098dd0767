package io.modeldeploy.sim.platform.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Dispatches a simulator's requests by method and path template, in registration order (so a literal route
 * registered before {@code /{id}} wins). Every request goes through the same steps: route, injected faults,
 * credential check (on guarded routes), handler; each is recorded in the {@link RequestLog} before the answer is
 * written, so a test that has the answer also sees the record.
 */
public final class Router implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final String UNMATCHED = "unmatched";

    /** Answers one request; refusals are thrown as {@link SimError} or {@link InvalidBody}. */
    @FunctionalInterface
    public interface Handler {
        SimResponse handle(SimRequest request);
    }

    /** Checks a guarded request's credentials: a refusal in the vendor's shape, or empty to let it through. */
    @FunctionalInterface
    public interface Authenticator {
        Optional<SimResponse> refuse(SimRequest request);
    }

    private record Route(String method, PathTemplate path, Function<SimRequest, String> operation,
                         Handler handler, boolean guarded) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final ErrorShape errors;
    private final Authenticator authenticator;
    private final Faults faults;
    private final RequestLog log;
    private final Clock clock;

    public Router(ErrorShape errors, Authenticator authenticator, Faults faults, RequestLog log, Clock clock) {
        this.errors = errors;
        this.authenticator = authenticator;
        this.faults = faults;
        this.log = log;
        this.clock = clock;
    }

    /** A route that needs the vendor's credentials. */
    public Router guarded(String method, String path, String operation, Handler handler) {
        return guarded(method, path, request -> operation, handler);
    }

    /** A guarded route whose operation name depends on the request (e.g. Qianfan's {@code ?Action=}). */
    public Router guarded(String method, String path, Function<SimRequest, String> operation, Handler handler) {
        routes.add(new Route(method, new PathTemplate(path), operation, handler, true));
        return this;
    }

    /** A route the vendor serves without credentials (e.g. ZStack's login and job polling). */
    public Router open(String method, String path, String operation, Handler handler) {
        routes.add(new Route(method, new PathTemplate(path), request -> operation, handler, false));
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            // Stamped on arrival: a client that honours a Retry-After waits from the answer, which comes later.
            Instant arrived = clock.instant();
            SimRequest request = read(exchange);
            Answer answer = answer(request);
            log.add(new RecordedRequest(arrived, answer.operation(), request.method(), request.path(),
                    request.rawQuery(), request.headers(), request.bodyText(), answer.response().status()));
            LOG.debug("{} {} -> {} ({})", request.method(), request.path(), answer.response().status(), answer.operation());
            write(exchange, answer.response());
        } catch (IOException e) {
            LOG.debug("client went away during {}: {}", exchange.getRequestURI(), e.toString());
        } finally {
            exchange.close();
        }
    }

    private record Answer(String operation, SimResponse response) {
    }

    private Answer answer(SimRequest request) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Optional<Map<String, String>> params = route.path().match(request.path());
            if (params.isEmpty()) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(request.method())) {
                SimRequest routed = request.withPathParams(params.get());
                String operation = operationOf(route, routed);
                return new Answer(operation, run(route, routed, operation));
            }
        }
        return new Answer(UNMATCHED, pathKnown ? errors.methodNotAllowed(request) : errors.routeNotFound(request));
    }

    private SimResponse run(Route route, SimRequest request, String operation) {
        Faults.Decision fault = faults.take(operation);
        pause(fault.delay());
        if (fault.error().isPresent()) {
            Faults.InjectedError injected = fault.error().get();
            SimResponse response = errors.injected(injected.status(),
                    "SIMULATED fault: HTTP " + injected.status() + " injected for " + operation);
            return injected.retryAfter()
                    .map(after -> response.withHeader("Retry-After", Long.toString(ceilSeconds(after))))
                    .orElse(response);
        }
        try {
            if (route.guarded()) {
                Optional<SimResponse> refusal = authenticator.refuse(request);
                if (refusal.isPresent()) {
                    return refusal.get();
                }
            }
            return route.handler().handle(request);
        } catch (SimError e) {
            return e.response();
        } catch (InvalidBody e) {
            return errors.invalidBody(request, e);
        } catch (RuntimeException e) {
            LOG.warn("vendor simulator failed on {} {}", request.method(), request.path(), e);
            return errors.internalError(e.toString());
        }
    }

    private static String operationOf(Route route, SimRequest request) {
        try {
            return route.operation().apply(request);
        } catch (RuntimeException e) {
            return UNMATCHED; // e.g. an unparseable body: the handler reports it
        }
    }

    private static SimRequest read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        return new SimRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
    }

    private static void write(HttpExchange exchange, SimResponse response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (response.body().length == 0) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.sendResponseHeaders(response.status(), response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }

    private static long ceilSeconds(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        return (millis + 999) / 1000;
    }

    private static void pause(Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the simulator is closing: answer at once
        }
    }
}
