package io.modeldeploy.operator.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.modeldeploy.operator.deployment.AdapterLocation;
import io.modeldeploy.operator.deployment.Names;
import io.modeldeploy.operator.deployment.ResolvedDeployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * How adapter files reach a pod without restarting it: the operator publishes the adapter list in a
 * ConfigMap, the kubelet refreshes the mounted copy in place, and an {@code adapter-sync} sidecar
 * (running {@code adapter-sync/sync.py} in the engine's image) downloads each adapter into a volume it
 * shares with the engine and reports per adapter on {@code GET :<syncPort>/status}. The pod template
 * names only the ConfigMap, so the list can change without a rollout.
 */
public final class AdapterSyncRenderer {
    public static final String CONTAINER = "adapter-sync";
    static final String CONFIG_DIR = "/etc/modeldeploy/adapter-sync";
    static final String LIST_KEY = "adapters.json";
    static final String SCRIPT_KEY = "sync.py";
    private static final String ADAPTERS_VOLUME = "adapters";
    private static final String CONFIG_VOLUME = "adapter-sync";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> DOWNLOAD_ENV = Set.of("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_ENDPOINT",
            "HF_HUB_OFFLINE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION",
            "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL");
    private static final String SCRIPT = resource("/adapter-sync/sync.py");
    private static final Pattern VOLUME_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private AdapterSyncRenderer() {
    }

    /** The list the sidecar syncs: this deployment's adapters plus those of LoRA services on it, by name. */
    public static ConfigMap configMap(ResolvedDeployment d, List<AdapterLocation> adapters) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(LIST_KEY, listJson(adapters));
        data.put(SCRIPT_KEY, SCRIPT);
        return new ConfigMapBuilder()
                .withApiVersion("v1").withKind("ConfigMap")
                .withMetadata(Owners.ownedMetadata(d.ref(), Names.adapterSyncConfigMap(d.ref()), "adapter-sync"))
                .withData(data)
                .build();
    }

    /**
     * Adds the sidecar, the shared adapter volume, the ConfigMap and the claims of pvc:// adapters to a pod
     * template, and mounts them into the engine container read-only.
     */
    public static PodTemplateSpec attach(PodTemplateSpec template, ResolvedDeployment d, String engineContainer,
                                         String engineImage, RenderSettings.LoraSettings lora) {
        List<AdapterLocation> adapters = d.adapters();
        Set<String> claims = new TreeSet<>();
        adapters.forEach(a -> a.claimName().ifPresent(claims::add));

        List<VolumeMount> readOnlyMounts = new ArrayList<>();
        readOnlyMounts.add(mount(ADAPTERS_VOLUME, AdapterLocation.SYNC_DIR, true));
        claims.forEach(c -> readOnlyMounts.add(mount(claimVolume(c), AdapterLocation.CLAIMS_DIR + "/" + c, true)));

        List<EnvVar> credentials = template.getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(engineContainer)).findFirst()
                .map(AdapterSyncRenderer::downloadCredentials).orElse(List.of());
        PodTemplateSpecBuilder pod = new PodTemplateSpecBuilder(template);
        pod.editSpec()
                .addToVolumes(new VolumeBuilder().withName(ADAPTERS_VOLUME).withNewEmptyDir().endEmptyDir().build())
                .addToVolumes(new VolumeBuilder().withName(CONFIG_VOLUME).withNewConfigMap()
                        .withName(Names.adapterSyncConfigMap(d.ref())).endConfigMap().build())
                .addAllToVolumes(claims.stream().map(AdapterSyncRenderer::claimVolumeOf).toList())
                .addToContainers(sidecar(engineImage, lora, claims, credentials))
                .endSpec();
        PodTemplateSpec out = pod.build();
        out.getSpec().getContainers().stream().filter(c -> c.getName().equals(engineContainer)).findFirst()
                .ifPresent(engine -> {
                    List<VolumeMount> mounts = new ArrayList<>(engine.getVolumeMounts() == null ? List.of() : engine.getVolumeMounts());
                    mounts.addAll(readOnlyMounts);
                    engine.setVolumeMounts(mounts);
                });
        return out;
    }

    /**
     * The engine's Hugging Face and S3 settings, as written (a secretKeyRef stays a reference): gated or
     * private adapters need the same token the engine uses for its model.
     */
    private static List<EnvVar> downloadCredentials(Container engine) {
        return engine.getEnv() == null ? List.of() : engine.getEnv().stream()
                .filter(e -> DOWNLOAD_ENV.contains(e.getName())).toList();
    }

    private static Container sidecar(String engineImage, RenderSettings.LoraSettings lora, Set<String> claims,
                                     List<EnvVar> credentials) {
        List<EnvVar> env = new ArrayList<>(List.of(
                new EnvVar("ADAPTER_LIST", CONFIG_DIR + "/" + LIST_KEY, null),
                new EnvVar("ADAPTER_DIR", AdapterLocation.SYNC_DIR, null),
                new EnvVar("ADAPTER_SYNC_PORT", Integer.toString(lora.syncPort()), null),
                new EnvVar("HF_HOME", AdapterLocation.SYNC_DIR + "/.cache/huggingface", null)));
        env.addAll(credentials);
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(mount(ADAPTERS_VOLUME, AdapterLocation.SYNC_DIR, false));
        mounts.add(mount(CONFIG_VOLUME, CONFIG_DIR, true));
        claims.forEach(c -> mounts.add(mount(claimVolume(c), AdapterLocation.CLAIMS_DIR + "/" + c, true)));
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(lora.syncImage().orElse(engineImage))
                .withCommand("python3", CONFIG_DIR + "/" + SCRIPT_KEY)
                .withEnv(env)
                .addNewPort().withName(CONTAINER).withContainerPort(lora.syncPort()).withProtocol("TCP").endPort()
                .withNewResources()
                .withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("256Mi")))
                .withLimits(Map.of("memory", new Quantity("1Gi")))
                .endResources()
                .withVolumeMounts(mounts)
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext()
                .build();
    }

    private static String listJson(List<AdapterLocation> adapters) {
        List<Map<String, Object>> entries = adapters.stream()
                .sorted(Comparator.comparing(AdapterLocation::name))
                .map(a -> {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("name", a.name());
                    e.put("uri", a.uri());
                    e.put("path", a.pathInPod());
                    e.put("synced", a.synced());
                    return e;
                })
                .toList();
        try {
            return JSON.writeValueAsString(entries);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A volume name is a DNS label (at most 63 characters, no dots) while a claim name may be a longer DNS
     * subdomain: such claims get a volume named after a digest of the claim name.
     */
    static String claimVolume(String claim) {
        String readable = "adapter-claim-" + claim;
        if (readable.length() <= 63 && VOLUME_NAME.matcher(readable).matches()) {
            return readable;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(claim.getBytes(StandardCharsets.UTF_8));
            return "adapter-claim-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Volume claimVolumeOf(String claim) {
        return new VolumeBuilder().withName(claimVolume(claim)).withNewPersistentVolumeClaim()
                .withClaimName(claim).withReadOnly(true).endPersistentVolumeClaim().build();
    }

    private static VolumeMount mount(String volume, String path, boolean readOnly) {
        return new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(readOnly ? Boolean.TRUE : null).build();
    }

    private static String resource(String path) {
        try (InputStream in = AdapterSyncRenderer.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
