package io.modeldeploy.operator.provider.qianfan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.operator.provider.VendorCall;
import io.modeldeploy.operator.provider.VendorException;
import io.modeldeploy.operator.provider.VendorHttp;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One signed Action: {@code POST {api base}?Action=<Action>} (the base is {@code <host>/v2/service} by default) with a JSON body, signed with bce-auth-v1
 * over {@code host;x-bce-date} as Baidu's SDKs sign it. A signature or key the server refuses (400/403 with a
 * BCE signature code) becomes a credentials failure; every other failure is classified by {@link VendorHttp}.
 */
final class QianfanApi {
    static final String PATH = "/v2/service";
    /** The Qianfan SDK's default validity (IAMSignExpirationSeconds). */
    static final int SIGNATURE_EXPIRATION_SECONDS = 300;
    private static final Set<String> SIGNED = Set.of("host", "x-bce-date");

    private final VendorHttp http;
    private final Clock clock;

    QianfanApi(VendorHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /**
     * The {@code result} of a successful Action; empty when Qianfan says there is no such service (a 404, or an
     * error code that says so). The documented error shape {@code {requestId, code, message}} is an error whatever
     * the HTTP status it comes with.
     */
    Optional<JsonNode> action(VendorCall call, String action, ObjectNode body) throws VendorException {
        String accessKey = call.credentials().require("accessKey");
        String secretKey = call.credentials().require("secretKey");
        URI uri = actionUri(call.endpoint(), action);
        String path = uri.getRawPath();
        Instant now = clock.instant();
        String date = BceSigner.timestamp(now);
        String authorization = BceSigner.authorization(accessKey, secretKey, now, SIGNATURE_EXPIRATION_SECONDS,
                new BceSigner.Request("POST", path, List.of(new BceSigner.Param("Action", action)),
                        Map.of("host", hostHeader(uri), "x-bce-date", date), SIGNED, true));
        // The signature alone is as secret as the key for its validity: masked wherever a vendor echoes it.
        call.credentials().derived(authorization.substring(authorization.lastIndexOf('/') + 1));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(VendorHttp.TIMEOUT)
                .header("Content-Type", "application/json")
                .header("x-bce-date", date)
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(http.write(body)))
                .build();
        QianfanErrorCode error = new QianfanErrorCode();
        HttpResponse<String> response;
        try {
            response = http.send(call.credentials(), request, error::read);
        } catch (VendorException e) {
            if (error.isNotFound()) {
                return Optional.empty();
            }
            if (error.isCredentials() && e.kind() != VendorException.Kind.CREDENTIALS) {
                throw VendorException.credentials(e.getMessage());
            }
            throw e;
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        JsonNode answer = http.parse(response);
        if (QianfanErrorCode.isError(answer)) {
            return errorIn2xx(action, error, response.body());
        }
        return Optional.of(answer.path("result"));
    }

    /** The documented error shape arriving with a 2xx: classified as it would be with an error status. */
    private static Optional<JsonNode> errorIn2xx(String action, QianfanErrorCode error, String body) throws VendorException {
        String what = action + " answered " + error.read(body);
        if (error.isNotFound()) {
            return Optional.empty();
        }
        if (error.isCredentials()) {
            throw VendorException.credentials(what);
        }
        if (error.isTransient()) {
            throw VendorException.transientFailure(what, null);
        }
        throw VendorException.refused(what);
    }

    /** {@code POST <api base>?Action=<action>}: the API base is {@link #PATH} unless the endpoint names its own. */
    static URI actionUri(URI apiBase, String action) {
        return URI.create(apiBase + "?Action=" + action);
    }

    /**
     * The OpenAI-compatible base of protocol version 2 on the same host as the management API: documented as
     * {@code https://qianfan.baidubce.com/v2} for the public endpoint; for another host (a private deployment, the
     * simulator) the same path is inferred. DescribeService's {@code url} is the version-1 address of the service
     * (the example's {@code http://as***}), not this base.
     */
    static String inferenceBase(URI apiBase) {
        return apiBase.getScheme() + "://" + apiBase.getRawAuthority() + "/v2";
    }

    /**
     * The Host header exactly as the JDK client sends it (the port only when it is not the scheme's default),
     * since that is the value the server signs again.
     */
    static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equalsIgnoreCase(uri.getScheme()) ? port == 443 : port == 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }
}
