package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link CredentialsGuard} reads, from the informers' caches and never from the API server: which deployments
 * name a credentials Secret, and which Secrets the operator holds.
 */
interface CredentialsCaches {

    /** The ModelDeployments of the namespace whose managed target names {@code secret} as its credentials. */
    List<ModelDeployment> naming(String namespace, String secret);

    /** The ModelDeployment of that name, if it exists. */
    Optional<ModelDeployment> deployment(String namespace, String name);

    /** The Secrets of the namespace that carry the hold's label. */
    List<Secret> held(String namespace);

    /** The namespaces with a Secret that carries the hold's label. */
    Set<String> namespacesHolding();
}
