package io.modeldeploy.e2e.bench;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server's own count of the requests it served ({@code apiserver_request_total} on {@code /metrics}), by verb,
 * resource, subresource and content type. It does not say which client sent a request; but the API server's own loops,
 * the controllers and the scheduler talk protobuf, while Fabric8 clients (the operator, the benchmark, the node
 * simulator) talk JSON. So the operator's requests are the JSON requests on {@link #OPERATOR_RESOURCES}, less the
 * benchmark's own creates.
 */
final class ApiServerRequests {
    /** What the operator reads and writes for an in-cluster deployment. */
    static final Set<String> OPERATOR_RESOURCES = Set.of("modeldeployments", "secrets", "services", "configmaps",
            "networkpolicies", "deployments", "ingresses", "events");
    private static final Pattern LINE = Pattern.compile("^apiserver_request_total\\{([^}]*)} ([0-9.e+E-]+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    record Key(String verb, String resource, String subresource, String contentType) {
        boolean read() {
            return verb.equals("GET") || verb.equals("LIST");
        }

        boolean write() {
            return Set.of("POST", "PUT", "PATCH", "DELETE", "APPLY", "DELETECOLLECTION").contains(verb);
        }

        /** A request the operator may have made (see {@link #OPERATOR_RESOURCES}); watches are not per deployment. */
        boolean operators() {
            return contentType.equals("application/json") && OPERATOR_RESOURCES.contains(resource)
                    && !verb.startsWith("WATCH");
        }

        /**
         * A request of the cluster's own controllers, scheduler or API server loops (they talk protobuf): for a
         * burst, the Deployments' ReplicaSets, pods, scheduling and their Events.
         */
        boolean controlPlanes() {
            return contentType.contains("protobuf") && !verb.startsWith("WATCH");
        }
    }

    record Snapshot(Map<Key, Double> counts) {
        Snapshot minus(Snapshot earlier) {
            Map<Key, Double> out = new HashMap<>(counts);
            earlier.counts.forEach((k, v) -> out.merge(k, -v, Double::sum));
            return new Snapshot(out);
        }

        long count(Predicate<Key> which) {
            return Math.round(counts.entrySet().stream().filter(e -> which.test(e.getKey()))
                    .mapToDouble(Map.Entry::getValue).sum());
        }
    }

    private final KubernetesClient client;

    ApiServerRequests(KubernetesClient client) {
        this.client = client;
    }

    Snapshot now() {
        Map<Key, Double> counts = new HashMap<>();
        for (String line : client.raw("/metrics").split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            Matcher l = LABEL.matcher(m.group(1));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
            Key key = new Key(labels.getOrDefault("verb", ""), labels.getOrDefault("resource", ""),
                    labels.getOrDefault("subresource", ""), labels.getOrDefault("contentType", ""));
            counts.merge(key, Double.parseDouble(m.group(2)), Double::sum);
        }
        return new Snapshot(counts);
    }
}
