package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.modeldeploy.operator.api.v1alpha1.Backend;
import io.modeldeploy.operator.api.v1alpha1.Mode;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentSpec;
import io.modeldeploy.operator.api.v1alpha1.Provider;

import java.util.List;
import java.util.Optional;

/** The defaults api.md gives to a ModelDeployment's optional fields, in one place. */
public final class ModelDeployments {
    public static final int SERVICE_PORT = 8000;

    private ModelDeployments() {
    }

    public static String modelUri(ModelDeployment md) {
        String uri = md.getSpec().getModel().getUri();
        return uri == null || uri.isBlank() ? "hf://" + md.getSpec().getModel().getId() : uri;
    }

    public static List<String> servedNames(ModelDeployment md) {
        List<String> names = md.getSpec().getModel().getServedNames();
        return names == null || names.isEmpty() ? List.of(md.getMetadata().getName()) : List.copyOf(names);
    }

    public static int desiredReplicas(ModelDeployment md) {
        ModelDeploymentSpec spec = md.getSpec();
        if (Boolean.TRUE.equals(spec.getStopped())) {
            return 0;
        }
        return spec.getReplicas() == null ? 1 : spec.getReplicas();
    }

    public static boolean stopped(ModelDeployment md) {
        return Boolean.TRUE.equals(md.getSpec().getStopped());
    }

    public static Provider provider(ModelDeployment md) {
        return md.getSpec().getTarget() == null || md.getSpec().getTarget().getProvider() == null
                ? Provider.InCluster : md.getSpec().getTarget().getProvider();
    }

    /** The mode block that is set; validation guarantees exactly one for a valid spec. */
    public static Optional<Mode> mode(ModelDeployment md) {
        ModelDeploymentSpec spec = md.getSpec();
        if (spec.getQuickStart() != null) {
            return Optional.of(Mode.QuickStart);
        }
        if (spec.getExpert() != null) {
            return Optional.of(Mode.Expert);
        }
        if (spec.getLora() != null) {
            return Optional.of(Mode.LoRA);
        }
        return Optional.empty();
    }

    public static String apiKeySecretName(ModelDeployment md) {
        var ref = md.getSpec().getApiKey() == null ? null : md.getSpec().getApiKey().getSecretRef();
        return ref == null ? md.getMetadata().getName() + "-api-key" : ref.getName();
    }

    public static String apiKeySecretKey(ModelDeployment md) {
        var ref = md.getSpec().getApiKey() == null ? null : md.getSpec().getApiKey().getSecretRef();
        return ref == null || ref.getKey() == null ? "apiKey" : ref.getKey();
    }

    public static boolean operatorOwnsApiKey(ModelDeployment md) {
        return md.getSpec().getApiKey() == null || md.getSpec().getApiKey().getSecretRef() == null;
    }

    public static String serviceUrl(ModelDeployment md) {
        var exposure = md.getSpec().getExposure();
        if (exposure != null && exposure.getIngress() != null) {
            var ingress = exposure.getIngress();
            String scheme = ingress.getTlsSecretName() == null ? "http" : "https";
            return scheme + "://" + ingress.getHost() + "/v1";
        }
        return "http://" + md.getMetadata().getName() + "." + md.getMetadata().getNamespace() + ".svc:" + SERVICE_PORT + "/v1";
    }

    /**
     * Whether this deployment's engines run with LoRA enabled: it lists adapters, or an empty list that
     * prepares it as the base of LoRA services. Lora-mode deployments run no engine of their own.
     */
    public static boolean loraEnabled(ModelDeployment md) {
        return md.getSpec().getAdapters() != null && md.getSpec().getLora() == null;
    }

    /** The adapters in spec order; empty when there are none. */
    public static List<AdapterLocation> adapters(ModelDeployment md) {
        return md.getSpec().getAdapters() == null ? List.of()
                : md.getSpec().getAdapters().stream().map(AdapterLocation::of).toList();
    }

    /** The engine behind the serving container: the quickStart backend, or what an expert template runs. */
    public static Backend backend(ModelDeployment md, Container serving) {
        return md.getSpec().getQuickStart() != null ? md.getSpec().getQuickStart().getBackend()
                : ExpertPodRenderer.backendOf(serving);
    }
}
