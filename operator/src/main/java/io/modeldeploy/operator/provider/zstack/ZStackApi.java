package io.modeldeploy.operator.provider.zstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.operator.provider.VendorCall;
import io.modeldeploy.operator.provider.VendorException;
import io.modeldeploy.operator.provider.VendorHttp;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ZStack's REST conventions: {@code Authorization: OAuth <session>} on every call, renewed once when ZStack says the
 * session is invalid; every reply read for {@code success}/{@code error} (documented: zstack-add-model-service.txt),
 * a 200 included, and every API error classified by its code ({@link ZStackErrorCodes}), not by ZStack's blanket
 * 503; sync APIs (200) and async ones (202 and a job location, polled until 200 or 503: vendors.md §2, inferred
 * from ZStack's RestServer) alike, with a derived {@code X-Job-UUID}, so a retried call is not a second call.
 */
final class ZStackApi {
    static final String API_PATH = "/zstack/v1";
    /** How long one reconcile waits for a job before reporting it as still running. */
    static final Duration JOB_WAIT = Duration.ofSeconds(2);
    private static final Duration JOB_POLL = Duration.ofMillis(250);

    /** Where a call stands. */
    sealed interface Job permits Running, Done, Failed {
    }

    /**
     * Still running (202), or its outcome is no longer known (the job expired).
     *
     * @param location where the job's outcome is polled; empty when unknown
     */
    record Running(String location) implements Job {
    }

    /** Finished: the result body ({@code {"inventory":…}} and the like). */
    record Done(JsonNode body) implements Job {
    }

    /** Finished with an API error. */
    record Failed(ZStackFailure failure) implements Job {
    }

    private final VendorHttp http;
    private final ZStackSessions sessions;
    private final Duration jobWait;
    /**
     * How often each call's job failed for a passing reason. ZStack never runs a job uuid twice, so a retry of such a
     * call needs a new one; the count goes into the job uuid.
     */
    private final ConcurrentHashMap<String, Integer> transientFailures = new ConcurrentHashMap<>();

    /** @param jobWait how long one call waits for its job ({@link #JOB_WAIT}; tests wait less) */
    ZStackApi(VendorHttp http, Duration jobWait) {
        this.http = http;
        this.sessions = new ZStackSessions(http);
        this.jobWait = jobWait;
    }

    /** A sync query, e.g. {@code /ai/model-services/instances/groups/<uuid>}: the reply body. */
    JsonNode query(VendorCall call, String pathAndQuery) throws VendorException {
        URI base = call.endpoint();
        for (int attempt = 0; ; attempt++) {
            String session = sessions.session(call, base);
            HttpRequest request = authorized(URI.create(base + pathAndQuery), session).GET().build();
            ZStackError error = new ZStackError();
            try {
                HttpResponse<String> response = send(http, call, request, error);
                if (response.statusCode() == 404) {
                    // Queries are read-only API paths ZStack always has: a 404 means this is not its API.
                    throw VendorHttp.notThisApi(request, "ZStack");
                }
                return succeeded(http.parse(response), error, "GET " + request.uri().getPath());
            } catch (VendorException e) {
                if (error.is(ZStackError.INVALID_SESSION) && attempt == 0) {
                    sessions.invalidate(call, base, session);
                    continue;
                }
                throw e;
            }
        }
    }

    /**
     * A call that changes something, sync (200) or async (202, waiting briefly for its job). The job uuid is derived
     * from {@code jobParts}, the body, the session and how often the call failed for a passing reason, so the same
     * call in the same session is never executed twice, while a changed request, or a retry after a transient
     * failure, is a new call. A job that failed because the session expired is submitted again, once, under a new
     * session (a new call: the old job never ran).
     *
     * @param body null for none (DELETE)
     */
    Job submit(VendorCall call, String method, String path, ObjectNode body, String... jobParts) throws VendorException {
        URI base = call.endpoint();
        String callKey = String.join("\n", jobParts) + "\n" + (body == null ? "" : ZStackIds.digest(http.write(body)));
        for (int attempt = 0; ; attempt++) {
            String session = sessions.session(call, base);
            String jobUuid = ZStackIds.jobUuid(callKey, Integer.toString(transientFailures.getOrDefault(callKey, 0)),
                    session);
            HttpRequest.Builder builder = authorized(URI.create(base + path), session).header("X-Job-UUID", jobUuid);
            HttpRequest request = body == null ? builder.DELETE().build()
                    : builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(http.write(body))).build();
            ZStackError error = new ZStackError();
            HttpResponse<String> accepted;
            try {
                accepted = send(http, call, request, error);
                if (accepted.statusCode() == 404) {
                    throw VendorException.refused(method + " " + request.uri().getPath() + " answered 404: "
                            + error.read(Optional.ofNullable(accepted.body()).orElse("")));
                }
            } catch (VendorException e) {
                if (error.is(ZStackError.INVALID_SESSION) && attempt == 0) {
                    sessions.invalidate(call, base, session);
                    continue;
                }
                throw e;
            }
            Job job = accepted.statusCode() == 202
                    ? await(call, session, http.parse(accepted).path("location").asText(""))
                    : outcome(http.parse(accepted));
            if (job instanceof Failed failed && failed.failure().is(ZStackError.INVALID_SESSION) && attempt == 0) {
                sessions.invalidate(call, base, session);
                continue;
            }
            if (job instanceof Failed failed
                    && ZStackErrorCodes.kind(failed.failure().code()) == VendorException.Kind.TRANSIENT) {
                transientFailures.merge(callKey, 1, Integer::sum);
            } else if (job instanceof Done) {
                transientFailures.remove(callKey);
            }
            return job;
        }
    }

    /** One look at a job accepted earlier (no waiting): where it stands now. */
    Job poll(VendorCall call, String location) throws VendorException {
        String session = sessions.session(call, call.endpoint());
        return await(call, session, location, Instant.now());
    }

    private Job await(VendorCall call, String session, String location) throws VendorException {
        return await(call, session, location, Instant.now().plus(jobWait));
    }

    /** Polls the job (on the configured endpoint's host: ZStack's location may name an internal one). */
    private Job await(VendorCall call, String session, String location, Instant deadline) throws VendorException {
        if (location.isEmpty()) {
            return new Running("");
        }
        URI endpoint = call.endpoint();
        URI poll = URI.create(endpoint.getScheme() + "://" + endpoint.getRawAuthority() + URI.create(location).getRawPath());
        while (true) {
            ZStackError error = new ZStackError();
            HttpResponse<String> response;
            try {
                response = http.send(call.credentials(), authorized(poll, session).GET().build(), error::read);
            } catch (VendorException e) {
                // A job's API error comes as 503 {"error":…}: its code, not the status, says what it means.
                if (error.failure().isPresent()) {
                    return new Failed(error.failure().get());
                }
                throw e;
            }
            if (response.statusCode() == 200) {
                return outcome(http.parse(response));
            }
            if (response.statusCode() == 404) {
                return new Running("");
            }
            if (!Instant.now().isBefore(deadline)) {
                return new Running(location);
            }
            sleep();
        }
    }

    /** A finished call's reply: done, unless it says {@code success: false} or carries an error. */
    private static Job outcome(JsonNode reply) {
        return ZStackFailure.inReply(reply).<Job>map(Failed::new).orElseGet(() -> new Done(reply));
    }

    private static JsonNode succeeded(JsonNode reply, ZStackError error, String what) throws VendorException {
        Optional<ZStackFailure> failure = ZStackFailure.inReply(reply);
        if (failure.isPresent()) {
            error.remember(failure.get());
            throw failure.get().exception(what);
        }
        return reply;
    }

    /**
     * Sends; a failed answer that carries ZStack's API error is classified by its code ({@link ZStackErrorCodes}):
     * ZStack answers 503 for a bad argument as for an outage. 401/403/429 keep what their status says.
     */
    static HttpResponse<String> send(VendorHttp http, VendorCall call, HttpRequest request, ZStackError error)
            throws VendorException {
        try {
            return http.send(call.credentials(), request, error::read);
        } catch (VendorException e) {
            boolean byStatusAlone = e.kind() == VendorException.Kind.TRANSIENT || e.kind() == VendorException.Kind.REFUSED;
            if (byStatusAlone && error.failure().isPresent()) {
                throw new VendorException(ZStackErrorCodes.kind(error.failure().get().code()), e.getMessage(), null,
                        e.getCause());
            }
            throw e;
        }
    }

    private static HttpRequest.Builder authorized(URI uri, String session) {
        return HttpRequest.newBuilder(uri).timeout(VendorHttp.TIMEOUT).header("Authorization", "OAuth " + session);
    }

    private static void sleep() throws VendorException {
        try {
            Thread.sleep(JOB_POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VendorException.transientFailure("interrupted while waiting for a ZStack job", e);
        }
    }
}
