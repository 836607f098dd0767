package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.events.EventRecorder;
import io.modeldeploy.operator.groups.GroupPlan;
import io.modeldeploy.operator.groups.GroupPlanner;
import io.modeldeploy.operator.render.ApiKeyRef;
import io.modeldeploy.operator.render.GroupPodRenderer;
import io.modeldeploy.operator.render.Labels;
import io.modeldeploy.operator.render.ModelDeployments;
import io.modeldeploy.operator.render.MultiNode;
import io.modeldeploy.operator.render.RenderSettings;
import io.modeldeploy.operator.status.GroupStatus;
import org.jboss.logging.Logger;

import java.net.HttpURLConnection;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Keeps the pods of a multi-node deployment's groups as {@link GroupPlanner} wants them: creates whole
 * group incarnations, deletes broken, surplus and outdated ones, and announces each group restart.
 */
final class MultiNodeGroups {
    private static final Logger LOG = Logger.getLogger(MultiNodeGroups.class);
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private final RenderSettings settings;
    private final Clock clock;
    private final Supplier<String> incarnations;

    MultiNodeGroups(RenderSettings settings, Clock clock) {
        this(settings, clock, MultiNodeGroups::randomIncarnation);
    }

    MultiNodeGroups(RenderSettings settings, Clock clock, Supplier<String> incarnations) {
        this.settings = settings;
        this.clock = clock;
        this.incarnations = incarnations;
    }

    UpdateControl<ModelDeployment> reconcile(ModelDeployment md, Context<ModelDeployment> context, ApiKeyRef apiKey,
                                             EventRecorder events) {
        int wanted = ModelDeployments.desiredReplicas(md);
        int size = MultiNode.workers(md);
        String digest = GroupPodRenderer.digest(md, apiKey, settings);
        List<Pod> pods = List.copyOf(context.getSecondaryResources(Pod.class));
        GroupPlan plan = GroupPlanner.plan(wanted, size, digest, pods, clock.instant());
        if (!plan.changesNothing()) {
            // The informer may not show yet what the last reconcile created or deleted; acting on it could
            // create a group twice. The API server's own list is current.
            pods = livePods(context.getClient(), md);
            plan = GroupPlanner.plan(wanted, size, digest, pods, clock.instant());
            apply(md, context.getClient(), apiKey, plan, events);
            if (!plan.changesNothing()) {
                pods = livePods(context.getClient(), md);
            }
        }
        UpdateControl<ModelDeployment> control = StatusUpdates.toControl(md, GroupStatus.compute(md, pods, digest), events);
        return plan.recheckAfter().map(control::rescheduleAfter).orElse(control);
    }

    private void apply(ModelDeployment md, KubernetesClient client, ApiKeyRef apiKey, GroupPlan plan, EventRecorder events) {
        for (GroupPlan.Restart restart : plan.restarts()) {
            LOG.infof("%s/%s: group %d (leader %s) restarts as a unit: %s", md.getMetadata().getNamespace(),
                    md.getMetadata().getName(), restart.group(), restart.leader(), restart.reason());
            events.warning(md, "GroupRestarted", "group " + restart.group() + " (leader " + restart.leader()
                    + ") restarts as a unit: " + restart.reason());
        }
        for (Pod pod : plan.deletions()) {
            // Already gone is as good as deleted.
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
        }
        for (GroupPlan.Creation creation : plan.creations()) {
            String incarnation = incarnations.get();
            for (Pod pod : GroupPodRenderer.render(md, apiKey, settings, creation.group(), incarnation, creation.replacement())) {
                create(client, pod);
            }
            LOG.infof("%s/%s: created group %d incarnation %s", md.getMetadata().getNamespace(), md.getMetadata().getName(),
                    creation.group(), incarnation);
        }
    }

    private static void create(KubernetesClient client, Pod pod) {
        try {
            client.resource(pod).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
        }
    }

    private static List<Pod> livePods(KubernetesClient client, ModelDeployment md) {
        return client.pods().inNamespace(md.getMetadata().getNamespace())
                .withLabel(Labels.DEPLOYMENT, md.getMetadata().getName()).list().getItems();
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    static String randomIncarnation() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
