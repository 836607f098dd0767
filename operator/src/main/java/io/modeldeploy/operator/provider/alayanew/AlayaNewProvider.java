package io.modeldeploy.operator.provider.alayanew;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.operator.api.v1alpha1.Mode;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.provider.PagedLookup;
import io.modeldeploy.operator.provider.RestProvider;
import io.modeldeploy.operator.provider.VendorCall;
import io.modeldeploy.operator.provider.VendorException;
import io.modeldeploy.operator.provider.VendorHttp;
import io.modeldeploy.operator.provider.VendorService;
import io.modeldeploy.operator.provider.VendorState;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Alaya NeW serverless-infer through its documented calls (see the package documentation). The endpoint is
 * the API base, {@code https://api.alayanew.com/api/serverless-infer/v1} by default.
 */
@Singleton
public final class AlayaNewProvider extends RestProvider {
    /**
     * The documented public API base. Published: online scale and multi-node instances (resource.workers);
     * not published: stop and start (vendors.md section 1).
     */
    private static final Description DESCRIPTION = new Description(Provider.AlayaNeW, "alayanew",
            Optional.of(URI.create("https://api.alayanew.com/api/serverless-infer/v1")), "/api/serverless-infer/v1",
            new Capabilities(true, false, true));

    public AlayaNewProvider(VendorHttp http) {
        super(DESCRIPTION, http);
    }

    @Override
    public Optional<VendorService> findByName(VendorCall call) throws VendorException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("name", call.vendorName());
        // A LoRA service's row carries its base's vksId and namespace, which its own options need not repeat.
        call.options().entrySet().stream().filter(e -> e.getKey().equals("vksId") || e.getKey().equals("namespace"))
                .filter(e -> e.getValue() != null && !e.getValue().toString().isBlank())
                .forEach(e -> query.put(e.getKey(), e.getValue().toString()));
        query.put("size", Integer.toString(PagedLookup.PAGE_SIZE));
        Optional<String> id = PagedLookup.find("Alaya NeW's service list", call.vendorName(), AlayaNewResponses.LIST,
                page -> {
                    query.put("page", Integer.toString(page));
                    return listPage(call, query);
                }, data -> AlayaNewResponses.serviceIdNamed(data, call.vendorName()));
        return id.isEmpty() ? Optional.empty() : get(call, id.get());
    }

    private JsonNode listPage(VendorCall call, Map<String, String> query) throws VendorException {
        HttpRequest list = request(call, "GET", "/deployment/list?" + form(query), null);
        HttpResponse<String> response = http.send(call.credentials(), list, AlayaNewEnvelope::message);
        if (response.statusCode() == 404) {
            // The list is the API's own root call: a 404 means the endpoint is not Alaya NeW's serverless-infer API.
            throw VendorHttp.notThisApi(list, "Alaya NeW serverless-infer");
        }
        return AlayaNewEnvelope.data(http.parse(response), "list services");
    }

    @Override
    public VendorService create(VendorCall call) throws VendorException {
        Mode mode = call.deployment().mode();
        ObjectNode body = switch (mode) {
            case QuickStart -> AlayaNewRequests.quickStart(call);
            case Expert -> AlayaNewRequests.expert(call);
            case LoRA -> AlayaNewRequests.lora(call);
        };
        String path = switch (mode) {
            case QuickStart -> "/deployment";
            case Expert -> "/deployment/expert";
            case LoRA -> "/deployment/lora";
        };
        JsonNode data = call(call, "POST", path, body, "create");
        String serviceId = data.path("serviceId").asText("");
        if (!serviceId.isEmpty()) {
            return justCreated(call, serviceId);
        }
        // The LoRA create answers {} (vendors.md section 1): the new service is found by its name.
        return findByName(call).orElseThrow(() -> VendorException.transientFailure(
                "Alaya NeW accepted the create of " + call.vendorName() + " but does not list it yet", null));
    }

    /**
     * The new service as far as it can be read now. The id must reach status even when this read fails,
     * so a failed read gives a service known only by its id, still Pending.
     */
    private VendorService justCreated(VendorCall call, String serviceId) {
        try {
            Optional<VendorService> read = get(call, serviceId);
            if (read.isPresent()) {
                return read.get();
            }
        } catch (VendorException e) {
            // The next poll reads it; what matters now is the id.
        }
        return new VendorService(serviceId, null, VendorState.of(Phase.Pending), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of());
    }

    @Override
    public Optional<VendorService> get(VendorCall call, String externalId) throws VendorException {
        Optional<JsonNode> detail = detail(call, externalId);
        if (detail.isEmpty()) {
            return Optional.empty();
        }
        if (!AlayaNewResponses.isLora(detail.get())) {
            return Optional.of(AlayaNewResponses.baseService(externalId, detail.get()));
        }
        String baseId = detail.get().path("baseServiceId").asText();
        return Optional.of(AlayaNewResponses.loraService(externalId, detail.get(), detail(call, baseId),
                servedName(call, detail.get())));
    }

    /**
     * The adapter's name as the create sent it; a LoRA deployment carries exactly one (see AlayaNewRequests.lora). A
     * deletion's call has no resolved spec, and only needs to know the service exists: the echo does then.
     */
    static String servedName(VendorCall call, JsonNode detail) {
        return call.resolved().filter(d -> d.adapters().size() == 1).map(d -> d.adapters().get(0).name())
                .orElseGet(() -> AlayaNewResponses.servedNames(detail).stream().findFirst().orElse(""));
    }

    @Override
    public void scale(VendorCall call, String externalId, int replicas) throws VendorException {
        ObjectNode body = AlayaNewRequests.scale(externalId, replicas, call);
        call(call, "PUT", "/deployment/" + segment(externalId) + "/scale", body, "scale");
    }

    @Override
    public boolean delete(VendorCall call, String externalId) throws VendorException {
        HttpResponse<String> response = send(call, "DELETE", "/deployment/" + segment(externalId), null);
        if (response.statusCode() == 404) {
            return true;
        }
        AlayaNewEnvelope.data(http.parse(response), "delete");
        return detail(call, externalId).isEmpty();
    }

    private Optional<JsonNode> detail(VendorCall call, String serviceId) throws VendorException {
        HttpResponse<String> response = send(call, "GET", "/deployment/" + segment(serviceId), null);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(AlayaNewEnvelope.data(http.parse(response), "get"));
    }

    /** A call whose 404 is an error: the service disappeared under it, which the next poll sees. */
    private JsonNode call(VendorCall call, String method, String path, ObjectNode body, String what) throws VendorException {
        HttpResponse<String> response = send(call, method, path, body);
        if (response.statusCode() == 404) {
            throw VendorException.transientFailure(what + ": Alaya NeW answered 404: "
                    + AlayaNewEnvelope.message(response.body()), null);
        }
        return AlayaNewEnvelope.data(http.parse(response), what);
    }

    private HttpResponse<String> send(VendorCall call, String method, String path, ObjectNode body) throws VendorException {
        return http.send(call.credentials(), request(call, method, path, body), AlayaNewEnvelope::message);
    }

    private HttpRequest request(VendorCall call, String method, String path, ObjectNode body) throws VendorException {
        return http.jsonRequest(URI.create(call.endpoint() + path), method, authorization(call), body);
    }

    /** The documented {@code plain} scheme: both keys verbatim, nothing signed (vendors.md section 1). */
    static String authorization(VendorCall call) throws VendorException {
        return "plain Credential=" + call.credentials().require("accessKey")
                + ",Signature=" + call.credentials().require("secretKey");
    }

    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String form(Map<String, String> query) {
        return query.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
