package io.modeldeploy.sim.platform.zstack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.sim.platform.http.ErrorShape;
import io.modeldeploy.sim.platform.http.InvalidBody;
import io.modeldeploy.sim.platform.http.Json;
import io.modeldeploy.sim.platform.http.SimError;
import io.modeldeploy.sim.platform.http.SimRequest;
import io.modeldeploy.sim.platform.http.SimResponse;

/**
 * ZStack's two error forms (vendors.md §2, ZStack's RestServer): requests the REST layer cannot take (no
 * {@code Authorization}, wrong body key, unknown path) get a plain-text body with 400/404/405; errors of an API
 * itself are {@code {"error":{code, description, details, elaboration, opaque, cause}}}, answered with 503 by a
 * sync API or by the poll of an async job. Codes are ZStack's: {@code ID.1000} authentication, {@code ID.1001}
 * invalid session, {@code SYS.1000} internal, {@code SYS.1003} not found, {@code SYS.1006} operation failed,
 * {@code SYS.1007} invalid argument.
 */
final class ZStackErrors implements ErrorShape {
    static final String AUTHENTICATION_ERROR = "ID.1000";
    static final String INVALID_SESSION = "ID.1001";
    static final String INTERNAL = "SYS.1000";
    static final String RESOURCE_NOT_FOUND = "SYS.1003";
    static final String OPERATION_ERROR = "SYS.1006";
    static final String INVALID_ARGUMENT = "SYS.1007";

    /** An API error: what a sync call answers with 503 and an async job reports when polled. */
    static final class ApiFailure extends RuntimeException {
        private final ObjectNode body;

        ApiFailure(String code, String description, String details) {
            super(code + ": " + details, null, false, false);
            this.body = ZStackErrors.body(code, description, details);
        }

        /** {@code {"error":{…}}}. */
        ObjectNode body() {
            return body.deepCopy();
        }
    }

    static ApiFailure invalidArgument(String details) {
        return new ApiFailure(INVALID_ARGUMENT, "One or more API argument is invalid", details);
    }

    static ApiFailure notFound(String details) {
        return new ApiFailure(RESOURCE_NOT_FOUND, "Unable to find resource", details);
    }

    /** A refusal of the REST layer itself: plain text, as RestServer sends it. */
    static SimError plain(int status, String message) {
        return new SimError(SimResponse.text(status, message));
    }

    /** The documented reply of a failed API (zstack-add-model-service.txt): 200, {@code success} false, the error. */
    static ObjectNode documentedFailure(ApiFailure failure) {
        return documentedFailure(failure.body());
    }

    /** @param errorBody {@code {"error":…}}, as RestServer would answer it with 503 */
    static ObjectNode documentedFailure(ObjectNode errorBody) {
        ObjectNode reply = Json.object();
        reply.put("success", false);
        reply.set("error", errorBody.get("error"));
        return reply;
    }

    static ObjectNode body(String code, String description, String details) {
        ObjectNode error = Json.object();
        error.put("code", code);
        error.put("description", description);
        error.put("details", details);
        error.putNull("elaboration");
        error.putNull("opaque");
        error.putNull("cause");
        ObjectNode body = Json.object();
        body.set("error", error);
        return body;
    }

    @Override
    public SimResponse routeNotFound(SimRequest request) {
        return SimResponse.text(404, "no api mapping to " + request.path());
    }

    @Override
    public SimResponse methodNotAllowed(SimRequest request) {
        return SimResponse.text(405, "The method[" + request.method() + "] is not allowed for the path["
                + request.path() + "]");
    }

    @Override
    public SimResponse invalidBody(SimRequest request, InvalidBody problem) {
        return SimResponse.text(400, problem.getMessage());
    }

    @Override
    public SimResponse injected(int status, String message) {
        return SimResponse.json(status, body(INTERNAL, "An internal error happened", message));
    }

    @Override
    public SimResponse internalError(String message) {
        return SimResponse.json(500, body(INTERNAL, "An internal error happened", message));
    }
}
