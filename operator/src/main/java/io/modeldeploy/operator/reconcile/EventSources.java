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
        SecondaryToPrimaryMapper<Deployment> deploymentOwner = Mappers.fromOwnerReferences(ModelDeployment.class, false);
        SecondaryToPrimaryMapper<Pod> podOwner = pod -> Set.of(new ResourceID(
                pod.getMetadata().getLabels().get(Labels.DEPLOYMENT), pod.getMetadata().getNamespace()));
        return List.of(
                ownCreates.follow(Deployment.class, new InformerEventSource<>(managed(Deployment.class, context)
                        .withSecondaryToPrimaryMapper(deploymentOwner)
                        .withOnAddFilter(d -> batched(batches, deploymentOwner.toPrimaryResourceIDs(d)))
                        .withOnUpdateFilter((d, old) -> batched(batches, deploymentOwner.toPrimaryResourceIDs(d)))
                        .build(), context)),
                ownCreates.follow(Service.class, owned(context, Service.class)),
                ownCreates.follow(Ingress.class, owned(context, Ingress.class)),
                ownCreates.follow(Secret.class, owned(context, Secret.class)),
                ownCreates.follow(ConfigMap.class, owned(context, ConfigMap.class)),
                ownCreates.follow(NetworkPolicy.class, owned(context, NetworkPolicy.class)),
                LoraLinks.eventSource(context),
                new InformerEventSource<>(managed(Pod.class, context)
                        .withSecondaryToPrimaryMapper(podOwner)
                        .withOnAddFilter(pod -> batched(batches, podOwner.toPrimaryResourceIDs(pod)))
                        .withOnUpdateFilter((pod, old) -> batched(batches, podOwner.toPrimaryResourceIDs(pod)))
                        .build(), context));
    }

    /**
     * The add and update filters of pods and Deployments: whether the informer wakes the deployments itself. Deletions
     * pass no filter, so they still wake at once: they are rare, and what they ask for (a new object) should not wait.
     */
    private static boolean batched(BatchedWakeups batches, Set<ResourceID> deployments) {
        boolean now = false;
        for (ResourceID deployment : deployments) {
            now |= batches.later(deployment);
        }
        return now;
    }

    private static <R extends HasMetadata> InformerEventSource<R, ModelDeployment> owned(
            EventSourceContext<ModelDeployment> context, Class<R> type) {
        return new InformerEventSource<>(managed(type, context)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(ModelDeployment.class, false))
                .build(), context);
    }

    private static <R extends HasMetadata> InformerEventSourceConfiguration.Builder<R> managed(
            Class<R> type, EventSourceContext<ModelDeployment> context) {
        return InformerEventSourceConfiguration.from(type, ModelDeployment.class)
                .withLabelSelector(MANAGED)
                .withItemStore(LeanItemStore.forInformersOf(context));
    }
}
