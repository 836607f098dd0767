package io.modeldeploy.operator.deployment;

import io.modeldeploy.operator.api.v1alpha1.Backend;
import io.modeldeploy.operator.api.v1alpha1.Mode;
import io.modeldeploy.operator.api.v1alpha1.Provider;

import java.util.List;
import java.util.Optional;

/**
 * One ModelDeployment, parsed once per reconcile with every default of api.md applied: what the
 * renderers, the status, the providers and the adapter and group logic read instead of the raw spec.
 * Only a valid spec resolves (see {@code validate.DeploymentResolver}), so nothing downstream checks again.
 *
 * @param adapters    spec.adapters in spec order, located
 * @param loraEnabled the engines run with LoRA enabled: spec.adapters is set (an empty list prepares a base
 *                    for LoRA services); never for a LoRA service, which runs no engine
 * @param replicas    spec.replicas (1 when not given), whether stopped or not
 * @param specDigest  on a managed platform, a digest of everything in the spec but replicas, stopped, the
 *                    deletion policy and autoscaling: what the platform cannot change after creation; empty in
 *                    this cluster
 * @param autoscaling spec.autoscaling: the operator's scaler decides the instance count, spec.replicas is ignored
 * @param scale       with autoscaling, the scaler's decision once the reconcile applied it ({@link #scaledBy});
 *                    empty as resolved from the spec
 */
public record ResolvedDeployment(DeploymentRef ref, Mode mode, Placement placement, ResolvedModel model,
                                 Workload workload, List<AdapterLocation> adapters, boolean loraEnabled, int replicas,
                                 boolean stopped, ApiKeySource apiKey, Optional<IngressSpec> ingress,
                                 Optional<String> specDigest, Optional<AutoscalePolicy> autoscaling,
                                 Optional<ScaleDecision> scale) {
    /** The port of the client Service, whatever port the engine listens on. */
    public static final int SERVICE_PORT = 8000;

    public ResolvedDeployment {
        adapters = List.copyOf(adapters);
    }

    public String name() {
        return ref.name();
    }

    public String namespace() {
        return ref.namespace();
    }

    public Provider provider() {
        return placement.provider();
    }

    public boolean inCluster() {
        return placement instanceof Placement.InCluster;
    }

    /**
     * The same deployment with the scaler's count in place of spec.replicas: what every renderer, the status and a
     * managed platform's scale call then read.
     */
    public ResolvedDeployment scaledBy(ScaleDecision decision) {
        if (autoscaling.isEmpty()) {
            throw new IllegalStateException(name() + " has no spec.autoscaling");
        }
        return new ResolvedDeployment(ref, mode, placement, model, workload, adapters, loraEnabled,
                decision.desiredReplicas(), stopped, apiKey, ingress, specDigest, autoscaling, Optional.of(decision));
    }

    /** Instances that should run: 0 when stopped. */
    public int desiredReplicas() {
        return stopped ? 0 : replicas;
    }

    public Optional<Backend> backend() {
        return workload.backend();
    }

    public Optional<Workload.QuickStart> quickStart() {
        return workload instanceof Workload.QuickStart qs ? Optional.of(qs) : Optional.empty();
    }

    public Optional<Workload.Expert> expert() {
        return workload instanceof Workload.Expert expert ? Optional.of(expert) : Optional.empty();
    }

    public Optional<Workload.LoraService> loraService() {
        return workload instanceof Workload.LoraService lora ? Optional.of(lora) : Optional.empty();
    }

    /** Nodes per instance: 1 but for multi-node quickStart instances. */
    public int workers() {
        return quickStart().map(qs -> qs.resources().workers()).orElse(1);
    }

    public boolean multiNode() {
        return workers() > 1;
    }

    /** The port the serving container listens on, for deployments that run an engine. */
    public int enginePort() {
        if (workload instanceof Workload.QuickStart qs) {
            return qs.port();
        }
        if (workload instanceof Workload.Expert expert) {
            return expert.port();
        }
        throw new IllegalStateException("a LoRA service runs no engine");
    }

    public List<String> adapterNames() {
        return adapters.stream().map(AdapterLocation::name).toList();
    }

    /** Where clients call: the Ingress host when there is one, else the Service's cluster DNS name. */
    public String serviceUrl() {
        return ingress.map(i -> (i.tlsSecretName().isPresent() ? "https" : "http") + "://" + i.host() + "/v1")
                .orElse("http://" + name() + "." + namespace() + ".svc:" + SERVICE_PORT + "/v1");
    }

    /** The GPU column: per node, and the node count of multi-node instances; null outside quickStart. */
    public String gpuSummary() {
        return quickStart().map(qs -> qs.resources().gpuSummary()).orElse(null);
    }
}
