package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * The operator's pods under {@link PodSecurityProfile#RESTRICTED}: a non-root user, the volumes' group
 * ({@code fsGroup}) so it can write them, no privilege escalation, no capabilities, the runtime's seccomp profile,
 * and every path an engine writes outside its volumes (HOME with its caches and config, /tmp with Ray's session
 * files) on an emptyDir, since a non-root user cannot write the image's own directories. Idempotent: a pod
 * rendered in steps (engine, then the adapter-sync sidecar) is hardened after each.
 */
public final class RestrictedPods {
    static final String HOME = "/home/modeldeploy";
    static final String TMP = "/tmp";
    private static final String HOME_VOLUME = "home";
    private static final String TMP_VOLUME = "tmp";

    private RestrictedPods() {
    }

    /** {@code template} unchanged under baseline; hardened in place under restricted. */
    public static PodTemplateSpec apply(PodTemplateSpec template, PodSecurityProfile profile) {
        if (profile != PodSecurityProfile.RESTRICTED) {
            return template;
        }
        PodSpec spec = template.getSpec();
        spec.setSecurityContext(podSecurityContext());
        List<Volume> volumes = new ArrayList<>(spec.getVolumes() == null ? List.of() : spec.getVolumes());
        addVolume(volumes, HOME_VOLUME);
        addVolume(volumes, TMP_VOLUME);
        spec.setVolumes(volumes);
        spec.getContainers().forEach(RestrictedPods::harden);
        return template;
    }

    private static PodSecurityContext podSecurityContext() {
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(PodSecurityProfile.NON_ROOT_ID)
                .withRunAsGroup(PodSecurityProfile.NON_ROOT_ID)
                .withFsGroup(PodSecurityProfile.NON_ROOT_ID)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    private static void harden(Container container) {
        container.setSecurityContext(new SecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withAllowPrivilegeEscalation(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build());
        List<VolumeMount> mounts = new ArrayList<>(container.getVolumeMounts() == null ? List.of() : container.getVolumeMounts());
        addMount(mounts, HOME_VOLUME, HOME);
        addMount(mounts, TMP_VOLUME, TMP);
        container.setVolumeMounts(mounts);
        List<EnvVar> env = new ArrayList<>(container.getEnv() == null ? List.of() : container.getEnv());
        if (env.stream().noneMatch(e -> e.getName().equals("HOME"))) {
            env.add(new EnvVar("HOME", HOME, null));
        }
        container.setEnv(env);
    }

    private static void addVolume(List<Volume> volumes, String name) {
        if (volumes.stream().noneMatch(v -> v.getName().equals(name))) {
            volumes.add(new VolumeBuilder().withName(name).withNewEmptyDir().endEmptyDir().build());
        }
    }

    private static void addMount(List<VolumeMount> mounts, String volume, String path) {
        if (mounts.stream().noneMatch(m -> m.getMountPath().equals(path))) {
            mounts.add(new VolumeMountBuilder().withName(volume).withMountPath(path).build());
        }
    }
}
