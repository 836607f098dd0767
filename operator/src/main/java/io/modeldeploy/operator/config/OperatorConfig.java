package io.modeldeploy.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Everything an installation tunes, in one place. Every key is settable by environment variable
 * (e.g. {@code MODELDEPLOY_IMAGES_VLLM_REPOSITORY}); the Helm chart sets them from its values.
 * Watched namespaces are QOSDK's own setting: {@code QUARKUS_OPERATOR_SDK_NAMESPACES}.
 */
@ConfigMapping(prefix = "modeldeploy")
public interface OperatorConfig {

    Images images();

    Gpu gpu();

    Defaults defaults();

    Lora lora();

    Vendors vendors();

    LeaderElection leaderElection();

    interface Images {
        /** vLLM image repository; the tag is {@code v<backendVersion>}. */
        @WithDefault("docker.io/vllm/vllm-openai")
        String vllmRepository();

        /** SGLang image repository; the tag is {@code v<backendVersion>}. */
        @WithDefault("docker.io/lmsysorg/sglang")
        String sglangRepository();

        /**
         * Registry mirror for air-gapped or regional clusters: replaces the registry host of every
         * engine image, e.g. {@code registry.example.cn/mirror} turns {@code docker.io/vllm/vllm-openai}
         * into {@code registry.example.cn/mirror/vllm/vllm-openai}.
         */
        Optional<String> mirror();

        @WithDefault("IfNotPresent")
        String pullPolicy();
    }

    interface Gpu {
        /** Extended resource GPUs are requested by. */
        @WithDefault("nvidia.com/gpu")
        String resourceName();

        /** Node label used for a GPU type that is not in the catalog. */
        @WithDefault("nvidia.com/gpu.product")
        String productLabel();

        /**
         * GPU catalog as JSON or YAML: type -> {nodeSelector, resourceName, tolerations}. Types not
         * listed select on {@link #productLabel()} = the type.
         */
        @WithDefault(GpuCatalog.DEFAULT_CATALOG)
        String catalog();
    }

    interface Defaults {
        /** CPU request and limit when quickStart.resources.cpu is not given. */
        @WithDefault("4")
        String cpu();

        /** Memory request and limit when quickStart.resources.memory is not given. */
        @WithDefault("16Gi")
        String memory();

        /** Size limit of the in-memory /dev/shm volume. */
        @WithDefault("8Gi")
        String shmSize();

        /** How long an engine may take to download and load its weights before Kubernetes restarts it. */
        @WithDefault("2h")
        Duration startupTimeout();
    }

    interface Lora {
        /**
         * Adapters one engine holds at once (vLLM {@code --max-loras}, SGLang {@code --max-loaded-loras}).
         * A deployment with more adapters gets the next multiple of this, which restarts its pods once;
         * below it, adding an adapter restarts nothing.
         */
        @WithDefault("4")
        int maxLoras();

        /** {@code --max-lora-rank}: the largest adapter rank that can be loaded later without a restart. */
        @WithDefault("64")
        int maxLoraRank();

        /** SGLang {@code --lora-target-modules}, set at start so later adapters of any shape fit. */
        @WithDefault("all")
        String sglangTargetModules();

        /** Port of the adapter-sync sidecar's status endpoint inside the pod. */
        @WithDefault("8001")
        int syncPort();

        /**
         * Image of the adapter-sync sidecar. Unset: the engine's own image, which already has Python and
         * huggingface_hub, so no extra image has to be pulled or mirrored.
         */
        Optional<String> syncImage();
    }

    /**
     * Only one replica may reconcile at a time. QOSDK has no setting that turns leader election on: it
     * uses a {@code LeaderElectionConfiguration} bean when there is one ({@link LeaderElectionProducer}).
     */
    interface LeaderElection {
        /** On when the operator runs with more than one replica (the Helm chart sets it then). */
        @WithDefault("false")
        boolean enabled();

        @WithDefault("modeldeploy-operator-lease")
        String leaseName();

        /** Namespace of the Lease. Unset: the namespace of the operator's own pod. */
        Optional<String> leaseNamespace();
    }

    /**
     * Default API endpoints per managed provider, for installations whose platforms are private (every
     * ZStack, a d.run workspace, a regional Alaya NeW). A ModelDeployment's spec.target.endpoint wins.
     */
    interface Vendors {
        Optional<String> alayaNewEndpoint();

        Optional<String> zstackEndpoint();

        Optional<String> qianfanEndpoint();

        Optional<String> dRunEndpoint();
    }
}
