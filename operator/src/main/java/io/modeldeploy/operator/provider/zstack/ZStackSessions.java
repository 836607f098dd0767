package io.modeldeploy.operator.provider.zstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.operator.provider.VendorCall;
import io.modeldeploy.operator.provider.VendorException;
import io.modeldeploy.operator.provider.VendorHttp;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ZStack login sessions, one per management node and account, shared by every ModelDeployment that uses them
 * (thread-safe). A session is used until ZStack says it is invalid ({@code ID.1001}); then the caller drops it and
 * the next use logs in again. The key includes the password's hash, so a changed Secret logs in anew. Session ids
 * are never logged or put into messages.
 */
final class ZStackSessions {
    private final VendorHttp http;
    private final ConcurrentHashMap<String, String> sessions = new ConcurrentHashMap<>();

    ZStackSessions(VendorHttp http) {
        this.http = http;
    }

    /** A valid-as-far-as-known session for the call's account, logging in when there is none. */
    String session(VendorCall call, URI apiBase) throws VendorException {
        String account = call.credentials().require("accountName");
        String hashedPassword = ZStackPasswords.sha512Hex(call.credentials().require("password"));
        String key = apiBase + "\n" + account + "\n" + hashedPassword;
        // What ZStack holds instead of the password, and the session, are as secret as the password.
        call.credentials().derived(hashedPassword);
        String cached = sessions.get(key);
        if (cached != null) {
            call.credentials().derived(cached);
            return cached;
        }
        // Two threads may both log in here; the later session wins and the other simply expires unused.
        String session = login(call, apiBase, account, hashedPassword);
        call.credentials().derived(session);
        sessions.put(key, session);
        return session;
    }

    /** Forgets this session (if still cached) after ZStack called it invalid. */
    void invalidate(VendorCall call, URI apiBase, String session) throws VendorException {
        String key = apiBase + "\n" + call.credentials().require("accountName") + "\n"
                + ZStackPasswords.sha512Hex(call.credentials().require("password"));
        sessions.remove(key, session);
    }

    private String login(VendorCall call, URI apiBase, String account, String hashedPassword) throws VendorException {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("logInByAccount").put("accountName", account).put("password", hashedPassword);
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiBase + "/accounts/login"))
                .timeout(VendorHttp.TIMEOUT)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(http.write(body)))
                .build();
        ZStackError error = new ZStackError();
        HttpResponse<String> response;
        try {
            response = ZStackApi.send(http, call, request, error);
            if (response.statusCode() == 404) {
                // The login is the first call of ZStack's API: a 404 means the endpoint is not that API.
                throw VendorHttp.notThisApi(request, "ZStack");
            }
        } catch (VendorException e) {
            throw refusedLogin(account, e);
        }
        JsonNode reply = http.parse(response);
        Optional<ZStackFailure> failure = ZStackFailure.inReply(reply);
        if (failure.isPresent()) {
            throw refusedLogin(account, failure.get().exception("PUT " + request.uri().getPath()));
        }
        String session = reply.path("inventory").path("uuid").asText("");
        if (response.statusCode() != 200 || session.isEmpty()) {
            throw VendorException.transientFailure("ZStack login answered " + response.statusCode()
                    + " without a session", null);
        }
        return session;
    }

    /** A login ZStack refused for the account (ID.1000 and the like) names the account; other failures stay as they are. */
    private static VendorException refusedLogin(String account, VendorException e) {
        return e.kind() == VendorException.Kind.CREDENTIALS
                ? VendorException.credentials("ZStack refused the login of account '" + account + "': " + e.getMessage())
                : e;
    }
}
