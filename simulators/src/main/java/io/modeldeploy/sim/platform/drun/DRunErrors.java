package io.modeldeploy.sim.platform.drun;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.sim.platform.http.ErrorShape;
import io.modeldeploy.sim.platform.http.InvalidBody;
import io.modeldeploy.sim.platform.http.Json;
import io.modeldeploy.sim.platform.http.SimError;
import io.modeldeploy.sim.platform.http.SimRequest;
import io.modeldeploy.sim.platform.http.SimResponse;

/**
 * Hydra's error body, {@code rpcStatus {id, message}} (vendors.md §4; the Swagger describes {@code id} as "the
 * error id, for telling error types apart" without listing values). The simulator uses gRPC code names as ids and
 * grpc-gateway's HTTP statuses for them, e.g. {@code UNAUTHENTICATED} 401, {@code NOT_FOUND} 404,
 * {@code INVALID_ARGUMENT} and {@code FAILED_PRECONDITION} 400, {@code ALREADY_EXISTS} 409,
 * {@code RESOURCE_EXHAUSTED} 429.
 */
final class DRunErrors implements ErrorShape {

    static SimResponse failure(int status, String id, String message) {
        ObjectNode body = Json.object();
        body.put("id", id);
        body.put("message", message);
        return SimResponse.json(status, body);
    }

    static SimError error(int status, String id, String message) {
        return new SimError(failure(status, id, message));
    }

    static SimError invalid(String message) {
        return error(400, "INVALID_ARGUMENT", message);
    }

    static SimError precondition(String message) {
        return error(400, "FAILED_PRECONDITION", message);
    }

    static SimError notFound(String id) {
        return error(404, "NOT_FOUND", "model serving " + id + " not found");
    }

    @Override
    public SimResponse routeNotFound(SimRequest request) {
        return failure(404, "NOT_FOUND", "Not Found");
    }

    @Override
    public SimResponse methodNotAllowed(SimRequest request) {
        return failure(405, "UNIMPLEMENTED", "Method Not Allowed");
    }

    @Override
    public SimResponse invalidBody(SimRequest request, InvalidBody problem) {
        return failure(400, "INVALID_ARGUMENT", problem.getMessage());
    }

    @Override
    public SimResponse injected(int status, String message) {
        String id = switch (status) {
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            default -> status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT";
        };
        return failure(status, id, message);
    }

    @Override
    public SimResponse internalError(String message) {
        return failure(500, "INTERNAL", message);
    }
}
