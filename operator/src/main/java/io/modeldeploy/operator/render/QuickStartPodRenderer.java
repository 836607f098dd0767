package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.modeldeploy.operator.api.v1alpha1.Gpu;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.QuickStart;
import io.modeldeploy.operator.config.GpuCatalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The pod of a quickStart instance: one engine container with the operator's flags, GPUs, volumes and probes. */
public final class QuickStartPodRenderer {
    static final String CONTAINER = "engine";
    private static final int STARTUP_PERIOD_SECONDS = 10;

    private QuickStartPodRenderer() {
    }

    public static PodTemplateSpec render(ModelDeployment md, ApiKeyRef apiKey, RenderSettings settings) {
        return render(md, apiKey, settings, Optional.empty());
    }

    /** The pod of a single-node instance, or of one member of a multi-node group. */
    public static PodTemplateSpec render(ModelDeployment md, ApiKeyRef apiKey, RenderSettings settings,
                                         Optional<GroupMember> member) {
        QuickStart qs = md.getSpec().getQuickStart();
        EngineProfile engine = EngineProfile.of(qs.getBackend());
        ModelLocation model = ModelLocation.parse(ModelDeployments.modelUri(md));
        int gpus = gpuCount(qs);
        EngineArgs args = engine.operatorArgs(new EngineProfile.Inputs(model.engineModelArg(),
                ModelDeployments.servedNames(md), gpus));
        if (member.isPresent()) {
            args = engine.withGroup(args, member.get(), MultiNode.leaderAddress(md, member.get()), gpus);
        }
        if (ModelDeployments.loraEnabled(md)) {
            args = engine.withLora(args, settings.lora().capacityFor(md.getSpec().getAdapters().size()), settings.lora());
        }
        EngineArgs flags = args.overrideWith(qs.getBackendArgs());
        int port = enginePort(qs);
        EngineProfile.MemberLaunch launch = member.map(m -> engine.memberLaunch(m, flags))
                .orElseGet(() -> new EngineProfile.MemberLaunch(engine.command(), flags.toList(), true));
        List<EnvVar> env = env(engine, apiKey, model);
        member.ifPresent(m -> env.addAll(GroupEnv.of(md, m)));

        ContainerBuilder container = new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(settings.image(engine.imageRepository(settings), qs.getBackendVersion()))
                .withImagePullPolicy(settings.pullPolicy())
                .withCommand(launch.command())
                .withArgs(launch.args())
                .withEnv(env)
                .withNewResources()
                .withRequests(cpuAndMemory(qs, settings))
                .withLimits(limits(qs, settings, gpus))
                .endResources()
                .withVolumeMounts(volumeMounts(model))
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext();
        if (launch.answersHttp()) {
            container.addNewPort().withName("http").withContainerPort(port).withProtocol("TCP").endPort()
                    .withStartupProbe(probe(engine.livenessPath(), STARTUP_PERIOD_SECONDS,
                            (int) Math.max(1, settings.startupTimeout().toSeconds() / STARTUP_PERIOD_SECONDS), 5))
                    .withReadinessProbe(probe(engine.readinessPath(), 5, 3, 10))
                    .withLivenessProbe(probe(engine.livenessPath(), 10, 6, 10));
        }

        PodTemplateSpecBuilder pod = new PodTemplateSpecBuilder()
                .withNewMetadata()
                .withLabels(Labels.of(md, "inference"))
                .withAnnotations(Map.of(PodAnnotations.API_KEY_DIGEST, apiKey.valueDigest()))
                .endMetadata()
                .withNewSpec()
                .withContainers(container.build())
                .withVolumes(volumes(model, settings))
                .withEnableServiceLinks(false)
                .withAutomountServiceAccountToken(false)
                .withTerminationGracePeriodSeconds(60L)
                .withNewSecurityContext().withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .endSpec();
        Gpu gpu = qs.getResources().getGpu();
        if (gpus > 0 && gpu.getType() != null && !gpu.getType().isBlank()) {
            GpuCatalog.Placement placement = settings.gpus().placementFor(gpu.getType());
            pod.editSpec().withNodeSelector(placement.nodeSelector()).withTolerations(placement.tolerations()).endSpec();
        }
        return pod.build();
    }

    /** The port the engine serves on: the user's {@code --port}, else the engine's default. */
    public static int enginePort(QuickStart qs) {
        return userPort(qs.getBackendArgs()).orElse(EngineProfile.of(qs.getBackend()).defaultPort());
    }

