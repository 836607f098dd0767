package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The informers' caches the credentials hold reads, as lists a test fills. */
final class FakeCredentialsCaches implements CredentialsCaches {
    final List<ModelDeployment> deployments = new ArrayList<>();
    final List<Secret> held = new ArrayList<>();

    FakeCredentialsCaches holding(String namespace, String secret) {
        held.add(new SecretBuilder().withNewMetadata().withNamespace(namespace).withName(secret)
                .addToLabels(CredentialsGuard.LABEL, "true").addToFinalizers(CredentialsGuard.FINALIZER).endMetadata().build());
        return this;
    }

    @Override
    public List<ModelDeployment> naming(String namespace, String secret) {
        return deployments.stream().filter(md -> namespace.equals(md.getMetadata().getNamespace())
                && InformerCredentialsCaches.credentialsSecret(md).filter(secret::equals).isPresent()).toList();
    }

    @Override
    public Optional<ModelDeployment> deployment(String namespace, String name) {
        return deployments.stream().filter(md -> namespace.equals(md.getMetadata().getNamespace())
                && name.equals(md.getMetadata().getName())).findFirst();
    }

    @Override
    public List<Secret> held(String namespace) {
        return held.stream().filter(s -> namespace.equals(s.getMetadata().getNamespace())).toList();
    }

    @Override
    public Set<String> namespacesHolding() {
        return held.stream().map(s -> s.getMetadata().getNamespace()).collect(Collectors.toCollection(TreeSet::new));
    }
}
