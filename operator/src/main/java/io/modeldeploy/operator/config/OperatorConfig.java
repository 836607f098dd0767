package io.modeldeploy.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an installation tunes, in one place. Every key is settable by environment variable
 * (e.g. {@code MODELDEPLOY_IMAGES_MIRROR}); the Helm chart sets them from its values.
 * Watched namespaces are QOSDK's own setting: {@code QUARKUS_OPERATOR_SDK_NAMESPACES}.
 */
@ConfigMapping(prefix = "modeldeploy")
public interface OperatorConfig {

    Images images();

    Gpu gpu();

    Defaults defaults();

    Lora lora();

    Map<String, Vendor> vendors();

    Managed managed();

    LeaderElection leaderElection();

    Policy policy();

    @WithName("network-policy")
    NetworkPolicy networkPolicy();

    @WithName("pod-security")
    PodSecurity podSecurity();

    @WithName("multi-node")
    MultiNode multiNode();

    ReconcileMetrics metrics();

    /**
     * How long after a change of its pods or of its Deployment a deployment is reconciled: the changes within that
     * period (a new pod, the scheduler's verdict on it, the Deployment's status updates) cost one reconcile and at most
     * one status write. Zero reconciles at every change.
     */
    @WithName("batch-period")
    @WithDefault("1s")
    Duration batchPeriod();

    Gateway gateway();

    Autoscaling autoscaling();

    /**
     * The operator's scaler for deployments with spec.autoscaling (README "Autoscaling"). It runs, and polls the
     * gateway, only while at least one such deployment exists.
     */
    interface Autoscaling {
        /**
         * The gateway replicas' management base URLs, comma-separated (e.g. {@code http://127.0.0.1:19091}); a host
         * name with several addresses (the chart's headless Service {@code modeldeploy-gateway-management}) is one
         * replica per address. Unset: the engines' queues are the only load signal, and nothing can wake a
         * deployment at zero.
         */
        Optional<List<String>> gatewayUrls();

        /** How often every autoscaled deployment is sampled and decided. */
        @WithDefault("1s")
        Duration interval();

        /** How long a gateway replica may hold a load poll open when nothing new happens (the contract's waitMs, at most 5 s). */
        @WithDefault("1s")
        Duration gatewayWait();

        /** How long an engine's /metrics may take before its instance counts as not answering for that round. */
        @WithDefault("2s")
        Duration engineTimeout();
    }

    /** The gateway (modeldeploy-gateway), which reads each deployment's key from its own namespace only. */
    interface Gateway {
        /**
         * The gateway's namespace: the operator publishes every deployment's key there (one Secret per key Secret,
         * labelled {@code modeldeploy.io/gateway-key}). Unset: no gateway, nothing is published.
         */
        Optional<String> namespace();
    }

    interface Images {
        /**
         * Engine image repository per backend ({@code vllm}, {@code sglang}), e.g.
         * {@code MODELDEPLOY_IMAGES_REPOSITORY_VLLM}; a backend not listed uses its engine's public image.
         * The tag is {@code v<backendVersion>}.
         */
        Map<String, String> repository();

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

        /**
         * Which modules adapters may target, for engines that fix them at start ({@code --lora-target-modules}),
         * so that later adapters of any shape fit.
         */
        @WithName("sglang-target-modules")
        @WithDefault("all")
        String targetModules();

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
     * What a tenant's expert template may ask for beyond a plain pod (shared/design/tenancy.md). Every item is
     * refused by default: the operator creates pods with its own rights, not the author's.
     */
    interface Policy {
        /** {@code privileged} and {@code allowPrivilegeEscalation} containers. */
        @WithDefault("false")
        boolean allowPrivileged();

        /** Capabilities added beyond the container runtime's default. */
        @WithDefault("false")
        boolean allowCapabilities();

        /** {@code hostNetwork}, {@code hostPID}, {@code hostIPC}. */
        @WithDefault("false")
        boolean allowHostNamespaces();

        /** {@code hostPath} volumes. */
        @WithDefault("false")
        boolean allowHostPath();

