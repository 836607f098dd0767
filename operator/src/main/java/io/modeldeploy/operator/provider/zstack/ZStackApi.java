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
import java.util.Arrays;
import java.util.Optional;

/**
 * ZStack's REST conventions (vendors.md §2): {@code Authorization: OAuth <session>} on every call, renewed once
 * when ZStack says the session is invalid; sync queries (200, or 503 with an error); async APIs (202 and a job
 * location, polled until 200 or 503) with a derived {@code X-Job-UUID}, so a retried call is not a second call.
 */
final class ZStackApi {
    static final String API_PATH = "/zstack/v1";
    /** How long one reconcile waits for a job before reporting it as still running. */
    private static final Duration JOB_WAIT = Duration.ofSeconds(2);
    private static final Duration JOB_POLL = Duration.ofMillis(250);

    /** Where an async call stands. */
    sealed interface Job permits Running, Done, Failed {
    }

    /** Still running (202), or its outcome is no longer known (the job expired). */
    record Running() implements Job {
    }

    /** Finished: the result body ({@code {"inventory":…}} and the like). */
    record Done(JsonNode body) implements Job {
    }

    /** Finished with an API error: its code (e.g. SYS.1007) and the vendor's words. */
    record Failed(String code, String message) implements Job {
    }

    private final VendorHttp http;
    private final ZStackSessions sessions;

    ZStackApi(VendorHttp http) {
        this.http = http;
        this.sessions = new ZStackSessions(http);
    }

    /** A sync query, e.g. {@code /ai/model-services/instances/groups/<uuid>}: the reply body. */
    JsonNode query(VendorCall call, String pathAndQuery) throws VendorException {
        URI base = call.endpoint();
        for (int attempt = 0; ; attempt++) {
            String session = sessions.session(call, base);
            HttpRequest request = authorized(URI.create(base + pathAndQuery), session).GET().build();
            ZStackError error = new ZStackError();
            try {
                HttpResponse<String> response = http.send(call.credentials(), request, error::read);
                if (response.statusCode() == 404) {
                    // Queries are read-only API paths ZStack always has: a 404 means this is not its API.
                    throw VendorHttp.notThisApi(request, "ZStack");
                }
                return http.parse(response);
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
     * An async call, waiting briefly for its job. The job uuid is derived from {@code jobParts} and the session,
     * so the same call in the same session is never executed twice; a job that failed because the session expired
     * is submitted again, once, under a new session (a new call: the old job never ran).
     *
     * @param body null for none (DELETE)
     */
    Job submit(VendorCall call, String method, String path, ObjectNode body, String... jobParts) throws VendorException {
        URI base = call.endpoint();
        for (int attempt = 0; ; attempt++) {
            String session = sessions.session(call, base);
            String[] parts = Arrays.copyOf(jobParts, jobParts.length + 1);
            parts[jobParts.length] = session;
            HttpRequest.Builder builder = authorized(URI.create(base + path), session)
                    .header("X-Job-UUID", ZStackIds.jobUuid(parts));
            HttpRequest request = body == null ? builder.DELETE().build()
                    : builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(http.write(body))).build();
            ZStackError error = new ZStackError();
            HttpResponse<String> accepted;
            try {
                accepted = classified(http, call, request, error);
            } catch (VendorException e) {
                if (error.is(ZStackError.INVALID_SESSION) && attempt == 0) {
                    sessions.invalidate(call, base, session);
                    continue;
                }
                throw e;
            }
            Job job = accepted.statusCode() == 202 ? await(call, session, http.parse(accepted).path("location").asText(""))
                    : outcome(accepted);
            if (job instanceof Failed failed && ZStackError.INVALID_SESSION.equals(failed.code()) && attempt == 0) {
                sessions.invalidate(call, base, session);
                continue;
            }
            if (job instanceof Failed failed && ZStackError.AUTHENTICATION.equals(failed.code())) {
                throw VendorException.credentials(failed.message());
            }
            return job;
        }
    }

    /** Polls the job (on the configured endpoint's host: ZStack's location may name an internal one). */
    private Job await(VendorCall call, String session, String location) throws VendorException {
        if (location.isEmpty()) {
            return new Running();
        }
        URI endpoint = call.endpoint();
        URI poll = URI.create(endpoint.getScheme() + "://" + endpoint.getRawAuthority() + URI.create(location).getRawPath());
        Instant deadline = Instant.now().plus(JOB_WAIT);
        while (true) {
            ZStackError error = new ZStackError();
            HttpResponse<String> response;
            try {
                response = http.send(call.credentials(), authorized(poll, session).GET().build(), error::read);
            } catch (VendorException e) {
                // A job's API error comes as 503 {"error":…}; an internal error (SYS.1000) is worth a retry.
                if (error.code() != null && !error.is(ZStackError.INTERNAL)) {
                    return new Failed(error.code(), e.getMessage());
                }
                throw e;
            }
            if (response.statusCode() == 200) {
                return new Done(http.parse(response));
            }
            if (response.statusCode() == 404 || Instant.now().isAfter(deadline)) {
                return new Running();
            }
            sleep();
        }
    }

    private Job outcome(HttpResponse<String> response) throws VendorException {
        return new Done(http.parse(response));
    }

    private static HttpResponse<String> classified(VendorHttp http, VendorCall call, HttpRequest request,
                                                   ZStackError error) throws VendorException {
        HttpResponse<String> response = http.send(call.credentials(), request, error::read);
        if (response.statusCode() == 404) {
            throw VendorException.refused(request.method() + " " + request.uri().getPath() + " answered 404: "
                    + error.read(Optional.ofNullable(response.body()).orElse("")));
        }
        return response;
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
