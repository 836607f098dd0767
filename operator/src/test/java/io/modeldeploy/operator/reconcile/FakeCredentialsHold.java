package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/** Which Secrets were held and which deployments finished, without a cluster. */
final class FakeCredentialsHold implements CredentialsHold {
    final Set<String> held = new LinkedHashSet<>();
    final Set<String> finished = new HashSet<>();
    final Set<String> swept = new LinkedHashSet<>();

    @Override
    public void readFrom(CredentialsCaches caches) {
    }

    @Override
    public Set<String> namespacesHolding() {
        return Set.of();
    }

    @Override
    public void hold(Secret secret) {
        held.add(secret.getMetadata().getName());
    }

    @Override
    public boolean finished(ModelDeployment md) {
        return finished.contains(md.getMetadata().getUid());
    }

    @Override
    public void release(ModelDeployment md) {
        finished.add(md.getMetadata().getUid());
    }

    @Override
    public void sweep(String namespace) {
        swept.add(namespace);
    }
}
