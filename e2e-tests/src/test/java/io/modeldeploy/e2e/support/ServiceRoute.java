package io.modeldeploy.e2e.support;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What kube-proxy would do for a URL of the form {@code http://<service>.<namespace>.svc:<port>/v1}, done by
 * hand because this harness has no kube-proxy: find the Service the host names, pick the Service port the URL
 * names, select the pods its selector matches, keep the Ready ones, and resolve the target port (a number or a
 * container port's name) on each. The API server's endpoints controller cannot stand in: it refuses the
 * simulated pods' loopback IPs.
 */
public final class ServiceRoute {
    private final Service service;
    private final List<Backend> backends;
    private final String path;

    /** One pod behind the Service, at the address a proxied connection would reach. */
    public record Backend(String pod, String ip, int port) {
        public EngineClient client(String apiKey) {
            return EngineClient.at(ip, port, apiKey);
        }
    }

    private ServiceRoute(Service service, List<Backend> backends, String path) {
        this.service = service;
        this.backends = backends;
        this.path = path;
    }

    public static ServiceRoute resolve(KubernetesClient client, String url) {
        URI uri = URI.create(url);
        String[] host = uri.getHost().split("\\.");
        if (host.length != 3 || !"svc".equals(host[2])) {
            throw new AssertionError("not a <service>.<namespace>.svc URL: " + url);
        }
        Service service = client.services().inNamespace(host[1]).withName(host[0]).get();
        if (service == null) {
            throw new AssertionError("no Service " + host[1] + "/" + host[0] + " for " + url);
        }
        ServicePort port = service.getSpec().getPorts().stream().filter(p -> p.getPort() == uri.getPort()).findFirst()
                .orElseThrow(() -> new AssertionError("Service " + host[0] + " has no port " + uri.getPort()));
        Map<String, String> selector = service.getSpec().getSelector();
        if (selector == null || selector.isEmpty()) {
            throw new AssertionError("Service " + host[0] + " selects nothing");
        }
        List<Backend> backends = client.pods().inNamespace(host[1]).withLabels(selector).list().getItems().stream()
                .filter(ServiceRoute::ready)
                .map(pod -> new Backend(pod.getMetadata().getName(), pod.getStatus().getPodIP(),
                        targetPort(pod, port.getTargetPort())))
                .toList();
        return new ServiceRoute(service, backends, uri.getPath());
    }

    public Service service() {
        return service;
    }

    public List<Backend> backends() {
        return backends;
    }

    /** The path the URL carries in front of the API's own paths ({@code /v1}). */
    public String path() {
        return path;
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getPodIP() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static int targetPort(Pod pod, IntOrString target) {
        if (target.getIntVal() != null) {
            return target.getIntVal();
        }
        return pod.getSpec().getContainers().stream()
                .map(Container::getPorts).filter(java.util.Objects::nonNull).flatMap(List::stream)
                .filter(p -> target.getStrVal().equals(p.getName())).map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError("pod " + pod.getMetadata().getName()
                        + " has no container port named " + target.getStrVal()));
    }
}
