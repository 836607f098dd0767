package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.groups.GroupPlan;
import io.modeldeploy.operator.groups.GroupPlanner;
import io.modeldeploy.operator.render.ApiKeyRef;
import io.modeldeploy.operator.render.GroupPodRenderer;
import io.modeldeploy.operator.render.RenderSettings;
import org.jboss.logging.Logger;

import java.net.HttpURLConnection;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps the pods of a multi-node deployment's groups as {@link GroupPlanner} wants them: creates whole
 * group incarnations and deletes broken, surplus and outdated ones.
 */
final class MultiNodeGroups {
    private static final Logger LOG = Logger.getLogger(MultiNodeGroups.class);
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int UNPROCESSABLE = 422;

    private final RenderSettings settings;
    private final Clock clock;
    private final Supplier<String> incarnations;

    /**
     * What a sync left behind: the pods as they now are, the spec digest they were compared with, the
     * groups restarted as units, and when to look again if a broken group waits out its backoff.
     */
    /** @param refusal the API server's words when it refused to create a group pod (quota, admission) */
    record Synced(List<Pod> pods, String digest, List<GroupPlan.Restart> restarts, Optional<Duration> recheckAfter,
                  Optional<String> refusal) {
        Synced(List<Pod> pods, String digest, List<GroupPlan.Restart> restarts, Optional<Duration> recheckAfter) {
            this(pods, digest, restarts, recheckAfter, Optional.empty());
        }
    }

    MultiNodeGroups(RenderSettings settings, Clock clock) {
        this(settings, clock, MultiNodeGroups::randomIncarnation);
    }

    MultiNodeGroups(RenderSettings settings, Clock clock, Supplier<String> incarnations) {
        this.settings = settings;
        this.clock = clock;
        this.incarnations = incarnations;
    }

    /**
     * @param informed the deployment's pods as the informer shows them: enough to see that nothing is to be done.
     *                 The informer selects by label, so only those this deployment controls count: a pod someone
     *                 else labelled like a group member is never planned with, and so never deleted.
     */
    Synced sync(ResolvedDeployment d, List<Pod> informed, ApiKeyRef apiKey, GroupPodApi api) {
        int wanted = d.desiredReplicas();
        int size = d.workers();
        String digest = GroupPodRenderer.digest(d, apiKey, settings);
        List<Pod> cached = informed.stream().filter(p -> ControllerOwner.is(p, d.ref().uid())).toList();
        GroupPlan plan = GroupPlanner.plan(wanted, size, digest, cached, clock.instant());
        if (plan.changesNothing()) {
            return new Synced(cached, digest, List.of(), plan.recheckAfter());
        }
        // The informer may not show yet what the last reconcile created or deleted; acting on it could
        // create a group twice. The API server's own list is current.
        List<Pod> live = api.list(d.ref());
        plan = GroupPlanner.plan(wanted, size, digest, live, clock.instant());
        if (plan.changesNothing()) {
            return new Synced(live, digest, List.of(), plan.recheckAfter());
        }
        Optional<String> refusal = apply(d, apiKey, plan, api);
        return new Synced(api.list(d.ref()), digest, plan.restarts(), plan.recheckAfter(), refusal);
    }

    /** Carries out the plan; stops at a pod the API server refuses (quota, admission) and returns its words. */
    private Optional<String> apply(ResolvedDeployment d, ApiKeyRef apiKey, GroupPlan plan, GroupPodApi api) {
        String where = d.namespace() + "/" + d.name();
        plan.restarts().forEach(r -> LOG.infof("%s: %s", where, r.message()));
        plan.deletions().forEach(api::delete);
        for (GroupPlan.Creation creation : plan.creations()) {
            String incarnation = incarnations.get();
            for (Pod pod : GroupPodRenderer.render(d, apiKey, settings, creation.group(), incarnation, creation.replacement())) {
                try {
                    api.create(pod);
                } catch (KubernetesClientException e) {
                    if (e.getCode() != HttpURLConnection.HTTP_FORBIDDEN && e.getCode() != UNPROCESSABLE) {
                        throw e;
                    }
                    String message = e.getStatus() != null && e.getStatus().getMessage() != null
                            ? e.getStatus().getMessage() : e.getMessage();
                    LOG.warnf("%s: pod %s refused: %s", where, pod.getMetadata().getName(), message);
                    return Optional.of(message);
                }
            }
            LOG.infof("%s: created group %d incarnation %s", where, creation.group(), incarnation);
        }
        return Optional.empty();
    }

    static String randomIncarnation() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
