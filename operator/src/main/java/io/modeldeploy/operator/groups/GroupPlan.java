package io.modeldeploy.operator.groups;

import io.fabric8.kubernetes.api.model.Pod;
import io.modeldeploy.operator.render.GroupPodRenderer;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What to change so that the live groups become the wanted ones: pods to delete, group incarnations to
 * create, the restarts to announce, and when to look again if a broken group waits out its backoff.
 */
public record GroupPlan(List<Pod> deletions, List<Creation> creations, List<Restart> restarts,
                        Optional<Duration> recheckAfter) {

    /** A new incarnation of group {@code group}; a replacement says why it replaces the previous one. */
    public record Creation(int group, Optional<GroupPodRenderer.Replacement> replacement) {
    }

    /** A group restarted as a unit: which one (by its leader's name) and why. */
    public record Restart(int group, String leader, String reason) {
        public String message() {
            return "group " + group + " (leader " + leader + ") restarts as a unit: " + reason;
        }
    }

    public boolean changesNothing() {
        return deletions.isEmpty() && creations.isEmpty();
    }
}
