package io.modeldeploy.sim.platform.zstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.sim.platform.http.InvalidBody;
import io.modeldeploy.sim.platform.http.Json;
import io.modeldeploy.sim.platform.http.Router;
import io.modeldeploy.sim.platform.http.SimError;
import io.modeldeploy.sim.platform.http.SimRequest;
import io.modeldeploy.sim.platform.http.SimResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The ZStack calls of vendors.md §2, shaped as ZStack's RestServer handles them: queries and login are sync
 * (200, or 503 with an error); AddModelService is sync as its published page documents it (200, its errors in the
 * body: {@link ZStackRefusals}); every other API is async (202 + job location), and its session is checked by the
 * API itself, so an expired session on an async call is reported by the job, not by the 202.
 */
final class ZStackRoutes {
    static final String PREFIX = "/zstack/v1";
    private static final Pattern JOB_UUID = Pattern.compile("[0-9a-fA-F]{32}");

    private final ZStackSessions sessions;
    private final ZStackJobs jobs;
    private final ZStackStore store;
    private final ZStackRefusals refusals;
    private final String fallbackBaseUrl;

    ZStackRoutes(ZStackSessions sessions, ZStackJobs jobs, ZStackStore store, ZStackRefusals refusals,
                 String fallbackBaseUrl) {
        this.sessions = sessions;
        this.jobs = jobs;
        this.store = store;
        this.refusals = refusals;
        this.fallbackBaseUrl = fallbackBaseUrl;
    }

    void register(Router router) {
        String groups = PREFIX + "/ai/model-services/instances/groups";
        router.open("PUT", PREFIX + "/accounts/login", "login", this::login)
                .open("GET", PREFIX + "/accounts/sessions/{uuid}/valid", "validateSession", this::validateSession)
                .open("DELETE", PREFIX + "/accounts/sessions/{uuid}", "logout", this::logout)
                .open("GET", PREFIX + "/api-jobs/{uuid}", "job", this::pollJob)
                .guarded("POST", PREFIX + "/ai/model-services", "addModelService", this::addTemplate)
                .guarded("GET", PREFIX + "/ai/model-services", "queryModelService",
                        r -> queryTemplates(r, Optional.empty()))
                .guarded("GET", groups, "queryModelServiceInstanceGroup", r -> queryGroups(r, Optional.empty()))
                .guarded("GET", groups + "/{uuid}", "queryModelServiceInstanceGroup",
                        r -> queryGroups(r, Optional.of(r.pathParam("uuid"))))
                .guarded("DELETE", groups + "/{uuid}", "deleteModelServiceInstanceGroup", this::deleteGroup)
                .guarded("DELETE", groups, "deleteModelServiceInstanceGroups", this::deleteGroups)
                .guarded("GET", PREFIX + "/ai/model-services/{uuid}", "queryModelService",
                        r -> queryTemplates(r, Optional.of(r.pathParam("uuid"))))
                .guarded("PUT", PREFIX + "/ai/model-services/{uuid}", ZStackRoutes::templateOperation,
                        this::templateAction)
                .guarded("PUT", PREFIX + "/model-service-instance-groups/{uuid}", "updateModelServiceInstanceGroup",
                        this::updateGroup)
                .guarded("PUT", PREFIX + "/model-service-instance-groups", "restartModelServiceGroups",
                        this::restartGroups);
    }

    // ---- sessions (no session needed to call them) ----

    private SimResponse login(SimRequest request) {
        ObjectNode params = parameter(request, "logInByAccount");
        String account = Json.text(params, "accountName").orElse("");
        String password = Json.text(params, "password").orElse("");
        Optional<ZStackSessions.Session> session = sessions.login(account, password);
        if (session.isEmpty()) {
            return SimResponse.json(503, ZStackErrors.body(ZStackErrors.AUTHENTICATION_ERROR,
                    "Authentication error", "wrong account name or password"));
        }
        ObjectNode inventory = Json.object();
        inventory.put("uuid", session.get().uuid());
        inventory.put("accountUuid", session.get().accountUuid());
        inventory.put("userUuid", session.get().accountUuid());
        inventory.put("expiredDate", ZStackDates.format(session.get().expiresAt()));
        inventory.put("createDate", ZStackDates.format(session.get().createdAt()));
        ObjectNode reply = Json.object();
        reply.set("inventory", inventory);
        return SimResponse.json(200, reply);
    }

