package io.modeldeploy.sim.node;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The SIMULATED filesystem view of a pod's volumes, as far as the simulators need it: files written into
 * an emptyDir by one container (the adapter-sync sidecar) are seen by the others that mount it (the
 * engine), and a configMap volume shows the ConfigMap's current keys, read through the API as the kubelet
 * projects them. Paths outside emptyDirs (the image, hostPath, claims) are taken to exist.
 */
final class PodVolumes {
    private final Pod pod;
    private final KubernetesClient client;
    /** "volume/relative/path" entries written into emptyDir volumes. */
    private final Set<String> written = ConcurrentHashMap.newKeySet();

    PodVolumes(Pod pod, KubernetesClient client) {
        this.pod = pod;
        this.client = client;
    }

    /** What {@code container} sees at {@code path}: a directory some container wrote into an emptyDir counts. */
    Predicate<String> existingFor(Container container) {
        return path -> locate(container, path)
                .map(loc -> !isEmptyDir(loc.volume()) || loc.relative().isEmpty()
                        || written.stream().anyMatch(w -> w.equals(loc.key()) || loc.key().startsWith(w + "/")))
                .orElse(true);
    }

    void write(Container container, String path) {
        locate(container, path).filter(loc -> isEmptyDir(loc.volume())).ifPresent(loc -> written.add(loc.key()));
    }

    void remove(Container container, String path) {
        locate(container, path).ifPresent(loc -> written.removeIf(w -> w.equals(loc.key()) || w.startsWith(loc.key() + "/")));
    }

    /** The content of a file in a configMap volume, read from the API server now. */
    Optional<String> readProjected(Container container, String path) {
        return locate(container, path).flatMap(loc -> Optional.ofNullable(loc.volume().getConfigMap())
                .flatMap(source -> {
                    try {
                        ConfigMap cm = client.configMaps().inNamespace(pod.getMetadata().getNamespace())
                                .withName(source.getName()).get();
                        return cm == null || cm.getData() == null ? Optional.empty()
                                : Optional.ofNullable(cm.getData().get(loc.relative()));
                    } catch (KubernetesClientException e) {
                        return Optional.empty();
                    }
                }));
    }

    private record Location(Volume volume, String relative) {
        String key() {
            return volume.getName() + "/" + relative;
        }
    }

    private Optional<Location> locate(Container container, String path) {
        if (container.getVolumeMounts() == null) {
            return Optional.empty();
        }
        return container.getVolumeMounts().stream()
                .filter(m -> path.equals(m.getMountPath()) || path.startsWith(m.getMountPath().replaceAll("/+$", "") + "/"))
                .max(Comparator.comparingInt(m -> m.getMountPath().length()))
                .flatMap(m -> volume(m).map(v -> new Location(v,
                        path.substring(Math.min(path.length(), m.getMountPath().replaceAll("/+$", "").length()))
                                .replaceAll("^/+", ""))));
    }

    private Optional<Volume> volume(VolumeMount mount) {
        return pod.getSpec().getVolumes() == null ? Optional.empty()
                : pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst();
    }

    private static boolean isEmptyDir(Volume volume) {
        return volume.getEmptyDir() != null;
    }
}
