package io.modeldeploy.sim.platform.qianfan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.sim.platform.http.ErrorShape;
import io.modeldeploy.sim.platform.http.Ids;
import io.modeldeploy.sim.platform.http.InvalidBody;
import io.modeldeploy.sim.platform.http.Json;
import io.modeldeploy.sim.platform.http.SimError;
import io.modeldeploy.sim.platform.http.SimRequest;
import io.modeldeploy.sim.platform.http.SimResponse;

/**
 * Baidu's error shape {@code {requestId, code, message}} (vendors.md §3) with BCE's common error codes and their
 * HTTP statuses (e.g. {@code MalformedJSON} 400, {@code InvalidAccessKeyId} 403, {@code InternalError} 500); the
 * request id is also sent as {@code x-bce-request-id}.
 */
final class QianfanErrors implements ErrorShape {

    static SimResponse ok(ObjectNode result) {
        String requestId = Ids.uuid();
        ObjectNode body = Json.object();
        body.put("requestId", requestId);
        body.set("result", result);
        return SimResponse.json(200, body).withHeader("x-bce-request-id", requestId);
    }

    static SimResponse okTrue() {
        String requestId = Ids.uuid();
        ObjectNode body = Json.object();
        body.put("requestId", requestId);
        body.put("result", true);
        return SimResponse.json(200, body).withHeader("x-bce-request-id", requestId);
    }

    static SimResponse failure(int status, String code, String message) {
        String requestId = Ids.uuid();
        ObjectNode body = Json.object();
        body.put("requestId", requestId);
        body.put("code", code);
        body.put("message", message);
        return SimResponse.json(status, body).withHeader("x-bce-request-id", requestId);
    }

    static SimError error(int status, String code, String message) {
        return new SimError(failure(status, code, message));
    }

    @Override
    public SimResponse routeNotFound(SimRequest request) {
        return failure(404, "NotFound", "no such API: " + request.method() + " " + request.path());
    }

    @Override
    public SimResponse methodNotAllowed(SimRequest request) {
        return failure(405, "MethodNotAllowed", request.method() + " is not allowed on " + request.path());
    }

    @Override
    public SimResponse invalidBody(SimRequest request, InvalidBody problem) {
        return problem.malformed()
                ? failure(400, "MalformedJSON", problem.getMessage())
                : failure(400, "InappropriateJSON", problem.getMessage());
    }

    @Override
    public SimResponse injected(int status, String message) {
        String code;
        if (status == 429) {
            code = "RequestLimitExceeded";
        } else if (status == 503) {
            code = "ServiceUnavailable";
        } else if (status >= 500) {
            code = "InternalError";
        } else if (status == 403) {
            code = "AccessDenied";
        } else {
            code = "InvalidHTTPRequest";
        }
        return failure(status, code, message);
    }

    @Override
    public SimResponse internalError(String message) {
        return failure(500, "InternalError", message);
    }
}
