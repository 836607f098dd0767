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
import io.modeldeploy.operator.config.GpuCatalog;
import io.modeldeploy.operator.deployment.ComputeResources;
import io.modeldeploy.operator.deployment.GroupEnv;
import io.modeldeploy.operator.deployment.GroupMember;
import io.modeldeploy.operator.deployment.Labels;
import io.modeldeploy.operator.deployment.ModelLocation;
import io.modeldeploy.operator.deployment.Names;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.deployment.Workload;
import io.modeldeploy.operator.engine.Engine;
import io.modeldeploy.operator.engine.EngineArgs;
import io.modeldeploy.operator.engine.Engines;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pod of a quickStart instance: one engine container with the operator's flags, GPUs, volumes and probes. */
public final class QuickStartPodRenderer {
    public static final String CONTAINER = "engine";
    private static final int STARTUP_PERIOD_SECONDS = 10;

    private QuickStartPodRenderer() {
    }

    public static PodTemplateSpec render(ResolvedDeployment d, ApiKeyRef apiKey, RenderSettings settings) {
        return render(d, apiKey, settings, Optional.empty());
    }

    /** The pod of a single-node instance, or of one member of a multi-node group. */
    public static PodTemplateSpec render(ResolvedDeployment d, ApiKeyRef apiKey, RenderSettings settings,
                                         Optional<GroupMember> member) {
        Workload.QuickStart qs = d.quickStart().orElseThrow();
        Engine engine = Engines.of(qs.engine());
        ModelLocation model = d.model().location();
        ComputeResources resources = qs.resources();
        int gpus = resources.gpuCount();
        EngineArgs args = engine.operatorArgs(new Engine.Inputs(model.engineModelArg(), d.model().servedNames(), gpus));
        if (member.isPresent()) {
            args = engine.withGroup(args, member.get(), Names.leaderAddress(d.ref(), member.get()), gpus);
        }
        if (d.loraEnabled()) {
            args = engine.withLora(args, settings.lora().roomFor(d.adapters().size()));
        }
        EngineArgs flags = args.overrideWith(qs.backendArgs());
        Engine.MemberLaunch launch = member.map(m -> engine.memberLaunch(m, flags))
                .orElseGet(() -> new Engine.MemberLaunch(engine.command(), flags.toList(), true));
        List<EnvVar> env = env(engine, apiKey, model);
        member.ifPresent(m -> env.addAll(GroupEnv.of(d.ref(), m)));

        ContainerBuilder container = new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(settings.image(qs.engine(), qs.version()))
                .withImagePullPolicy(settings.pullPolicy())
                .withCommand(launch.command())
                .withArgs(launch.args())
                .withEnv(env)
                .withNewResources()
                .withRequests(cpuAndMemory(resources, settings))
                .withLimits(limits(resources, settings))
                .endResources()
                .withVolumeMounts(volumeMounts(model))
                // An engine that exits at start (argparse refusing a flag, a model it cannot load) says why only
                // on stderr: the kubelet then keeps the log's tail as the termination message status reports.
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext();
        if (launch.answersHttp()) {
            container.addNewPort().withName("http").withContainerPort(qs.port()).withProtocol("TCP").endPort()
                    .withStartupProbe(probe(engine.livenessPath(), STARTUP_PERIOD_SECONDS,
                            (int) Math.max(1, settings.startupTimeout().toSeconds() / STARTUP_PERIOD_SECONDS), 5))
                    .withReadinessProbe(probe(engine.readinessPath(), 5, 3, 10))
                    .withLivenessProbe(probe(engine.livenessPath(), 10, 6, 10));
        }

        PodTemplateSpecBuilder pod = new PodTemplateSpecBuilder()
                .withNewMetadata()
                .withLabels(Labels.of(d.ref(), "inference"))
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
        if (resources.hasGpus()) {
            GpuCatalog.Placement placement = settings.gpus().placementFor(resources.gpuType().get());
            pod.editSpec().withNodeSelector(placement.nodeSelector()).withTolerations(placement.tolerations()).endSpec();
        }
        return RestrictedPods.apply(pod.build(), settings.podSecurity());
    }

    private static List<EnvVar> env(Engine engine, ApiKeyRef apiKey, ModelLocation model) {
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

    private static Map<String, Quantity> cpuAndMemory(ComputeResources resources, RenderSettings settings) {
        Map<String, Quantity> out = new LinkedHashMap<>();
        out.put("cpu", new Quantity(resources.cpu().orElse(settings.defaultCpu())));
        out.put("memory", new Quantity(resources.memory().orElse(settings.defaultMemory())));
        return out;
    }

    private static Map<String, Quantity> limits(ComputeResources resources, RenderSettings settings) {
        Map<String, Quantity> out = cpuAndMemory(resources, settings);
        if (resources.gpuCount() > 0) {
            String resource = resources.gpuType()
                    .map(type -> settings.gpus().placementFor(type).resourceName())
                    .orElse(settings.gpus().defaultResourceName());
            out.put(resource, new Quantity(Integer.toString(resources.gpuCount())));
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
}