    static int gpuCount(QuickStart qs) {
        Gpu gpu = qs.getResources() == null ? null : qs.getResources().getGpu();
        return gpu == null || gpu.getCount() == null ? 0 : gpu.getCount();
    }

    private static List<EnvVar> env(EngineProfile engine, ApiKeyRef apiKey, ModelLocation model) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVarBuilder().withName(engine.apiKeyEnv()).withNewValueFrom()
                .withNewSecretKeyRef().withName(apiKey.secretName()).withKey(apiKey.key()).endSecretKeyRef()
                .endValueFrom().build());
        if (model.downloads()) {
            // Downloads land in the model volume, not the container's writable layer.
            env.add(new EnvVar("HF_HOME", ModelLocation.MOUNT_PATH + "/.cache/huggingface", null));
        }
        return env;
    }

    private static Map<String, Quantity> cpuAndMemory(QuickStart qs, RenderSettings settings) {
        var res = qs.getResources();
        Map<String, Quantity> out = new LinkedHashMap<>();
        out.put("cpu", new Quantity(Optional.ofNullable(res.getCpu()).orElse(settings.defaultCpu())));
        out.put("memory", new Quantity(Optional.ofNullable(res.getMemory()).orElse(settings.defaultMemory())));
        return out;
    }

    private static Map<String, Quantity> limits(QuickStart qs, RenderSettings settings, int gpus) {
        Map<String, Quantity> out = cpuAndMemory(qs, settings);
        if (gpus > 0) {
            String type = qs.getResources().getGpu().getType();
            String resource = type == null || type.isBlank()
                    ? settings.gpus().defaultResourceName()
                    : settings.gpus().placementFor(type).resourceName();
            out.put(resource, new Quantity(Integer.toString(gpus)));
        }
        return out;
    }

    /**
     * A file:// model gets no model volume: its weights are already in the image or on the node, and a
     * volume mounted over their directory would hide them.
     */
    private static boolean hasModelVolume(ModelLocation model) {
        return model.claimName().isPresent() || model.downloads();
    }

    private static List<VolumeMount> volumeMounts(ModelLocation model) {
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(new VolumeMountBuilder().withName("shm").withMountPath("/dev/shm").build());
        if (hasModelVolume(model)) {
            mounts.add(new VolumeMountBuilder().withName("model").withMountPath(ModelLocation.MOUNT_PATH)
                    .withReadOnly(model.claimName().isPresent() ? Boolean.TRUE : null).build());
        }
        return mounts;
    }

    private static List<Volume> volumes(ModelLocation model, RenderSettings settings) {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName("shm").withNewEmptyDir().withMedium("Memory")
                .withSizeLimit(new Quantity(settings.shmSize())).endEmptyDir().build());
        if (hasModelVolume(model)) {
            volumes.add(model.claimName()
                    .map(claim -> new VolumeBuilder().withName("model").withNewPersistentVolumeClaim()
                            .withClaimName(claim).withReadOnly(true).endPersistentVolumeClaim().build())
                    .orElseGet(() -> new VolumeBuilder().withName("model").withNewEmptyDir().endEmptyDir().build()));
        }
        return volumes;
    }

    private static Probe probe(String path, int periodSeconds, int failureThreshold, int timeoutSeconds) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(path).withPort(new IntOrString("http")).endHttpGet()
                .withPeriodSeconds(periodSeconds)
                .withFailureThreshold(failureThreshold)
                .withTimeoutSeconds(timeoutSeconds)
                .build();
    }

    /**
     * The user's {@code --port} from backendArgs, if any. Refused unless it is one valid port number,
     * since the container port and the Service's target port follow it; the validator reports the same message.
     */
    public static OptionalInt userPort(List<String> backendArgs) {
        List<String> values = EngineArgs.parse(backendArgs).get("--port");
        if (values == null) {
            return OptionalInt.empty();
        }
        if (values.size() != 1) {
            throw new IllegalArgumentException("--port in backendArgs needs exactly one value, found " + values);
        }
        int port;
        try {
            port = Integer.parseInt(values.get(0));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port in backendArgs is not a number: " + values.get(0));
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--port in backendArgs is not between 1 and 65535: " + port);
        }
        return OptionalInt.of(port);
    }
}
