package io.modeldeploy.sim.platform.alayanew;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.sim.platform.http.ErrorShape;
import io.modeldeploy.sim.platform.http.InvalidBody;
import io.modeldeploy.sim.platform.http.Json;
import io.modeldeploy.sim.platform.http.SimError;
import io.modeldeploy.sim.platform.http.SimRequest;
import io.modeldeploy.sim.platform.http.SimResponse;

/**
 * Alaya NeW's {@code {code, data, msg}} envelope (vendors.md §1): {@code code} 0 on success and −1 on failure, with
 * the reason in {@code msg} and an HTTP status from the documented set (400, 401, 403, 404, 500), or whatever status
 * a test injects.
 */
final class AlayaNewEnvelope implements ErrorShape {
    private final AlayaNewQuirks quirks;

    AlayaNewEnvelope(AlayaNewQuirks quirks) {
        this.quirks = quirks;
    }

    SimResponse ok(JsonNode data) {
        return SimResponse.json(200, envelope(0, data, "success"));
    }

    SimResponse failure(int status, String message) {
        return SimResponse.json(status, envelope(-1, null, message));
    }

    SimError error(int status, String message) {
        return new SimError(failure(status, message));
    }

    @Override
    public SimResponse routeNotFound(SimRequest request) {
        return failure(404, "no such API: " + request.method() + " " + request.path());
    }

    /** 404, not 405: the docs list only 200, 400, 401, 403, 404 and 500. */
    @Override
    public SimResponse methodNotAllowed(SimRequest request) {
        return failure(404, "no such API: " + request.method() + " " + request.path());
    }

    @Override
    public SimResponse invalidBody(SimRequest request, InvalidBody problem) {
        return failure(400, problem.getMessage());
    }

    @Override
    public SimResponse injected(int status, String message) {
        return failure(status, message);
    }

    @Override
    public SimResponse internalError(String message) {
        return failure(500, message);
    }

    private ObjectNode envelope(int code, JsonNode data, String message) {
        ObjectNode body = Json.object();
        if (quirks.codeAsString()) {
            body.put("code", Integer.toString(code));
        } else {
            body.put("code", code);
        }
        if (data == null) {
            body.putNull("data");
        } else {
            body.set("data", data);
        }
        body.put("msg", message);
        return body;
    }
}
