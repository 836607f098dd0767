package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.deployment.Placement;
import io.modeldeploy.operator.validate.DeploymentResolver;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Keeps a managed deployment's credentials Secret until no deployment's finalizer needs it any more.
 * Deleting a namespace deletes its Secrets at once, while each ModelDeployment's finalizer still has to
 * call its vendor with them: without this, the finalizers could never finish and the namespace would stay
 * Terminating. A finalizer on the Secret holds it; a label finds the held Secrets again, since a deployment
 * may have named another Secret (or left its vendor) since.
 * <p>
 * Everything it reads comes from the informers' caches ({@link CredentialsCaches}) and it takes no lock: a reconcile
 * costs what its own Secret's users cost, not the namespace's. Of deployments finishing together the last one still
 * lets go, because each records itself finished before it looks at the others.
 */
@jakarta.inject.Singleton
final class CredentialsGuard implements CredentialsHold {
    private static final Logger LOG = Logger.getLogger(CredentialsGuard.class);
    static final String FINALIZER = "modeldeploy.io/credentials-in-use";
    static final String LABEL = "modeldeploy.io/credentials-in-use";

    /** Per namespace, uid to name of the deployments whose vendor cleanup is done but whose own finalizer may be on. */
    private final Map<String, Map<String, String>> finished = new ConcurrentHashMap<>();
    private final KubernetesClient client;
    private final Consumer<Secret> letGo;
    private volatile CredentialsCaches caches;

    @jakarta.inject.Inject
    CredentialsGuard(KubernetesClient client) {
        this.client = client;
        this.letGo = this::letGo;
    }

    /** Which Secrets it lets go of, without a cluster: for tests of the sweep's decisions. */
    CredentialsGuard(Consumer<Secret> letGo) {
        this.client = null;
        this.letGo = letGo;
    }

    @Override
    public void readFrom(CredentialsCaches caches) {
        this.caches = caches;
    }

    /** Holds the Secret just read for a vendor call, once: nothing is written when it is held already. */
    @Override
    public void hold(Secret secret) {
        if (held(secret) || secret.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        String ns = secret.getMetadata().getNamespace();
        String name = secret.getMetadata().getName();
        try {
            client.secrets().inNamespace(ns).withName(name).edit(s -> s.getMetadata().getDeletionTimestamp() != null
                    || held(s) ? s : guarded(s, true));
            LOG.infof("holding credentials Secret %s/%s while ModelDeployments use it", ns, name);
        } catch (KubernetesClientException e) {
            // The vendor call goes ahead: the Secret was readable, only the protection of a later deletion is late.
            LOG.warnf("could not hold credentials Secret %s/%s: %s", ns, name, e.getMessage());
        }
    }

    @Override
    public boolean finished(ModelDeployment md) {
        return finishedIn(md.getMetadata().getNamespace()).containsKey(md.getMetadata().getUid());
    }

    /** The deployment's vendor cleanup is done: let go of every Secret no other deployment still needs. */
    @Override
    public void release(ModelDeployment md) {
        finishedIn(md.getMetadata().getNamespace()).put(md.getMetadata().getUid(), md.getMetadata().getName());
        sweep(md.getMetadata().getNamespace());
    }

    /** Lets go of the held Secrets in the namespace that no unfinished managed deployment names. */
    @Override
    public void sweep(String namespace) {
        Map<String, String> finishedHere = finishedIn(namespace);
        // A deployment that is gone (or came back under its name with another uid) needs no record any more.
        finishedHere.entrySet().removeIf(e -> caches.deployment(namespace, e.getValue())
                .filter(md -> e.getKey().equals(md.getMetadata().getUid())).isEmpty());
        for (Secret secret : caches.held(namespace)) {
            String name = secret.getMetadata().getName();
            if (!needed(caches.naming(namespace, name), finishedHere.keySet()).contains(name)) {
                letGo.accept(secret);
            }
        }
    }

    @Override
    public Set<String> namespacesHolding() {
        return caches.namespacesHolding();
    }

    /** Names of the credentials Secrets that the managed deployments still to finish will call their vendor with. */
    static Set<String> needed(List<ModelDeployment> deployments, Set<String> finishedUids) {
        return deployments.stream()
                .filter(md -> !finishedUids.contains(md.getMetadata().getUid()))
                .map(DeploymentResolver::placementOf)
                .flatMap(placement -> placement instanceof Placement.Managed managed
                        ? managed.credentialsSecret().stream() : java.util.stream.Stream.empty())
                .collect(Collectors.toSet());
    }

    static boolean held(Secret secret) {
        return secret.getMetadata().getFinalizers() != null && secret.getMetadata().getFinalizers().contains(FINALIZER);
    }

    /** The Secret with the operator's finalizer and label on it, or off it; its other finalizers and labels kept. */
    static Secret guarded(Secret secret, boolean on) {
        List<String> finalizers = new ArrayList<>(secret.getMetadata().getFinalizers() == null ? List.of()
                : secret.getMetadata().getFinalizers());
        Map<String, String> labels = new HashMap<>(secret.getMetadata().getLabels() == null ? Map.of()
                : secret.getMetadata().getLabels());
        finalizers.remove(FINALIZER);
        labels.remove(LABEL);
        if (on) {
            finalizers.add(FINALIZER);
            labels.put(LABEL, "true");
        }
        return new SecretBuilder(secret).withMetadata(new ObjectMetaBuilder(secret.getMetadata())
                .withFinalizers(finalizers).withLabels(labels).build()).build();
    }

    private void letGo(Secret secret) {
        String ns = secret.getMetadata().getNamespace();
        String name = secret.getMetadata().getName();
        try {
            client.secrets().inNamespace(ns).withName(name).edit(s -> guarded(s, false));
            LOG.infof("released credentials Secret %s/%s: no ModelDeployment needs it any more", ns, name);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    private Map<String, String> finishedIn(String namespace) {
        return finished.computeIfAbsent(namespace, n -> new ConcurrentHashMap<>());
    }
}
