package io.modeldeploy.operator.render;

import io.modeldeploy.operator.config.OperatorConfig;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who a deployment's NetworkPolicy admits besides the deployment's own namespace and pods (see
 * {@link OperatorConfig.NetworkPolicy}).
 *
 * @param operator where the operator runs; empty when unknown (run outside the cluster): not admitted
 * @param gateway  where the gateway runs; empty when neither it nor the operator's namespace is known
 */
public record NetworkPolicySettings(boolean enabled, Optional<Peer> operator, Optional<Peer> gateway) {

    /** Pods matching {@code podLabels} (every pod when empty) in namespace {@code namespace}. */
    public record Peer(String namespace, Map<String, String> podLabels) {
        public Peer {
            podLabels = Map.copyOf(podLabels);
        }
    }

    /** On, admitting neither operator nor gateway: what a run outside the cluster knows. */
    public static final NetworkPolicySettings LOCAL = new NetworkPolicySettings(true, Optional.empty(), Optional.empty());

    public static NetworkPolicySettings from(OperatorConfig.NetworkPolicy config) {
        Optional<String> operatorNamespace = nonBlank(config.operatorNamespace());
        Optional<Peer> operator = operatorNamespace
                .map(ns -> new Peer(ns, labels(config.operatorPodSelector())));
        Optional<Peer> gateway = nonBlank(config.gatewayNamespace()).or(() -> operatorNamespace)
                .map(ns -> new Peer(ns, labels(config.gatewayPodSelector())));
        return new NetworkPolicySettings(config.enabled(), operator, gateway);
    }

    /** {@code a=b,c=d} as labels; blank pairs are skipped. */
    static Map<String, String> labels(Optional<String> selector) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : selector.orElse("").split(",")) {
            String p = pair.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("modeldeploy.network-policy pod selector: '" + p
                        + "' is not key=value");
            }
            out.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
        }
        return out;
    }

    private static Optional<String> nonBlank(Optional<String> value) {
        return value.map(String::trim).filter(v -> !v.isEmpty());
    }
}