    private SimResponse validateSession(SimRequest request) {
        ObjectNode reply = Json.object();
        reply.put("valid", sessions.check(request.pathParam("uuid")) == ZStackSessions.Validity.VALID);
        return SimResponse.json(200, reply);
    }

    private SimResponse logout(SimRequest request) {
        sessions.logout(request.pathParam("uuid"));
        return SimResponse.json(200, Json.object());
    }

    private SimResponse pollJob(SimRequest request) {
        Optional<Optional<ZStackJobs.Outcome>> polled = jobs.poll(request.pathParam("uuid"));
        if (polled.isEmpty()) {
            return SimResponse.text(404, "the job has been expired");
        }
        if (polled.get().isEmpty()) {
            return SimResponse.empty(202);
        }
        ZStackJobs.Outcome outcome = polled.get().get();
        if (!outcome.success() && refusals.errorsIn200()) {
            return SimResponse.json(200, ZStackErrors.documentedFailure(outcome.body()));
        }
        return SimResponse.json(outcome.success() ? 200 : 503, outcome.body());
    }

    // ---- queries (sync) ----

    private SimResponse queryTemplates(SimRequest request, Optional<String> uuid) {
        requireSession(request, "queryModelService");
        return SimResponse.json(200, ZStackQuery.run(request, uuid, store.templateInventories()));
    }

    private SimResponse queryGroups(SimRequest request, Optional<String> uuid) {
        requireSession(request, "queryModelServiceInstanceGroup");
        return SimResponse.json(200, ZStackQuery.run(request, uuid, store.groupInventories()));
    }

    // ---- async APIs ----

    /**
     * AddModelService as its page documents it: body key {@code param}, synchronous, 200 with {@code {"inventory":…}};
     * a failure (a missing required field, a planned refusal, the session) is a 200 too, with {@code success} false
     * and the error.
     */
    private SimResponse addTemplate(SimRequest request) {
        ObjectNode params = parameter(request, "param");
        try {
            sessionProblem(request).or(() -> refusals.take("addModelService")).ifPresent(failure -> {
                throw failure;
            });
            ZStackStore.Template template = store.addTemplate(params);
            return SimResponse.json(200, inventoryReply(store.inventory(template)));
        } catch (ZStackErrors.ApiFailure failure) {
            ObjectNode reply = ZStackErrors.documentedFailure(failure);
            reply.putNull("inventory");
            return SimResponse.json(200, reply);
        }
    }

    /** The server picks the API on this shared path from the body's key (RestServer's action convention). */
    private static String templateOperation(SimRequest request) {
        ObjectNode body = request.jsonObject();
        if (body.has("deployModelService") || body.has("params")) {
            return "deployModelService";
        }
        return body.has("updateModelService") ? "updateModelService" : "unmatched";
    }

    private SimResponse templateAction(SimRequest request) {
        String templateUuid = request.pathParam("uuid");
        ObjectNode body = request.jsonObject();
        if (body.has("updateModelService")) {
            ObjectNode params = parameter(request, "updateModelService");
            return async(request, "updateModelService",
                    () -> done(inventoryReply(store.inventory(store.updateTemplate(templateUuid, params)))));
        }
        // The action key is ZStack's convention; the generated v2 SDK sends "params", which is accepted too.
        ObjectNode params = parameter(request, body.has("deployModelService") ? "deployModelService" : "params");
        return async(request, "deployModelService", () -> {
            ZStackStore.Group group = store.deploy(templateUuid, params);
            String uuid = group.uuid;
            return new ZStackJobs.Plan(group.status.settlesAt(), () -> deployOutcome(uuid));
        });
    }

