package io.modeldeploy.operator.adapters;

import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.deployment.AdapterLocation;
import io.modeldeploy.operator.deployment.ResolvedDeployment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The adapters a base deployment's engines must hold: its own, then those of the LoRA services that point
 * at it, oldest service first. A service being deleted contributes nothing (its adapters get unloaded),
 * and a name already taken is left out and reported against the later service.
 *
 * @param adapters  what the engines must hold, and the sidecar must fetch
 * @param conflicts LoRA service name to why some of its adapters are not served
 */
public record WantedAdapters(List<AdapterLocation> adapters, Map<String, String> conflicts) {

    /**
     * A LoRA service on the base, as far as the base is concerned.
     *
     * @param createdAt its creationTimestamp (RFC 3339, so ordered as text), null when unknown
     */
    public record LoraService(ResolvedDeployment deployment, String createdAt, boolean deleting) {
    }

    /**
     * The LoRA services on {@code base} among the deployments of its namespace, deleted or not. A service whose
     * spec does not resolve contributes nothing: it reports its invalid spec itself.
     */
    public static List<LoraService> servicesOn(ResolvedDeployment base, List<ModelDeployment> sameNamespace,
                                               Function<ModelDeployment, Optional<ResolvedDeployment>> resolve) {
        return sameNamespace.stream()
                .flatMap(md -> resolve.apply(md)
                        .filter(d -> d.loraService().filter(lora -> base.name().equals(lora.baseName())).isPresent())
                        .map(d -> new LoraService(d, md.getMetadata().getCreationTimestamp(),
                                md.getMetadata().getDeletionTimestamp() != null))
                        .stream())
                .toList();
    }

    /** @param services the LoRA services on {@code base} (see {@link #servicesOn}) */
    public static WantedAdapters of(ResolvedDeployment base, List<LoraService> services) {
        List<AdapterLocation> wanted = new ArrayList<>(base.adapters());
        Set<String> taken = new HashSet<>();
        wanted.forEach(a -> taken.add(a.name()));
        Map<String, String> conflicts = new LinkedHashMap<>();
        List<LoraService> live = services.stream()
                .filter(s -> !s.deleting())
                .sorted(Comparator.comparing(LoraService::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(s -> s.deployment().name()))
                .toList();
        for (LoraService service : live) {
            for (AdapterLocation adapter : service.deployment().adapters()) {
                if (taken.add(adapter.name())) {
                    wanted.add(adapter);
                } else {
                    conflicts.merge(service.deployment().name(), "adapter " + adapter.name()
                            + " is already served by another deployment on " + base.name(),
                            (a, b) -> a + "; " + b);
                }
            }
        }
        return new WantedAdapters(List.copyOf(wanted), conflicts);
    }
}
