package io.modeldeploy.operator.provider.drun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.provider.PagedLookup;
import io.modeldeploy.operator.provider.RestProvider;
import io.modeldeploy.operator.provider.VendorCall;
import io.modeldeploy.operator.provider.VendorException;
import io.modeldeploy.operator.provider.VendorHttp;
import io.modeldeploy.operator.provider.VendorService;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * DaoCloud d.run (Hydra) model serving through its published calls (see the package documentation). The
 * endpoint is the management API host, to which the registry appends the Hydra path. No page names that host (the
 * Swagger has no {@code host}), so there is no default: the spec or the installation names it.
 */
@Singleton
public final class DRunProvider extends RestProvider {
    /**
     * The Swagger's path of model serving. Published: PATCH replicas and the START/STOP actions (vendors.md section 4).
     */
    static final String API_PATH = "/apis/hydra.io/v1alpha1/model-serving";
    private static final Description DESCRIPTION = new Description(Provider.DRun, "drun",
            Optional.empty(), API_PATH, new Capabilities(true, true, false));

    public DRunProvider(VendorHttp http) {
        super(DESCRIPTION, http);
    }

    @Override
    public Optional<VendorService> findByName(VendorCall call) throws VendorException {
        // A keyword search matches names fuzzily; the exact name is picked from what it returns.
        return PagedLookup.find("d.run's model-serving list", call.vendorName(), DRunResponses.LIST,
                        page -> listPage(call, page), list -> DRunResponses.itemNamed(list, call.vendorName()))
                .map(item -> DRunResponses.modelServing(item, wasServing(call)));
    }

    private JsonNode listPage(VendorCall call, int page) throws VendorException {
        String query = "?page.page=" + page + "&page.pageSize=" + PagedLookup.PAGE_SIZE + "&page.search="
                + URLEncoder.encode(call.vendorName(), StandardCharsets.UTF_8);
        HttpRequest request = request(call, "GET", query, null);
        HttpResponse<String> response = http.send(call.credentials(), request, DRunResponses::message);
        if (response.statusCode() == 404) {
            // The list is the API's own root call: a 404 means the endpoint is not d.run's model-serving API.
            throw VendorHttp.notThisApi(request, "d.run model-serving");
        }
        return http.parse(response);
    }

    @Override
    public VendorService create(VendorCall call) throws VendorException {
        ObjectNode body = DRunRequests.create(call);
        return DRunResponses.modelServing(ok(send(call, "POST", "", body), "create"), false);
    }

    @Override
    public Optional<VendorService> get(VendorCall call, String externalId) throws VendorException {
        HttpResponse<String> response = send(call, "GET", "/" + segment(externalId), null);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(DRunResponses.modelServing(http.parse(response), wasServing(call)));
    }

    @Override
    public void scale(VendorCall call, String externalId, int replicas) throws VendorException {
        ok(send(call, "PATCH", "/" + segment(externalId) + "/replicas", DRunRequests.scale(replicas)), "scale");
    }

    @Override
    public void stop(VendorCall call, String externalId) throws VendorException {
        ok(send(call, "POST", "/" + segment(externalId) + "/actions", DRunRequests.action("STOP")), "stop");
    }

    @Override
    public void start(VendorCall call, String externalId) throws VendorException {
        ok(send(call, "POST", "/" + segment(externalId) + "/actions", DRunRequests.action("START")), "start");
    }

    /** DELETE answers the object, DELETING for a while: gone only once a read says 404. */
    @Override
    public boolean delete(VendorCall call, String externalId) throws VendorException {
        HttpResponse<String> response = send(call, "DELETE", "/" + segment(externalId), null);
        if (response.statusCode() == 404) {
            return true;
        }
        return get(call, externalId).isEmpty();
    }

    private static boolean wasServing(VendorCall call) {
        return call.lastPhase().filter(p -> p == Phase.Running).isPresent();
    }

    /** An answer whose 404 is an error: the service disappeared under the call, which the next poll sees. */
    private JsonNode ok(HttpResponse<String> response, String what) throws VendorException {
        if (response.statusCode() == 404) {
            throw VendorException.transientFailure(what + ": d.run answered 404: " + DRunResponses.message(response.body()), null);
        }
        return http.parse(response);
    }

    private HttpResponse<String> send(VendorCall call, String method, String path, ObjectNode body) throws VendorException {
        return http.send(call.credentials(), request(call, method, path, body), DRunResponses::message);
    }

    /** {@code path} under the API base ({@link #API_PATH} unless the endpoint names its own). */
    private HttpRequest request(VendorCall call, String method, String path, ObjectNode body) throws VendorException {
        return http.jsonRequest(URI.create(call.endpoint() + path), method, "Bearer " + call.credentials().require("token"), body);
    }

    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