    private ZStackJobs.Outcome deployOutcome(String groupUuid) {
        Optional<ZStackStore.Group> group = store.group(groupUuid);
        if (group.isEmpty()) {
            return ZStackJobs.Outcome.failure(ZStackStore.groupNotFound(groupUuid));
        }
        if (ZStackStore.FAILED.equals(store.status(group.get()))) {
            return ZStackJobs.Outcome.failure(new ZStackErrors.ApiFailure(ZStackErrors.OPERATION_ERROR,
                    "Operation failure", "SIMULATED: deploying model service instance group[uuid:" + groupUuid
                    + "] failed"));
        }
        return ZStackJobs.Outcome.success(inventoryReply(store.inventory(group.get())));
    }

    private SimResponse updateGroup(SimRequest request) {
        String uuid = request.pathParam("uuid");
        ObjectNode params = parameter(request, "updateModelServiceInstanceGroup");
        return async(request, "updateModelServiceInstanceGroup",
                () -> done(inventoryReply(store.inventory(store.updateGroup(uuid, params)))));
    }

    private SimResponse restartGroups(SimRequest request) {
        ObjectNode params = parameter(request, "restartModelServiceGroups");
        List<String> uuids = Json.texts(params, "uuids").orElse(List.of());
        return async(request, "restartModelServiceGroups", () -> {
            ObjectNode reply = Json.object();
            ArrayNode results = reply.putArray("results");
            for (String uuid : uuids) {
                ObjectNode result = results.addObject().put("uuid", uuid);
                try {
                    store.restart(uuid);
                    result.put("success", true).putNull("error");
                } catch (ZStackErrors.ApiFailure failure) {
                    result.put("success", false).set("error", failure.body().get("error"));
                }
            }
            Instant doneAt = store.now().plus(store.transitionDelay());
            return new ZStackJobs.Plan(doneAt, () -> ZStackJobs.Outcome.success(reply));
        });
    }

    private SimResponse deleteGroup(SimRequest request) {
        String uuid = request.pathParam("uuid");
        String mode = request.query("deleteMode").orElse("Permissive");
        return async(request, "deleteModelServiceInstanceGroup", () -> {
            checkDeleteMode(mode);
            Instant gone = store.delete(uuid);
            return new ZStackJobs.Plan(gone, () -> ZStackJobs.Outcome.success(Json.object()));
        });
    }

    /** Batch delete: uuids as repeated query parameters (how RestServer passes DELETE parameters) or in a body. */
    private SimResponse deleteGroups(SimRequest request) {
        List<String> uuids = new ArrayList<>();
        request.queryAll("uuids").forEach(value -> uuids.addAll(List.of(value.split(","))));
        ObjectNode body = request.jsonObject();
        Json.texts(body, "uuids").ifPresent(uuids::addAll);
        String mode = request.query("deleteMode").or(() -> Json.text(body, "deleteMode")).orElse("Permissive");
        return async(request, "deleteModelServiceInstanceGroups", () -> {
            checkDeleteMode(mode);
            ObjectNode reply = Json.object();
            ArrayNode results = reply.putArray("results");
            Instant doneAt = store.now();
            for (String uuid : uuids) {
                Instant gone = store.delete(uuid.trim());
                doneAt = gone.isAfter(doneAt) ? gone : doneAt;
                results.addObject().put("uuid", uuid.trim()).put("success", true).putNull("error");
            }
            return new ZStackJobs.Plan(doneAt, () -> ZStackJobs.Outcome.success(reply));
        });
    }

    // ---- the async and session machinery ----

