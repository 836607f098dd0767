package io.modeldeploy.operator.status;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.modeldeploy.operator.pods.PodConditions;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads one pod's status the way a platform engineer would: scheduled? ready? failing, and why? */
public record PodDiagnosis(String name, boolean terminating, boolean scheduled, boolean ready,
                           Optional<Problem> problem, String unscheduledMessage) {

    /** Something wrong with the pod that will not fix itself by waiting; severity orders the reasons. */
    public record Problem(String reason, String message, int severity) {
    }

    private static final Set<String> IMAGE_REASONS = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName");
    private static final Set<String> CONFIG_REASONS = Set.of("CreateContainerConfigError", "CreateContainerError");
    private static final int LAST_WORDS_MAX = 300;

    public static PodDiagnosis of(Pod pod) {
        String name = pod.getMetadata().getName();
        boolean terminating = pod.getMetadata().getDeletionTimestamp() != null;
        List<PodCondition> conditions = pod.getStatus() == null || pod.getStatus().getConditions() == null
                ? List.of() : pod.getStatus().getConditions();
        Optional<PodCondition> scheduledCondition = conditions.stream().filter(c -> "PodScheduled".equals(c.getType())).findFirst();
        boolean scheduled = pod.getSpec().getNodeName() != null;
        boolean ready = PodConditions.ready(pod);
        String unscheduled = "";
        Optional<Problem> problem = Optional.empty();
        if (!scheduled) {
            unscheduled = scheduledCondition.filter(c -> "False".equals(c.getStatus()))
                    .map(PodCondition::getMessage).orElse("");
            if (!unscheduled.isEmpty()) {
                problem = Optional.of(new Problem("Unschedulable", "pod " + name + " cannot be scheduled: " + unscheduled, 1));
            }
        }
        List<ContainerStatus> containers = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                ? List.of() : pod.getStatus().getContainerStatuses();
        for (ContainerStatus cs : containers) {
            Optional<Problem> p = containerProblem(name, cs, conditions);
            if (p.isPresent() && (problem.isEmpty() || p.get().severity() > problem.get().severity())) {
                problem = p;
            }
        }
        return new PodDiagnosis(name, terminating, scheduled, ready, problem, unscheduled);
    }

    private static Optional<Problem> containerProblem(String pod, ContainerStatus cs, List<PodCondition> conditions) {
        var waiting = cs.getState() == null ? null : cs.getState().getWaiting();
        if (waiting != null && waiting.getReason() != null) {
            String reason = waiting.getReason();
            String detail = waiting.getMessage() == null ? "" : ": " + waiting.getMessage();
            String message = "pod " + pod + " container " + cs.getName() + " " + reason + detail;
            if (IMAGE_REASONS.contains(reason)) {
                return Optional.of(new Problem("ImagePullBackOff", message, 5));
            }
            if (CONFIG_REASONS.contains(reason)) {
                return Optional.of(new Problem("ContainerConfigError", message, 4));
            }
            if ("CrashLoopBackOff".equals(reason)) {
                var last = cs.getLastState() == null ? null : cs.getLastState().getTerminated();
                String exit = last == null ? "" : " (last exit code " + last.getExitCode()
                        + lastWords(last.getMessage()).map(words -> ": " + words).orElse("") + ")";
                return Optional.of(new Problem("CrashLoopBackOff", message + exit, 3));
            }
        }
        if (readinessFailingAfterStart(cs, conditions)) {
            return Optional.of(new Problem("ReadinessProbeFailing",
                    "pod " + pod + " container " + cs.getName() + " was ready and now fails its readiness probe", 2));
        }
        return Optional.empty();
    }

    /**
     * The last line the process wrote before it exited, as the kubelet kept it (the termination message, or the
     * log's tail under FallbackToLogsOnError): an engine's refusal (argparse's {@code error: ...}) or traceback
     * ends there. Capped, since the kubelet keeps up to 4 KiB and a condition message is read by people.
     */
    static Optional<String> lastWords(String terminationMessage) {
        if (terminationMessage == null) {
            return Optional.empty();
        }
        List<String> lines = terminationMessage.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        String last = lines.get(lines.size() - 1);
        return Optional.of(last.length() <= LAST_WORDS_MAX ? last : last.substring(0, LAST_WORDS_MAX - 3) + "...");
    }

    /**
     * A started container that is not ready only counts as failing once it had been ready: the pod's
     * ContainersReady condition flipped after the container started. Before that it is still loading.
     */
    private static boolean readinessFailingAfterStart(ContainerStatus cs, List<PodCondition> conditions) {
        var running = cs.getState() == null ? null : cs.getState().getRunning();
        if (running == null || !Boolean.TRUE.equals(cs.getStarted()) || Boolean.TRUE.equals(cs.getReady())
                || running.getStartedAt() == null) {
            return false;
        }
        return conditions.stream()
                .filter(c -> "ContainersReady".equals(c.getType()) && "False".equals(c.getStatus()))
                .anyMatch(c -> c.getLastTransitionTime() != null
                        && c.getLastTransitionTime().compareTo(running.getStartedAt()) > 0);
    }
}
