package io.modeldeploy.gateway.proxy;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.net.URI;

/** Where one attempt goes: an engine pod, or a vendor's service URL, with the header the key travels in. */
public record Upstream(String host, int port, boolean ssl, String uri, String authHeader, String authValue,
                       String instanceKey) {

    /** An in-cluster engine: OpenAI's paths under {@code /v1}, the deployment's key as a bearer token. */
    public static Upstream engine(String host, int port, String path, String key, String instanceKey) {
        return new Upstream(host, port, false, path, "Authorization", "Bearer " + key, instanceKey);
    }

    /** A vendor service: its base URL (OpenAI's {@code /v1} included) plus the operation's path. */
    public static Upstream vendor(String serviceUrl, String operation, String header, String value, String instanceKey) {
        URI base = URI.create(serviceUrl.endsWith("/") ? serviceUrl.substring(0, serviceUrl.length() - 1) : serviceUrl);
        boolean ssl = "https".equalsIgnoreCase(base.getScheme());
        int port = base.getPort() > 0 ? base.getPort() : ssl ? 443 : 80;
        String path = (base.getRawPath() == null ? "" : base.getRawPath()) + operation;
        return new Upstream(base.getHost(), port, ssl, path, header, value, instanceKey);
    }

    RequestOptions options(long connectTimeoutMs) {
        return new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port).setSsl(ssl).setURI(uri)
                .setConnectTimeout(connectTimeoutMs).putHeader(authHeader, authValue)
                .putHeader("Content-Type", "application/json");
    }

    @Override
    public String toString() {
        return "Upstream[" + host + ":" + port + uri + "]";
    }
}
