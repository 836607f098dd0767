package io.modeldeploy.sim.platform.zstack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.sim.platform.http.Json;
import io.modeldeploy.sim.platform.http.SimOptions;
import io.modeldeploy.sim.platform.http.PlatformSimulator;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * A SIMULATED ZStack AIOS / ZStack Cloud management node, limited to the model-service calls of
 * {@code shared/design/vendors.md} §2 and the REST conventions of ZStack's open-source RestServer; it runs no model.
 *
 * <p><b>Served</b> under {@code /zstack/v1} (operation names in brackets):
 * {@code PUT /accounts/login} [login], {@code GET /accounts/sessions/{uuid}/valid} [validateSession],
 * {@code DELETE /accounts/sessions/{uuid}} [logout], {@code GET /api-jobs/{uuid}} [job];
 * {@code POST /ai/model-services} [addModelService], {@code GET /ai/model-services[/{uuid}]} [queryModelService],
 * {@code PUT /ai/model-services/{uuid}} with {@code deployModelService} [deployModelService] or
 * {@code updateModelService} [updateModelService];
 * {@code GET /ai/model-services/instances/groups[/{uuid}]} [queryModelServiceInstanceGroup],
 * {@code DELETE /ai/model-services/instances/groups/{uuid}} [deleteModelServiceInstanceGroup],
 * {@code DELETE /ai/model-services/instances/groups} [deleteModelServiceInstanceGroups];
 * {@code PUT /model-service-instance-groups/{uuid}} [updateModelServiceInstanceGroup],
 * {@code PUT /model-service-instance-groups} [restartModelServiceGroups]. No stop, start or scale: none is public.
 *
 * <p><b>Auth</b>: log in with {@code {"logInByAccount":{"accountName","password":<hex SHA-512>}}}; wrong
 * credentials are 503 {@code {"error":{"code":"ID.1000",…}}}. Other calls send {@code Authorization: OAuth <uuid>};
 * a missing or non-OAuth header is 400 plain text. Sessions expire {@link SimOptions#sessionTtl()} after login (not
 * extended by use); an expired or unknown session is {@code ID.1001}, answered with 503 by queries and reported by
 * the job of an async call (which itself still gets its 202), as ZStack checks sessions inside the API.
 *
 * <p><b>AddModelService</b> follows its published page (shared/vendor-docs/zstack-add-model-service.txt): body key
 * {@code param}, synchronous, 200 {@code {"inventory":{…}}} with the page's ModelServiceInventory fields; the
 * page's required fields and their types are checked; an error is a 200 too, {@code {"success":false,
 * "error":{code, description, details, elaboration, opaque, cause},"inventory":null}}.
 *
 * <p><b>API errors</b> of the other calls are answered RestServer's way (503 {@code {"error":…}}), or, after
 * {@link #answerErrorsIn200}, in the documented shape (200, {@code success} false). {@link #refuseNext} makes the next
 * call of an operation fail with a given error code.
 *
 * <p><b>Async jobs</b>: every non-query API but AddModelService answers 202 {@code {"location": ".../zstack/v1/api-jobs/<uuid>"}}; the
 * poll answers 202 with no body while running, 200 with the result, 503 with {@code {"error":…}}, or 404 once
 * expired ({@link #expireJobs()}). An {@code X-Job-UUID} (32 hex digits, else 400) becomes the job uuid, and a call
 * repeating a known job uuid is not executed again: it gets the first call's job. The location uses the request's
 * {@code Host}. {@code X-Web-Hook} callbacks are not simulated.
 *
 * <p><b>Progress</b>: a deployed group is {@code Deploying} for {@link SimOptions#deployDelay()}, then
 * {@code Running}; its deploy job finishes at that moment with the group's inventory (or, for a failing deployment,
 * 503 {@code SYS.1006} and group status {@code Failed}). Restart: {@code Deploying} again for the transition delay.
 * A deleted group disappears after {@link SimOptions#deleteDelay()}, when its delete job finishes.
 *
 * <p><b>Choices where vendors.md is silent</b> (§7.2): the Deploy body key is {@code deployModelService} (ZStack's
 * action convention), and {@code params} (the generated v2 SDK's) is accepted too; a flat body is 400. One instance
 * per group. {@code Failed} for a failed deployment. Update does not restart a group. {@code resourceUuid} chooses
 * the uuid (a used one fails the job with {@code SYS.1007}). Deleting a missing group succeeds, as ZStack's delete
 * APIs do. Query by uuid of a missing resource is 200 with empty {@code inventories}, as in ZStack, not 404.
 * Instance URLs are {@code http://192.0.2.x:8000} (never routed; no inference is simulated). Not simulated:
 * sub-user login, access-key auth ({@code Authorization: ZStack …} gets the REST layer's 400), webhooks.
 */
public final class ZStackSimulator extends PlatformSimulator {
    private final ZStackSessions sessions;
    private final ZStackJobs jobs;
    private final ZStackStore store;
    private final ZStackRefusals refusals = new ZStackRefusals();

    /** {@link #apiBaseUrl()} is {@code baseUrl() + "/zstack/v1"}, as vendors.md gives the base URL. */
    private ZStackSimulator(InetSocketAddress bind, String accountName, String password, SimOptions options) {
        super(bind, "zstack", ZStackRoutes.PREFIX, options);
        sessions = new ZStackSessions(accountName, password, options.sessionTtl(), options.clock());
        jobs = new ZStackJobs(options.clock());
        store = new ZStackStore(options, faults());
        // Job locations fall back to the simulator's own URL when a request has no Host header.
        serve(new ZStackErrors(), new ZStackAuth(), new ZStackRoutes(sessions, jobs, store, refusals, baseUrl())::register);
    }

    /** Starts serving on {@code bind} (port 0 picks a free port) for one account with this plain password. */
    public static ZStackSimulator start(InetSocketAddress bind, String accountName, String password,
                                       SimOptions options) {
        return new ZStackSimulator(bind, accountName, password, options);
    }

    /**
     * Registers a template directly, as an administrator would have, so a deployment can start from a known uuid.
     *
     * @return the template's uuid
     */
    public String registerTemplate(String name) {
        ObjectNode params = Json.object()
                .put("name", name)
                .put("yaml", "SIMULATED template")
                .put("requestCpu", 4)
                .put("requestMemory", 16384L)
                .put("modelCenterUuid", "sim-model-center")
                .put("installPath", "/opt/models/" + name)
                .put("startCommand", "vllm serve /opt/models/" + name)
                .put("type", "Inference");
        return store.addTemplate(params).uuid;
    }

    public List<ZStackTemplate> templates() {
        return store.templateSnapshots();
    }

    /** The instance groups now, oldest first. */
    public List<ZStackGroup> groups() {
        return store.snapshots();
    }

    /** Every job not yet expired, one per job uuid. */
    public List<ZStackJob> jobs() {
        return jobs.snapshot();
    }

    /**
     * Test hook: the next call of {@code operation} (an operation name above) fails with this API error: a sync call
     * answers it, an async call is accepted and its job reports it.
     */
    public ZStackSimulator refuseNext(String operation, String code, String description, String details) {
        refusals.plan(operation, new ZStackErrors.ApiFailure(code, description, details));
        return this;
    }

    /**
     * Test hook: every API error is answered as the published page documents replies, a 200 with {@code success}
     * false and the {@code error}, instead of RestServer's 503 {@code {"error":…}} (AddModelService always is).
     */
    public ZStackSimulator answerErrorsIn200(boolean documented) {
        refusals.errorsIn200(documented);
        return this;
    }

    /** Test hook: every session expires now (as after a long idle time). */
    public void expireSessions() {
        sessions.expireAll();
    }

    /** How many login sessions are still valid. */
    public int validSessions() {
        return sessions.validCount();
    }

    /** Test hook: forgets every job, so its polls answer 404 as an expired job's do. */
    public void expireJobs() {
        jobs.expireAll();
    }
}
