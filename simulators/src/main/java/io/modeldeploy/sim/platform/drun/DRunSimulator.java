package io.modeldeploy.sim.platform.drun;

import io.modeldeploy.sim.platform.http.Ids;
import io.modeldeploy.sim.platform.http.SimOptions;
import io.modeldeploy.sim.platform.http.PlatformSimulator;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * A SIMULATED DaoCloud d.run (Hydra) model-serving API, built from {@code shared/design/vendors.md} §4 (the
 * published Hydra Swagger, v0.17.0); it runs no model.
 *
 * <p><b>Served</b> under {@link #API_PREFIX} (operation names in brackets): {@code POST /model-serving} [create],
 * {@code GET /model-serving} [list], {@code GET /model-serving/{id}} [get],
 * {@code PATCH /model-serving/{id}/replicas} [scale], {@code POST /model-serving/{id}/actions} with
 * {@code START}/{@code STOP} [action], {@code DELETE /model-serving/{id}} [delete]. Every call answers the
 * ModelServing (the list: {@code {items, page}}).
 *
 * <p><b>Auth</b>: {@code Authorization: Bearer <access key>}; anything else is 401
 * {@code {"id":"UNAUTHENTICATED","message":…}}. Errors are {@code rpcStatus {id, message}}.
 *
 * <p><b>Progress</b>: {@code DEPLOYING} for {@link SimOptions#deployDelay()}, then {@code RUNNING} (or
 * {@code FAILED}); scale: {@code SCALING} for the transition delay, serving all along; STOP: {@code STOPPED} at
 * once; START of a stopped or failed serving: {@code DEPLOYING} again; DELETE answers the object as
 * {@code DELETING}, visible for {@link SimOptions#deleteDelay()}, then 404.
 *
 * <p><b>Choices where vendors.md is silent</b> (§7.4): names are unique per user (409 {@code ALREADY_EXISTS}),
 * since the inference model name {@code <namespace>/<name>} must be; replicas must be at least 1 (stop with STOP);
 * scaling needs {@code RUNNING}/{@code SCALING} (else 400 {@code FAILED_PRECONDITION}); repeating START or STOP
 * changes nothing. The user namespace is {@code u-<hex>}, fixed per simulator. Search and sort syntax: see
 * {@link DRunListQuery}. The workspace variant and {@code /apikeys} are not simulated; inference is, once
 * {@link #answerInference(String)} names the one API key it accepts.
 */
public final class DRunSimulator extends PlatformSimulator {
    /** The documented base path of the Hydra API. */
    public static final String API_PREFIX = DRunRoutes.PREFIX;

    private final DRunStore store;
    private final DRunViews views;
    private final String userNamespace = "u-" + Ids.hex(12);

    private DRunSimulator(InetSocketAddress bind, String token, SimOptions options) {
        super(bind, "drun", API_PREFIX, options);
        store = new DRunStore(options, faults());
        views = new DRunViews(store, userNamespace);
        serve(new DRunErrors(), new DRunAuth(token), router -> {
            new DRunRoutes(store, views).register(router);
            new DRunInference(store, views).register(router);
        });
    }

    /**
     * Has servings answer OpenAI inference at their {@code address} (this simulator), accepting {@code apiKey} as
     * the account's inference key.
     */
    public DRunSimulator answerInference(String apiKey) {
        store.answerInference(baseUrl() + DRunInference.PREFIX, apiKey);
        return this;
    }

    /** Starts serving on {@code bind} (port 0 picks a free port), accepting exactly this access key. */
    public static DRunSimulator start(InetSocketAddress bind, String token, SimOptions options) {
        return new DRunSimulator(bind, token, options);
    }

    /** The user's namespace, {@code u-<hex>}: the first half of every serving's {@code accessModelName}. */
    public String userNamespace() {
        return userNamespace;
    }

    /** Every ModelServing still visible (deleting ones included), oldest first. */
    public List<DRunModelServing> services() {
        return store.all().stream().map(views::snapshot).toList();
    }

    public Optional<DRunModelServing> service(String id) {
        return store.find(id).map(views::snapshot);
    }
}
