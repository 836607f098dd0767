package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.modeldeploy.operator.api.gateway.PublishedKey;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The informer of the key copies published in the gateway's namespace (only those, by label), from which
 * {@link GatewayKeys} sweeps: a sweep then costs no LIST, and after a restart it still knows every copy. It wakes
 * no deployment.
 */
final class PublishedKeyCopies {
    private PublishedKeyCopies() {
    }

    /** Empty without a gateway: nothing is published, so nothing is watched. */
    static Optional<InformerEventSource<Secret, ModelDeployment>> of(EventSourceContext<ModelDeployment> context,
                                                                    GatewayKeys keys) {
        if (keys.namespace().isEmpty()) {
            return Optional.empty();
        }
        InformerEventSource<Secret, ModelDeployment> copies = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Secret.class, ModelDeployment.class)
                        .withName("published-keys")
                        .withNamespaces(Set.of(keys.namespace().get()))
                        .withFollowControllerNamespacesChanges(false)
                        .withLabelSelector(PublishedKey.LABEL + "=true")
                        .withSecondaryToPrimaryMapper(secret -> Set.of())
                        .build(), context);
        var informer = context.getControllerConfiguration().getInformerConfig();
        Set<String> namespaces = informer.getNamespaces();
        Predicate<String> watched = informer.watchAllNamespaces() ? ns -> true : namespaces::contains;
        keys.readPublishedFrom(() -> copies.list().toList(), watched);
        return Optional.of(copies);
    }
}
