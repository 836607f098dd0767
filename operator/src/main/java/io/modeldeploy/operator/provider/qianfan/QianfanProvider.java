package io.modeldeploy.operator.provider.qianfan;

import com.fasterxml.jackson.databind.JsonNode;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.provider.ManagedProvider;
import io.modeldeploy.operator.provider.VendorCall;
import io.modeldeploy.operator.provider.VendorException;
import io.modeldeploy.operator.provider.VendorHttp;
import io.modeldeploy.operator.provider.VendorService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Baidu Qianfan custom services through the published Actions: CreateService, DescribeService, DescribeServices
 * (lookup by the deterministic name before creating) and ScaleService. Qianfan publishes no Stop, Start or
 * Delete Action; see the package documentation for what deletion does.
 */
@Singleton
public final class QianfanProvider implements ManagedProvider {
    /**
     * The documented public API base. Published: ScaleService; no Stop, Start or multi-node call.
     */
    private static final Description DESCRIPTION = new Description(Provider.Qianfan, "qianfan",
            Optional.of(URI.create("https://qianfan.baidubce.com")), QianfanApi.PATH, new Capabilities(true, false, false));
    private static final int MAX_PAGES = 50;

    private final QianfanApi api;

    public QianfanProvider(VendorHttp http) {
        this(http, Clock.systemUTC());
    }

    /** The clock dates each request's signature. */
    @Inject
    QianfanProvider(VendorHttp http, Clock clock) {
        this.api = new QianfanApi(http, clock);
    }

    @Override
    public Description description() {
        return DESCRIPTION;
    }

    @Override
    public Optional<VendorService> findByName(VendorCall call) throws VendorException {
        String marker = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            // The list is the API's own root call: a 404 means the endpoint does not serve Qianfan's service API.
            JsonNode result = api.action(call, "DescribeServices", QianfanRequests.listByName(call.vendorName(), marker))
                    .orElseThrow(() -> VendorHttp.notThisApi("POST", QianfanApi.actionUri(call.endpoint(), "DescribeServices"),
                            "Qianfan service"));
            QianfanResponses.Page found = QianfanResponses.page(result);
            // Qianfan's name filter is not documented as exact: only an exact match is ours.
            Optional<String> id = found.services().stream()
                    .filter(s -> call.vendorName().equals(QianfanResponses.text(s, "name")))
                    .map(s -> QianfanResponses.text(s, "serviceId")).findFirst();
            if (id.isPresent()) {
                return get(call, id.get());
            }
            if (found.nextMarker().isEmpty()) {
                return Optional.empty();
            }
            marker = found.nextMarker().get();
        }
        throw VendorException.transientFailure("DescribeServices did not end within " + MAX_PAGES
                + " pages: not creating " + call.vendorName() + " while it may exist", null);
    }

    @Override
    public VendorService create(VendorCall call) throws VendorException {
        JsonNode result = api.action(call, "CreateService", QianfanRequests.create(call))
                .orElseThrow(() -> VendorException.refused("CreateService answered 404"));
        return QianfanResponses.created(result);
    }

    @Override
    public Optional<VendorService> get(VendorCall call, String externalId) throws VendorException {
        String base = QianfanApi.inferenceBase(call.endpoint());
        Optional<JsonNode> result = api.action(call, "DescribeService", QianfanRequests.describe(externalId));
        return result.isEmpty() ? Optional.empty() : Optional.of(QianfanResponses.service(externalId, result.get(), base));
    }

    /**
     * ScaleService addresses one compute unit. A service on one unit (always so on the public resource pool) is
     * scaled there; one spread over several units has no single right answer, so it is refused.
     */
    @Override
    public void scale(VendorCall call, String externalId, int replicas) throws VendorException {
        JsonNode service = api.action(call, "DescribeService", QianfanRequests.describe(externalId))
                .orElseThrow(() -> VendorException.transientFailure("service " + externalId + " is gone", null));
        List<QianfanResponses.ComputeUnit> units = QianfanResponses.computeUnits(service);
        if (units.size() != 1) {
            throw VendorException.refused("service " + externalId + " runs on " + units.size()
                    + " compute units: set the replicas per unit in the Qianfan console");
        }
        api.action(call, "ScaleService", QianfanRequests.scale(externalId, units.get(0).instanceId(), replicas))
                .orElseThrow(() -> VendorException.transientFailure("service " + externalId + " is gone", null));
    }

    /**
     * Qianfan publishes no Delete Action. Done once DescribeService answers 404 (the service was deleted in the
     * console); until then the refusal tells the user what to do, and the finalizer stays.
     */
    @Override
    public boolean delete(VendorCall call, String externalId) throws VendorException {
        if (get(call, externalId).isEmpty()) {
            return true;
        }
        throw new VendorException(VendorException.Kind.UNSUPPORTED, "Qianfan publishes no Delete Action: delete "
                + "service " + externalId + " in the Qianfan console (the resource is released once it is gone), "
                + "or set spec.target.deletionPolicy: Retain to keep it and release the resource now", null, null);
    }
}
