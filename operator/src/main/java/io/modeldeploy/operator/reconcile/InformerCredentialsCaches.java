package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.deployment.Placement;
import io.modeldeploy.operator.validate.DeploymentResolver;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@link CredentialsCaches} on the ModelDeployment informer (indexed by the credentials Secret a deployment names, so
 * a lookup costs what that Secret's users cost, not the namespace) and an informer of the Secrets that carry the hold's
 * label (only those: the operator caches no other Secret of its tenants). The Secret informer wakes no deployment.
 */
final class InformerCredentialsCaches implements CredentialsCaches {
    private static final String BY_SECRET = "credentials-secret";

    private final IndexerResourceCache<ModelDeployment> deployments;
    private final InformerEventSource<Secret, ModelDeployment> heldSecrets;

    private InformerCredentialsCaches(IndexerResourceCache<ModelDeployment> deployments,
                                      InformerEventSource<Secret, ModelDeployment> heldSecrets) {
        this.deployments = deployments;
        this.heldSecrets = heldSecrets;
    }

    /** Indexes the primary cache; {@link #eventSource()} must be registered with the controller. */
    static InformerCredentialsCaches of(EventSourceContext<ModelDeployment> context) {
        context.getPrimaryCache().addIndexer(BY_SECRET, md -> credentialsSecret(md)
                .map(secret -> List.of(key(md.getMetadata().getNamespace(), secret))).orElse(List.of()));
        InformerEventSource<Secret, ModelDeployment> held = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Secret.class, ModelDeployment.class)
                        .withName("held-credentials")
                        .withLabelSelector(CredentialsGuard.LABEL)
                        .withSecondaryToPrimaryMapper(secret -> Set.of())
                        .build(), context);
        return new InformerCredentialsCaches(context.getPrimaryCache(), held);
    }

    InformerEventSource<Secret, ModelDeployment> eventSource() {
        return heldSecrets;
    }

    @Override
    public List<ModelDeployment> naming(String namespace, String secret) {
        return deployments.byIndex(BY_SECRET, key(namespace, secret));
    }

    @Override
    public Optional<ModelDeployment> deployment(String namespace, String name) {
        return deployments.get(new ResourceID(name, namespace));
    }

    @Override
    public List<Secret> held(String namespace) {
        return heldSecrets.list(namespace).toList();
    }

    @Override
    public Set<String> namespacesHolding() {
        return heldSecrets.list().map(s -> s.getMetadata().getNamespace()).collect(Collectors.toCollection(TreeSet::new));
    }

    static Optional<String> credentialsSecret(ModelDeployment md) {
        return DeploymentResolver.placementOf(md) instanceof Placement.Managed managed
                ? managed.credentialsSecret() : Optional.empty();
    }

    private static String key(String namespace, String secret) {
        return namespace + "/" + secret;
    }
}
