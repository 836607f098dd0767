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

    static List<EventSource<?, ModelDeployment>> of(EventSourceContext<ModelDeployment> context) {
        return List.of(
                owned(context, Deployment.class),
                owned(context, Service.class),
                owned(context, Ingress.class),
                owned(context, Secret.class),
                owned(context, ConfigMap.class),
                owned(context, NetworkPolicy.class),
                LoraLinks.eventSource(context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, ModelDeployment.class)
                        .withLabelSelector(MANAGED)
                        .withItemStore(LeanItemStore.forInformersOf(context))
                        .withSecondaryToPrimaryMapper(pod -> Set.of(new ResourceID(
                                pod.getMetadata().getLabels().get(Labels.DEPLOYMENT), pod.getMetadata().getNamespace())))
                        .build(), context));
    }

    private static <R extends HasMetadata> InformerEventSource<R, ModelDeployment> owned(
            EventSourceContext<ModelDeployment> context, Class<R> type) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(type, ModelDeployment.class)
                .withLabelSelector(MANAGED)
                .withItemStore(LeanItemStore.forInformersOf(context))
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(ModelDeployment.class, false))
                .build(), context);
    }
}