        /** Container ports bound on the node. */
        @WithDefault("false")
        boolean allowHostPorts();

        /** A {@code serviceAccountName} other than {@code default}, and {@code automountServiceAccountToken: true}. */
        @WithDefault("false")
        boolean allowServiceAccounts();

        /** Most instances one deployment may ask for (spec.replicas); the CRD schema's own ceiling is 1000. */
        @WithDefault("100")
        int maxReplicas();

        /** Most nodes one multi-node instance may span (quickStart.resources.workers); the schema's ceiling is 64. */
        @WithDefault("16")
        int maxWorkers();

        /** Most GPUs one node of an instance may ask for (quickStart.resources.gpu.count); the schema's ceiling is 64. */
        @WithDefault("16")
        int maxGpus();
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
     * Installation-wide settings per managed provider, keyed by the provider's configuration key
     * ({@code MODELDEPLOY_VENDORS_<KEY>_ENDPOINT}): private platforms (every ZStack, a d.run workspace, a
     * regional Alaya NeW) need their own default endpoint. A ModelDeployment's spec.target.endpoint wins.
     */
    interface Vendor {
        Optional<String> endpoint();

        /**
         * Prefixes a ModelDeployment's spec.target.endpoint must fall under (comma-separated in the env), compared
         * by scheme, host, port and whole path segments; {@code :*} as the port allows any port (a development
         * setting, e.g. {@code http://127.0.0.1:*} for local simulators). Unset: the vendor's public HTTPS endpoint.
         * {@link #endpoint()} is always allowed.
         */
        Optional<List<String>> allowedEndpoints();
    }

    /** How the operator paces its calls to managed platforms, whatever the vendor. */
    interface Managed {
        /**
         * How long a deployment whose vendor credentials are missing, refused or not allowed waits before it is tried
         * again: they are the user's to fix, so the vendor is not asked in a loop (the Secret is not watched: a fixed
         * one is used at the next try, or at once when the deployment changes).
         */
        @WithDefault("5m")
        Duration credentialsRecheck();
    }

    /**
     * One NetworkPolicy per in-cluster deployment (shared/design/tenancy.md): the serving port is open to the
     * deployment's namespace, the gateway and the operator; every other port (Ray, SGLang's rendezvous, the
     * adapter-sync sidecar) only to the deployment's own pods, and the sidecar's to the operator. Enforcement
     * is the cluster's network plugin's.
     */
    interface NetworkPolicy {
        /** Off: no policies, and those the operator made before are removed. */
        @WithDefault("true")
        boolean enabled();

        /** The operator's namespace (the chart sets its release namespace). Unset: the operator is not admitted. */
        Optional<String> operatorNamespace();

        /** Labels of the operator's pods, {@code key=value,...} (the chart sets its selector labels). Unset: any pod of that namespace. */
        Optional<String> operatorPodSelector();

        /** Where the gateway runs. Unset: the operator's namespace. */
        Optional<String> gatewayNamespace();

        /** Labels of the gateway's pods, {@code key=value,...}. Unset: any pod of the gateway's namespace. */
        Optional<String> gatewayPodSelector();
    }

    /** The security profile of the pods the operator renders for quickStart deployments. */
    interface PodSecurity {
        /**
         * {@code baseline} (Pod Security Standards baseline: what the public engine images need) or
         * {@code restricted} (non-root user, fsGroup, writable paths on volumes).
         */
        @WithDefault("baseline")
        String profile();
    }

    /** Multi-node instances ({@code workers > 1}): the operator then creates and deletes pods itself. */
    interface MultiNode {
        /** Off: the chart grants no pod create/delete, and {@code workers > 1} is refused. */
        @WithDefault("true")
        boolean enabled();
    }

    /** The reconcile metrics JOSDK records on {@code /q/metrics} ({@link ReconcileMetricsProducer}). */
    interface ReconcileMetrics {
        /**
         * A series per ModelDeployment (name and namespace labels on every reconcile counter): handy to follow one
         * deployment, but the series grow with the number of deployments and stay until each is deleted. Off: the
         * counters are per controller only.
         */
        @WithDefault("false")
        boolean perResource();
    }
}