    /**
     * Accepts an async call: the job runs {@code work} once per job uuid, unless the session is invalid, in which
     * case the job fails with {@code ID.1001}. Either way the caller gets 202 and the job's location.
     */
    private SimResponse async(SimRequest request, String operation, Supplier<ZStackJobs.Plan> work) {
        String clientJobUuid = clientJobUuid(request);
        String jobUuid = jobs.submit(clientJobUuid, operation, () -> {
            Instant now = store.now();
            Optional<ZStackErrors.ApiFailure> problem = sessionProblem(request).or(() -> refusals.take(operation));
            if (problem.isPresent()) {
                return ZStackJobs.Plan.failedNow(now, problem.get());
            }
            try {
                return work.get();
            } catch (ZStackErrors.ApiFailure failure) {
                return ZStackJobs.Plan.failedNow(now, failure);
            }
        });
        ObjectNode reply = Json.object();
        reply.put("location", jobsBase(request) + "/" + jobUuid);
        return SimResponse.json(202, reply);
    }

    /** A sync API's session check, then the refusal a test planned for it: answered as API errors are. */
    private void requireSession(SimRequest request, String operation) {
        sessionProblem(request).or(() -> refusals.take(operation)).ifPresent(failure -> {
            throw new SimError(refusals.errorsIn200() ? SimResponse.json(200, ZStackErrors.documentedFailure(failure))
                    : SimResponse.json(503, failure.body()));
        });
    }

    private Optional<ZStackErrors.ApiFailure> sessionProblem(SimRequest request) {
        String session = ZStackAuth.sessionOf(request);
        return switch (sessions.check(session)) {
            case VALID -> Optional.empty();
            case EXPIRED -> Optional.of(new ZStackErrors.ApiFailure(ZStackErrors.INVALID_SESSION, "Invalid session",
                    "Session expired"));
            case UNKNOWN -> Optional.of(new ZStackErrors.ApiFailure(ZStackErrors.INVALID_SESSION, "Invalid session",
                    "Session[uuid:" + session + "] not found"));
        };
    }

    /** {@code X-Job-UUID}: 32 hex digits (a UUID with '-' stripped), else the REST layer refuses the call. */
    private static String clientJobUuid(SimRequest request) {
        Optional<String> header = request.header("X-Job-UUID");
        if (header.isEmpty()) {
            return null;
        }
        if (!JOB_UUID.matcher(header.get()).matches()) {
            throw ZStackErrors.plain(400, "Invalid header[X-Job-UUID], it must be a UUID with '-' stripped");
        }
        return header.get().toLowerCase();
    }

    /** The job location, on the host the client used (so it works behind port forwards and service names). */
    private String jobsBase(SimRequest request) {
        String base = request.header("Host").map(host -> "http://" + host).orElse(fallbackBaseUrl);
        return base + PREFIX + "/api-jobs";
    }

    /** The object under the API's body key; a body without it is refused by the REST layer (400, plain text). */
    private static ObjectNode parameter(SimRequest request, String key) {
        JsonNode value;
        try {
            value = request.jsonObject().get(key);
        } catch (InvalidBody e) {
            throw ZStackErrors.plain(400, e.getMessage());
        }
        if (value == null || !value.isObject()) {
            throw ZStackErrors.plain(400, "the body doesn't contain action mapping to the URL[" + request.path()
                    + "], expected the key '" + key + "'");
        }
        return (ObjectNode) value;
    }

    private static void checkDeleteMode(String mode) {
        if (!mode.equals("Permissive") && !mode.equals("Enforcing")) {
            throw ZStackErrors.invalidArgument("deleteMode must be Permissive or Enforcing, not " + mode);
        }
    }

    private ZStackJobs.Plan done(ObjectNode reply) {
        return new ZStackJobs.Plan(store.now(), () -> ZStackJobs.Outcome.success(reply));
    }

    private static ObjectNode inventoryReply(ObjectNode inventory) {
        ObjectNode reply = Json.object();
        reply.set("inventory", inventory);
        return reply;
    }
}
