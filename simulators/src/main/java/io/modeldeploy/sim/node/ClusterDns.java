package io.modeldeploy.sim.node;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.modeldeploy.sim.group.Resolver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * SIMULATED cluster DNS for the pods of the simulated nodes, answering by CoreDNS's rules for headless
 * Services (the records the endpoints controller and CoreDNS's kubernetes plugin would serve), from the
 * API server's view of pods and Services:
 * <ul>
 *   <li>{@code <hostname>.<subdomain>.<ns>.svc[.cluster.local]} is the IP of the pod in {@code <ns>} whose
 *       {@code spec.hostname} and {@code spec.subdomain} match, when a Service named {@code <subdomain>} exists in
 *       {@code <ns>} with {@code clusterIP: None} and a selector matching the pod's labels;</li>
 *   <li>{@code <service>.<ns>.svc[.cluster.local]} of such a headless Service is the IP of one of its pods;</li>
 *   <li>only pods with an IP, not Succeeded or Failed; a pod that is not Ready (or is terminating) only
 *       when the Service has {@code publishNotReadyAddresses: true};</li>
 *   <li>an IP literal is itself. Anything else (short names, ClusterIP Services, external names) does not
 *       resolve: the simulated pods only need the fully qualified names the operator renders.</li>
 * </ul>
 */
final class ClusterDns implements Resolver {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final String CLUSTER_DOMAIN = ".cluster.local";

    private final Supplier<? extends Collection<Pod>> pods;
    private final BiFunction<String, String, Service> services;

    /**
     * @param pods     every pod the API server knows (an informer's store)
     * @param services a Service by namespace and name, or null
     */
    ClusterDns(Supplier<? extends Collection<Pod>> pods, BiFunction<String, String, Service> services) {
        this.pods = pods;
        this.services = services;
    }

    @Override
    public Optional<InetAddress> resolve(String host) {
        return resolveIp(host).map(ClusterDns::literal);
    }

    /** The IP the name resolves to now, as text. */
    Optional<String> resolveIp(String host) {
        if (host == null || host.isBlank()) {
            return Optional.empty();
        }
        String name = host.trim().toLowerCase(java.util.Locale.ROOT);
        if (IPV4.matcher(name).matches() || name.contains(":")) {
            return Optional.of(name);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.endsWith(CLUSTER_DOMAIN)) {
            name = name.substring(0, name.length() - CLUSTER_DOMAIN.length());
        }
        if (!name.endsWith(".svc")) {
            return Optional.empty();
        }
        String[] labels = name.substring(0, name.length() - ".svc".length()).split("\\.");
        if (labels.length == 3) {
            return podRecord(labels[0], labels[1], labels[2]);
        }
        if (labels.length == 2) {
            return serviceRecord(labels[0], labels[1]);
        }
        return Optional.empty();
    }

    private Optional<String> podRecord(String hostname, String subdomain, String namespace) {
        Service service = headless(namespace, subdomain);
        if (service == null) {
            return Optional.empty();
        }
        return pods.get().stream()
                .filter(p -> hostname.equals(p.getSpec().getHostname()) && subdomain.equals(p.getSpec().getSubdomain()))
                .filter(p -> isEndpoint(p, service))
                .map(p -> p.getStatus().getPodIP())
                .findFirst();
    }

    private Optional<String> serviceRecord(String serviceName, String namespace) {
        Service service = headless(namespace, serviceName);
        if (service == null) {
            return Optional.empty();
        }
        return pods.get().stream().filter(p -> isEndpoint(p, service)).map(p -> p.getStatus().getPodIP()).sorted().findFirst();
    }

    /** A Service that makes per-pod records: headless, with a selector (without one nobody writes its endpoints). */
    private Service headless(String namespace, String name) {
        Service service = services.apply(namespace, name);
        if (service == null || service.getSpec() == null || !"None".equals(service.getSpec().getClusterIP())) {
            return null;
        }
        Map<String, String> selector = service.getSpec().getSelector();
        return selector == null || selector.isEmpty() ? null : service;
    }

    /** Whether the endpoints controller would list the pod as an address of the Service. */
    private static boolean isEndpoint(Pod pod, Service service) {
        String namespace = service.getMetadata().getNamespace();
        if (!Objects.equals(namespace, pod.getMetadata().getNamespace()) || pod.getStatus() == null
                || pod.getStatus().getPodIP() == null || pod.getStatus().getPodIP().isEmpty()) {
            return false;
        }
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        if (!service.getSpec().getSelector().entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return false;
        }
        String phase = pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return false;
        }
        boolean publishNotReady = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
        if (publishNotReady) {
            return true;
        }
        return pod.getMetadata().getDeletionTimestamp() == null && isReady(pod);
    }

    private static boolean isReady(Pod pod) {
        return pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip); // an IP literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + ip, e);
        }
    }
}
