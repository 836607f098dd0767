package io.modeldeploy.operator.groups;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.modeldeploy.operator.pods.PodConditions;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a group can still serve as formed. Its members joined each other once, at start: a member
 * that is gone, failed, or whose process restarted has left the group for good (Ray and NCCL do not
 * take a node back), so the whole group must start again.
 */
public final class GroupHealth {
    private GroupHealth() {
    }

    /** Why the group is broken, if it is. */
    public static Optional<String> broken(GroupPods group, int size) {
        if (group.incarnations().size() > 1) {
            return Optional.of("pods of " + group.incarnations().size() + " incarnations are mixed in one group");
        }
        Set<Integer> ranks = group.pods().stream().map(GroupPods::rank).collect(Collectors.toSet());
        for (int rank = 0; rank < size; rank++) {
            if (!ranks.contains(rank)) {
                return Optional.of((rank == 0 ? "leader" : "worker") + " pod " + GroupPods.namePrefix(group.pods().get(0))
                        + "-" + rank + " is gone");
            }
        }
        for (Pod pod : group.pods()) {
            String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
            if ("Failed".equals(phase) || "Succeeded".equals(phase)) {
                String why = pod.getStatus().getReason() != null ? pod.getStatus().getReason()
                        : pod.getStatus().getMessage() != null ? pod.getStatus().getMessage() : "exited";
                return Optional.of("pod " + pod.getMetadata().getName() + " ended (" + phase + ": " + why + ")");
            }
            Optional<String> restarted = restarted(pod);
            if (restarted.isPresent()) {
                return restarted;
            }
        }
        return Optional.empty();
    }

    public static boolean ready(GroupPods group, int size) {
        return group.pods().size() == size && group.pods().stream().allMatch(PodConditions::ready);
    }

    private static Optional<String> restarted(Pod pod) {
        List<ContainerStatus> statuses = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                ? List.of() : pod.getStatus().getContainerStatuses();
        return statuses.stream().filter(cs -> cs.getRestartCount() != null && cs.getRestartCount() > 0).findFirst()
                .map(cs -> {
                    var last = cs.getLastState() == null ? null : cs.getLastState().getTerminated();
                    String exit = last == null ? "" : " (exit code " + last.getExitCode()
                            + (last.getReason() == null ? "" : ", " + last.getReason()) + ")";
                    return "container " + cs.getName() + " of pod " + pod.getMetadata().getName() + " restarted" + exit;
                });
    }
}
