package io.modeldeploy.operator.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.modeldeploy.operator.api.v1alpha1.InstanceStatus;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.api.v1alpha1.WorkerStatus;
import io.modeldeploy.operator.deployment.GroupLabels;
import io.modeldeploy.operator.deployment.Labels;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.groups.GroupHealth;
import io.modeldeploy.operator.groups.GroupPlan;
import io.modeldeploy.operator.groups.GroupPods;
import io.modeldeploy.operator.pods.PodConditions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The status of a multi-node deployment: each group is one instance, named by its leader pod, ready only
 * when every member is; a group that broke or was replaced says which member and why.
 */
public final class GroupStatus {
    private GroupStatus() {
    }

    public static ModelDeploymentStatus compute(ResolvedDeployment d, List<Pod> pods, String digest) {
        int size = d.workers();
        int desired = d.desiredReplicas();
        Map<Integer, GroupPods> groups = GroupPods.of(pods);
        Map<String, GroupPods> byLeader = new LinkedHashMap<>();
        List<PodDiagnosis> instances = new ArrayList<>();
        for (GroupPods group : groups.values()) {
            PodDiagnosis diagnosis = diagnose(group, size);
            byLeader.put(diagnosis.name(), group);
            instances.add(diagnosis);
        }
        long podsLeft = pods.stream().filter(InClusterStatus::notFinished).count();
        boolean rolledOut = groups.size() == desired && groups.keySet().stream().allMatch(i -> i < desired)
                && groups.values().stream().allMatch(g -> g.pods().size() == size && g.renderedFrom(digest));
        ModelDeploymentStatus status = InClusterStatus.compute(d, instances, (int) podsLeft, rolledOut, Map.of(),
                instance -> describe(instance, byLeader.get(instance.name())));
        // The scale subresource's selector: an autoscaler reads the engines' metrics, which only leaders serve.
        status.setSelector(Labels.selectorString(d.ref()) + "," + GroupLabels.ROLE + "=" + GroupLabels.LEADER);
        return status;
    }

    /** A group seen as one instance: scheduled and ready only when every member is; the worst member problem. */
    static PodDiagnosis diagnose(GroupPods group, int size) {
        List<PodDiagnosis> members = group.pods().stream().map(PodDiagnosis::of).toList();
        String leader = group.leaderName();
        boolean complete = members.size() == size;
        Optional<PodDiagnosis.Problem> problem = members.stream().flatMap(m -> m.problem().stream())
                .max(Comparator.comparingInt(PodDiagnosis.Problem::severity));
        Optional<String> broken = GroupHealth.broken(group, size);
        boolean ready = GroupHealth.ready(group, size);
        if (broken.isPresent()) {
            problem = Optional.of(new PodDiagnosis.Problem("GroupRestarting",
                    new GroupPlan.Restart(group.group(), leader, broken.get()).message(), 3));
        } else if (!ready && group.annotation(GroupLabels.RESTART_REASON).isPresent()) {
            problem = Optional.of(restarted(group, leader, problem));
        }
        String unscheduled = members.stream().map(PodDiagnosis::unscheduledMessage).filter(m -> !m.isEmpty())
                .findFirst().orElse("");
        return new PodDiagnosis(leader, false, complete && members.stream().allMatch(PodDiagnosis::scheduled),
                ready && broken.isEmpty(), problem, unscheduled);
    }

    /**
     * A replaced group says why until it is ready again. What holds its new members back is added; a
     * problem worse than waiting (a crash loop, a bad image) keeps its own reason.
     */
    private static PodDiagnosis.Problem restarted(GroupPods group, String leader, Optional<PodDiagnosis.Problem> member) {
        String why = "group " + group.group() + " (leader " + leader + ") restarted as a unit after: "
                + group.annotation(GroupLabels.RESTART_REASON).orElseThrow();
        if (member.isEmpty()) {
            return new PodDiagnosis.Problem("GroupRestarted", why, 1);
        }
        PodDiagnosis.Problem now = member.get();
        return now.severity() > 1
                ? new PodDiagnosis.Problem(now.reason(), now.message() + "; " + why, now.severity())
                : new PodDiagnosis.Problem("GroupRestarted", why + "; " + now.message(), now.severity());
    }

    private static InstanceStatus describe(PodDiagnosis group, GroupPods pods) {
        InstanceStatus instance = InClusterStatus.instance(group, Optional.empty());
        instance.setWorkers(pods.workers().stream()
                .map(p -> new WorkerStatus(p.getMetadata().getName(), GroupPods.rank(p), p.getSpec().getNodeName(),
                        PodConditions.ready(p)))
                .toList());
        return instance;
    }
}
