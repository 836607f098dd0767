package io.modeldeploy.sim.platform.qianfan;

import io.modeldeploy.sim.platform.http.Faults;
import io.modeldeploy.sim.platform.http.RequestLog;
import io.modeldeploy.sim.platform.http.SimOptions;
import io.modeldeploy.sim.platform.http.PlatformSimulator;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * A SIMULATED Baidu Qianfan custom-service API ({@code /v2/service}), built from {@code shared/design/vendors.md}
 * §3; it runs no model.
 *
 * <p><b>Served</b>: {@code POST /v2/service?Action=<Action>} with a JSON body, for the Actions CreateService,
 * DescribeService, DescribeServices, ScaleService and ModifyService (the operation name in {@link Faults} and
 * {@link RequestLog} is the Action). No Stop, Start or Delete: Qianfan publishes none, so they are unknown Actions
 * (400 {@code InvalidAction}).
 *
 * <p><b>Auth</b>: {@code bce-auth-v1}, verified by recomputing the signature from the request as received
 * ({@link BceAuthV1}; tested against the published vectors). Replies are {@code {requestId, result}}; errors
 * {@code {requestId, code, message}} with BCE's common codes: no signature 400 {@code SignatureEmpty}, unknown AK
 * 403 {@code InvalidAccessKeyId}, expired 400 {@code RequestExpired}, wrong signature 400
 * {@code SignatureDoesNotMatch}, bad JSON 400 {@code MalformedJSON}, missing fields 400 {@code InappropriateJSON},
 * unknown service 404 {@code ResourceNotFound} ({@link #errorsWithStatus200} sends every error with HTTP 200, the
 * shape the page documents without a status); injected 429 is {@code RequestLimitExceeded}.
 *
 * <p><b>Progress</b>: {@code runStatus} is {@code New} for the first fifth of {@link SimOptions#deployDelay()},
 * then {@code Deploying}, then {@code Serving} (or {@code Failed}). ScaleService sets {@code scaleStatus} to
 * {@code Scaling} for the transition delay; ModifyService sets {@code updateStatus} {@code Updating} and
 * {@code isModelUpdating} for the transition delay.
 *
 * <p><b>Choices where vendors.md is silent</b> (§7.3): ScaleService to 0 replicas on every unit stops the service
 * ({@code Stopped} after the transition delay) and scaling a stopped one up deploys it again — the simulator's
 * reading of the doc's 0 example, not a published stop. ScaleService needs {@code Serving} or {@code Stopped}
 * (else 400 {@code OperationNotAllowed}). A resource-pool service gets one synthetic compute unit, returned as
 * CreateService's {@code instanceId} and usable with ScaleService. Duplicate names are accepted (a provider must
 * look up before creating); a duplicate {@code urlSuffix} is refused, as it is the v2 model name. Default
 * {@code protocolVersion} is 1. DescribeServices pages by {@code marker} (a service id) and answers
 * {@code {pageInfo:{marker, maxKeys, isTruncated, nextMarker}, serviceList:[…]}}; {@code name} matches a substring.
 * ScaleService and ModifyService answer {@code result: true}.
 */
public final class QianfanSimulator extends PlatformSimulator {
    private final QianfanStore store;
    private final QianfanViews views;
    private final QianfanActions actions;

    /** {@link #apiBaseUrl()} is {@code baseUrl() + "/v2/service"}: the one path every Action is posted to. */
    private QianfanSimulator(InetSocketAddress bind, String accessKey, String secretKey, SimOptions options) {
        super(bind, "qianfan", QianfanActions.PATH, options);
        store = new QianfanStore(options, faults());
        views = new QianfanViews(store);
        actions = new QianfanActions(store, views);
        serve(new QianfanErrors(), new BceAuthVerifier(accessKey, secretKey, options.clock()), actions::register);
    }

    /** true: every Action error (not-found included) in the documented body shape with HTTP 200; see QianfanActions. */
    public QianfanSimulator errorsWithStatus200(boolean on) {
        actions.errorsWithStatus200(on);
        return this;
    }

    /** Starts serving on {@code bind} (port 0 picks a free port), accepting signatures by exactly this key pair. */
    public static QianfanSimulator start(InetSocketAddress bind, String accessKey, String secretKey,
                                        SimOptions options) {
        return new QianfanSimulator(bind, accessKey, secretKey, options);
    }

    /** Every service, oldest first. */
    public List<QianfanService> services() {
        return store.all().stream().map(views::snapshot).toList();
    }

    public Optional<QianfanService> service(String serviceId) {
        return store.find(serviceId).map(views::snapshot);
    }

    /**
     * Test hook: deletes a service as a user does in the Qianfan console, the only way Qianfan documents; no Action
     * is published for it, so none is simulated.
     *
     * @return whether it existed
     */
    public boolean deleteInConsole(String serviceId) {
        return store.removeAsConsole(serviceId);
    }
}
