package io.modeldeploy.operator.adapters;

import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.render.AdapterLocation;
import io.modeldeploy.operator.render.ModelDeployments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The adapters a base deployment's engines must hold: its own, then those of the LoRA services that point
 * at it, oldest service first. A service being deleted contributes nothing (its adapters get unloaded),
 * and a name already taken is left out and reported against the later service.
 *
 * @param adapters  what the engines must hold, and the sidecar must fetch
 * @param conflicts LoRA service name to why some of its adapters are not served
 */
public record WantedAdapters(List<AdapterLocation> adapters, Map<String, String> conflicts) {

    public static WantedAdapters of(ModelDeployment base, List<ModelDeployment> sameNamespace) {
        List<AdapterLocation> wanted = new ArrayList<>(ModelDeployments.adapters(base));
        Set<String> taken = new HashSet<>();
        wanted.forEach(a -> taken.add(a.name()));
        Map<String, String> conflicts = new LinkedHashMap<>();
        List<ModelDeployment> services = loraServicesOf(base, sameNamespace).stream()
                .filter(s -> s.getMetadata().getDeletionTimestamp() == null)
                .sorted(Comparator.comparing((ModelDeployment s) -> s.getMetadata().getCreationTimestamp(),
                        Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(s -> s.getMetadata().getName()))
                .toList();
        for (ModelDeployment service : services) {
            List<AdapterLocation> own;
            try {
                own = ModelDeployments.adapters(service);
            } catch (IllegalArgumentException invalid) {
                continue; // the service reports its own invalid spec
            }
            for (AdapterLocation adapter : own) {
                if (taken.add(adapter.name())) {
                    wanted.add(adapter);
                } else {
                    conflicts.merge(service.getMetadata().getName(), "adapter " + adapter.name()
                            + " is already served by another deployment on " + base.getMetadata().getName(),
                            (a, b) -> a + "; " + b);
                }
            }
        }
        return new WantedAdapters(List.copyOf(wanted), conflicts);
    }

    /** The LoRA services whose baseRef names {@code base}, deleted or not. */
    public static List<ModelDeployment> loraServicesOf(ModelDeployment base, List<ModelDeployment> sameNamespace) {
        return sameNamespace.stream()
                .filter(md -> md.getSpec() != null && md.getSpec().getLora() != null
                        && md.getSpec().getLora().getBaseRef() != null
                        && base.getMetadata().getName().equals(md.getSpec().getLora().getBaseRef().getName()))
                .toList();
    }
}
