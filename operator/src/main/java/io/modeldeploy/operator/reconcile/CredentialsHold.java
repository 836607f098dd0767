package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

/**
 * Keeps the credentials Secret of managed deployments until every deployment's vendor cleanup that needs it
 * is done (see {@link CredentialsGuard}).
 */
interface CredentialsHold {

    /** Where the hold reads deployments and held Secrets from: the informers' caches, set once they exist. */
    void readFrom(CredentialsCaches caches);

    /** Holds the Secret just read for a vendor call. */
    void hold(Secret secret);

    /** Whether this deployment's vendor cleanup is done already (a repeated cleanup must not need the Secret). */
    boolean finished(ModelDeployment md);

    /** The deployment's vendor cleanup is done: lets go of every Secret no other deployment still needs. */
    void release(ModelDeployment md);

    /** Lets go of the held Secrets in the namespace that no unfinished managed deployment names. */
    void sweep(String namespace);

    /** The namespaces where a Secret is held. */
    java.util.Set<String> namespacesHolding();
}
