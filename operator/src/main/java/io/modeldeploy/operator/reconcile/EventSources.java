package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.deployment.Labels;

import java.util.List;
import java.util.Set;

/**
 * What wakes a ModelDeployment's reconcile: the objects it owns (found by owner reference), its pods (by
 * label: multi-node pods are created by the operator itself), and the deployments linked to it by LoRA.
 * Every informer selects the operator's label only, so its caches hold nothing else, and keeps no managed fields
 * ({@link LeanItemStore}, where it can).
 */
final class EventSources {
    private static final String MANAGED = Labels.MANAGED_BY + "=" + Labels.MANAGED_BY_VALUE;

    private EventSources() {
    }

    /**
     * @param batches where the changes of pods and Deployments go, to wake each deployment once per batch period
     * @param ownCreates told of each informer of the operator's own objects, to hear of what the operator creates
     */
    static List<EventSource<?, ModelDeployment>> of(EventSourceContext<ModelDeployment> context, BatchedWakeups batches,
                                                    OwnCreates ownCreates) {
        SecondaryToPrimaryMapper<Pod> podOwner = pod -> Set.of(new ResourceID(
                pod.getMetadata().getLabels().get(Labels.DEPLOYMENT), pod.getMetadata().getNamespace()));
        return List.of(
                ownCreates.follow(Deployment.class, batched(context, Deployment.class, byOwner(), batches)),
                ownCreates.follow(Service.class, owned(context, Service.class)),
                ownCreates.follow(Ingress.class, owned(context, Ingress.class)),
                ownCreates.follow(Secret.class, owned(context, Secret.class)),
                ownCreates.follow(ConfigMap.class, owned(context, ConfigMap.class)),
                ownCreates.follow(NetworkPolicy.class, owned(context, NetworkPolicy.class)),
                LoraLinks.eventSource(context),
                batched(context, Pod.class, podOwner, batches));
    }

    /**
     * An informer whose adds and updates wake their deployments through the batch. Deletions pass no filter, so they
     * still wake at once: they are rare, and what they ask for (a new object) should not wait.
     */
    private static <R extends HasMetadata> InformerEventSource<R, ModelDeployment> batched(
            EventSourceContext<ModelDeployment> context, Class<R> type, SecondaryToPrimaryMapper<R> owner,
            BatchedWakeups batches) {
        return new InformerEventSource<>(managed(type, context)
                .withSecondaryToPrimaryMapper(owner)
                .withOnAddFilter(r -> wakesNow(batches, owner.toPrimaryResourceIDs(r)))
                .withOnUpdateFilter((r, old) -> wakesNow(batches, owner.toPrimaryResourceIDs(r)))
                .build(), context);
    }

    /** Hands each deployment to the batch; whether the informer should wake one of them itself. */
    private static boolean wakesNow(BatchedWakeups batches, Set<ResourceID> deployments) {
        boolean now = false;
        for (ResourceID deployment : deployments) {
            now |= batches.later(deployment);
        }
        return now;
    }

    private static <R extends HasMetadata> InformerEventSource<R, ModelDeployment> owned(
            EventSourceContext<ModelDeployment> context, Class<R> type) {
        return new InformerEventSource<>(managed(type, context)
                .withSecondaryToPrimaryMapper(byOwner())
                .build(), context);
    }

    /** The ModelDeployment that controls an object, from its owner reference. */
    private static <R extends HasMetadata> SecondaryToPrimaryMapper<R> byOwner() {
        return Mappers.fromOwnerReferences(ModelDeployment.class, false);
    }

    private static <R extends HasMetadata> InformerEventSourceConfiguration.Builder<R> managed(
            Class<R> type, EventSourceContext<ModelDeployment> context) {
        return InformerEventSourceConfiguration.from(type, ModelDeployment.class)
                .withLabelSelector(MANAGED)
                .withItemStore(LeanItemStore.forInformersOf(context));
    }
}
