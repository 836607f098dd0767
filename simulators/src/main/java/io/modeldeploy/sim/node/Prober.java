package io.modeldeploy.sim.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a container's probe for real against the pod's address: an HTTP GET to the engine simulator
 * (success is 200-399, as the kubelet counts it) or a TCP connect. Exec probes cannot run here since no
 * container process exists; they count as passing, which the README states.
 */
final class Prober {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    CompletableFuture<Boolean> probe(Probe probe, Container container, String podIp) {
        if (probe.getHttpGet() != null) {
            return httpGet(probe.getHttpGet(), container, podIp);
        }
        if (probe.getTcpSocket() != null) {
            int port = resolvePort(probe.getTcpSocket().getPort(), container);
            String host = probe.getTcpSocket().getHost() == null ? podIp : probe.getTcpSocket().getHost();
            return CompletableFuture.supplyAsync(() -> tcpConnect(host, port));
        }
        return CompletableFuture.completedFuture(true);
    }

    private CompletableFuture<Boolean> httpGet(HTTPGetAction action, Container container, String podIp) {
        String host = action.getHost() == null || action.getHost().isBlank() ? podIp : action.getHost();
        String scheme = action.getScheme() == null ? "http" : action.getScheme().toLowerCase();
        String path = action.getPath() == null ? "/" : action.getPath();
        URI uri = URI.create(scheme + "://" + host + ":" + resolvePort(action.getPort(), container) + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        if (action.getHttpHeaders() != null) {
            action.getHttpHeaders().forEach(h -> request.header(h.getName(), h.getValue()));
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .thenApply(r -> r.statusCode() >= 200 && r.statusCode() < 400)
                .exceptionally(e -> false);
    }

    private static boolean tcpConnect(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), (int) TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A probe port is a number or the name of one of the container's ports. */
    static int resolvePort(IntOrString port, Container container) {
        if (port == null) {
            throw new IllegalArgumentException("probe without a port");
        }
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        String name = port.getStrVal();
        if (container.getPorts() != null) {
            for (ContainerPort p : container.getPorts()) {
                if (name.equals(p.getName())) {
                    return p.getContainerPort();
                }
            }
        }
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("probe port '" + name + "' names no port of container " + container.getName());
        }
    }
}
