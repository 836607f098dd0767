package io.modeldeploy.e2e.chaos;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modeldeploy.e2e.managed.ExpectedVendorNames;
import io.modeldeploy.e2e.support.InNamespace;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.OperatorHarness;
import io.modeldeploy.sim.platform.drun.DRunModelServing;
import io.modeldeploy.sim.platform.drun.DRunSimulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Holds the cluster and the SIMULATED vendor to what the fleet wants, reading them as a user or a platform team
 * would (labels, owner references, the vendor's own list), never the operator's code: each deployment in its wanted
 * phase for its current generation, with exactly the pods, pod groups, adapters and vendor service it should have;
 * nothing left of a deleted one (objects, published keys, vendor services, adapters on the base); no deployment held
 * in a finalizer.
 */
final class FleetAudit {
    private static final String DEPLOYMENT_LABEL = "modeldeploy.io/deployment";
    private static final String GATEWAY_KEY_LABEL = "modeldeploy.io/gateway-key";
    private static final String GATEWAY_KEY_NAMESPACE = "modeldeploy.io/key-namespace";
    private static final String GATEWAY_KEY_SECRET = "modeldeploy.io/key-secret";

    private final InNamespace ns;
    private final KubernetesClient client;
    private final DRunSimulator vendor;

    FleetAudit(InNamespace ns, DRunSimulator vendor) {
        this.ns = ns;
        this.client = ns.client();
        this.vendor = vendor;
    }

    Audit look(Fleet fleet) {
        Findings found = new Findings();
        Map<String, Wanted> wanted = fleet.wanted();
        List<GenericKubernetesResource> mds = ns.mds().list().getItems();
        Map<String, ModelDeploymentView> byName = mds.stream()
                .collect(Collectors.toMap(md -> md.getMetadata().getName(), ModelDeploymentView::new));
        for (GenericKubernetesResource md : mds) {
            String name = md.getMetadata().getName();
            if (md.getMetadata().getDeletionTimestamp() != null) {
                found.stuck.add(name + " being deleted since " + md.getMetadata().getDeletionTimestamp()
                        + " (finalizers " + md.getMetadata().getFinalizers() + ")");
            } else if (!wanted.containsKey(name)) {
                found.unconverged.add(name + " exists but was deleted");
            }
        }
        List<Pod> pods = client.pods().inNamespace(ns.name()).withLabel(DEPLOYMENT_LABEL).list().getItems();
        for (Wanted w : wanted.values()) {
            ModelDeploymentView md = byName.get(w.name());
            if (md == null) {
                found.unconverged.add(w.name() + " missing");
                continue;
            }
            deployment(w, md, podsOf(pods, w.name()), found);
        }
        loraBaseAdapters(wanted, byName, found);
        Set<String> liveUids = mds.stream().filter(md -> md.getMetadata().getDeletionTimestamp() == null)
                .map(md -> md.getMetadata().getUid()).collect(Collectors.toSet());
        clusterOrphans(pods, liveUids, found);
        publishedKeyOrphans(found);
        vendorServices(wanted, byName, found);
        return new Audit(found.unconverged, found.duplicates, found.orphans, found.stuck);
    }

    private static final class Findings {
        final List<String> unconverged = new ArrayList<>();
        final List<String> duplicates = new ArrayList<>();
        final List<String> orphans = new ArrayList<>();
        final List<String> stuck = new ArrayList<>();
    }

    private void deployment(Wanted w, ModelDeploymentView md, List<Pod> pods, Findings found) {
        String phase = w.kind() == Kind.LORA_SERVICE || !w.stopped() ? "Running" : "Stopped";
        if (!md.observedCurrentGeneration() || !phase.equals(md.phase())) {
            found.unconverged.add(w.name() + " is " + md.phase() + (md.observedCurrentGeneration() ? "" : " (older generation)")
                    + ", wanted " + phase);
        }
        List<Pod> live = pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
        if (live.size() < pods.size()) {
            found.unconverged.add(w.name() + ": " + (pods.size() - live.size()) + " pods still terminating");
        }
        switch (w.kind()) {
            case IN_CLUSTER, LORA_BASE -> inCluster(w, md, live, found);
            case MULTI_NODE -> groups(w, live, found);
            case LORA_SERVICE, MANAGED -> {
                if (!live.isEmpty()) {
                    found.orphans.add(w.name() + " has " + live.size() + " pods but runs none of its own");
                }
            }
        }
    }

    private void inCluster(Wanted w, ModelDeploymentView md, List<Pod> live, Findings found) {
        int deployments = client.apps().deployments().inNamespace(ns.name()).withLabel(DEPLOYMENT_LABEL, w.name())
                .list().getItems().size();
        if (deployments > 1) {
            found.duplicates.add(w.name() + " has " + deployments + " Deployments");
        } else if (deployments == 0) {
            found.unconverged.add(w.name() + " has no Deployment");
        }
        countPods(w.name() + " pods", live.size(), w.serving(), found);
        if (md.readyReplicas() != w.serving()) {
            found.unconverged.add(w.name() + " readyReplicas " + md.readyReplicas() + ", wanted " + w.serving());
        }
        if (w.kind() == Kind.IN_CLUSTER && w.serving() > 0) {
            Set<String> adapters = Set.copyOf(w.adapters());
            md.instances().stream().map(i -> Set.copyOf(loraModels(i))).filter(held -> !held.equals(adapters))
                    .forEach(held -> found.unconverged.add(w.name() + " instance holds " + new TreeSet<>(held)
                            + ", wanted " + new TreeSet<>(adapters)));
        }
    }

    /** Each replica one group (a leader and a worker) of one incarnation. */
    private void groups(Wanted w, List<Pod> live, Findings found) {
        Map<String, Set<String>> incarnations = new HashMap<>();
        for (Pod pod : live) {
            Map<String, String> labels = pod.getMetadata().getLabels();
            incarnations.computeIfAbsent(labels.getOrDefault("modeldeploy.io/group", "?"), g -> new HashSet<>())
                    .add(labels.getOrDefault("modeldeploy.io/group-incarnation", "?"));
        }
        incarnations.forEach((group, of) -> {
            if (of.size() > 1) {
                found.duplicates.add(w.name() + " group " + group + " has " + of.size() + " incarnations at once");
            }
        });
        countPods(w.name() + " pod groups", incarnations.size(), w.serving(), found);
        countPods(w.name() + " group pods", live.size(), 2 * w.serving(), found);
    }

    private static List<Pod> podsOf(List<Pod> pods, String deployment) {
        return pods.stream().filter(p -> deployment.equals(p.getMetadata().getLabels().get(DEPLOYMENT_LABEL))).toList();
    }

    private static void countPods(String what, int actual, int wanted, Findings found) {
        if (actual > wanted) {
            found.duplicates.add(what + ": " + actual + ", wanted " + wanted);
        } else if (actual < wanted) {
            found.unconverged.add(what + ": " + actual + ", wanted " + wanted);
        }
    }

    /** The base holds exactly its services' adapters: one of a deleted service still loaded is an orphan. */
    private void loraBaseAdapters(Map<String, Wanted> wanted, Map<String, ModelDeploymentView> byName, Findings found) {
        ModelDeploymentView base = byName.get(ChaosManifests.LORA_BASE);
        if (base == null || !wanted.containsKey(ChaosManifests.LORA_BASE)) {
            return;
        }
        Set<String> expected = wanted.values().stream().filter(w -> w.kind() == Kind.LORA_SERVICE)
                .flatMap(w -> w.adapters().stream()).collect(Collectors.toSet());
        for (Map<String, Object> instance : base.instances()) {
            Set<String> held = new HashSet<>(loraModels(instance));
            Set<String> extra = new TreeSet<>(held);
            extra.removeAll(expected);
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(held);
            extra.forEach(a -> found.orphans.add("adapter " + a + " still loaded on " + ChaosManifests.LORA_BASE));
            if (!missing.isEmpty()) {
                found.unconverged.add(ChaosManifests.LORA_BASE + " misses adapters " + missing);
            }
        }
    }

    /**
     * Objects labelled as a deployment's that no live deployment owns, directly or through its Deployment and
     * ReplicaSets (the garbage collector should have removed them).
     */
    private void clusterOrphans(List<Pod> pods, Set<String> liveMds, Findings found) {
        String namespace = ns.name();
        List<? extends HasMetadata> deployments = client.apps().deployments().inNamespace(namespace)
                .withLabel(DEPLOYMENT_LABEL).list().getItems();
        List<? extends HasMetadata> replicaSets = client.apps().replicaSets().inNamespace(namespace)
                .withLabel(DEPLOYMENT_LABEL).list().getItems();
        Set<String> live = new HashSet<>(liveMds);
        for (List<? extends HasMetadata> level : List.of(deployments, replicaSets)) {
            level.stream().filter(o -> ownerUids(o).stream().anyMatch(live::contains))
                    .map(o -> o.getMetadata().getUid()).toList().forEach(live::add);
        }
        Stream<HasMetadata> objects = Stream.of(pods, deployments, replicaSets,
                client.services().inNamespace(namespace).withLabel(DEPLOYMENT_LABEL).list().getItems(),
                client.secrets().inNamespace(namespace).withLabel(DEPLOYMENT_LABEL).list().getItems(),
                client.configMaps().inNamespace(namespace).withLabel(DEPLOYMENT_LABEL).list().getItems())
                .flatMap(Collection::stream);
        objects.filter(o -> ownerUids(o).stream().noneMatch(live::contains))
                .forEach(o -> found.orphans.add(o.getKind() + " " + o.getMetadata().getName()
                        + " of deleted " + o.getMetadata().getLabels().get(DEPLOYMENT_LABEL)));
    }

    private static List<String> ownerUids(HasMetadata o) {
        List<OwnerReference> owners = o.getMetadata().getOwnerReferences();
        return owners == null ? List.of() : owners.stream().map(OwnerReference::getUid).toList();
    }

    /** Keys published for the gateway from this namespace whose source Secret is gone (README "Keys the gateway reads"). */
    private void publishedKeyOrphans(Findings found) {
        Set<String> secrets = client.secrets().inNamespace(ns.name()).list().getItems().stream()
                .map(s -> s.getMetadata().getName()).collect(Collectors.toSet());
        client.secrets().inNamespace(OperatorHarness.GATEWAY_NAMESPACE).withLabel(GATEWAY_KEY_LABEL, "true").list()
                .getItems().stream()
                .filter(s -> ns.name().equals(annotation(s, GATEWAY_KEY_NAMESPACE)))
                .filter(s -> !secrets.contains(annotation(s, GATEWAY_KEY_SECRET)))
                .forEach(s -> found.orphans.add("published gateway key " + s.getMetadata().getName()));
    }

    private static String annotation(HasMetadata o, String key) {
        Map<String, String> annotations = o.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    /** One vendor service per managed deployment, as wanted; none for a deleted one. */
    private void vendorServices(Map<String, Wanted> wanted, Map<String, ModelDeploymentView> byName, Findings found) {
        List<DRunModelServing> services = vendor.services().stream().filter(s -> !"DELETING".equals(s.status())).toList();
        Set<String> expectedNames = new HashSet<>();
        for (Wanted w : wanted.values()) {
            ModelDeploymentView md = byName.get(w.name());
            if (w.kind() != Kind.MANAGED || md == null) {
                continue;
            }
            String serviceName = ExpectedVendorNames.serviceName(md);
            expectedNames.add(serviceName);
            List<DRunModelServing> mine = services.stream().filter(s -> s.name().equals(serviceName)).toList();
            if (mine.size() > 1) {
                found.duplicates.add(w.name() + " has " + mine.size() + " services on d.run");
            } else if (mine.isEmpty()) {
                found.unconverged.add(w.name() + " has no service on d.run");
            } else {
                DRunModelServing s = mine.get(0);
                boolean as = w.stopped() ? "STOPPED".equals(s.status())
                        : "RUNNING".equals(s.status()) && s.replicas() == w.replicas();
                if (!as) {
                    found.unconverged.add(w.name() + " on d.run is " + s.status() + " x" + s.replicas()
                            + ", wanted " + (w.stopped() ? "STOPPED" : "RUNNING x" + w.replicas()));
                }
            }
        }
        services.stream().filter(s -> !expectedNames.contains(s.name()))
                .forEach(s -> found.orphans.add("d.run service " + s.name() + " (" + s.status() + ")"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> loraModels(Map<String, Object> instance) {
        Object value = instance.get("loraModels");
        return value == null ? List.of() : (List<String>) value;
    }
}
