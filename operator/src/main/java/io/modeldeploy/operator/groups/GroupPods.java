package io.modeldeploy.operator.groups;

import io.fabric8.kubernetes.api.model.Pod;
import io.modeldeploy.operator.deployment.GroupLabels;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/** The live, not terminating pods of one multi-node group, ordered by rank. */
public record GroupPods(int group, List<Pod> pods) {

    /** Groups by index, from a deployment's pods; terminating pods and pods of no group are left out. */
    public static Map<Integer, GroupPods> of(List<Pod> pods) {
        Map<Integer, List<Pod>> byGroup = new TreeMap<>();
        for (Pod pod : pods) {
            OptionalInt group = intLabel(pod, GroupLabels.GROUP);
            if (pod.getMetadata().getDeletionTimestamp() == null && group.isPresent()) {
                byGroup.computeIfAbsent(group.getAsInt(), g -> new ArrayList<>()).add(pod);
            }
        }
        Map<Integer, GroupPods> groups = new TreeMap<>();
        byGroup.forEach((group, members) -> groups.put(group, new GroupPods(group,
                members.stream().sorted(Comparator.comparingInt(GroupPods::rank)).toList())));
        return groups;
    }

    public Optional<Pod> leader() {
        return pods.stream().filter(p -> rank(p) == 0).findFirst();
    }

    /** The incarnations present: more than one only if a replacement was interrupted half-way. */
    public List<String> incarnations() {
        return pods.stream().map(p -> label(p, GroupLabels.INCARNATION)).distinct().sorted().toList();
    }

    /** The leader's name, or what it was called when the leader is gone. */
    public String leaderName() {
        return leader().map(p -> p.getMetadata().getName())
                .orElseGet(() -> namePrefix(pods.get(0)) + "-0");
    }

    /** Every pod was rendered from the spec with this digest (names aside). */
    public boolean renderedFrom(String digest) {
        return pods.stream().allMatch(p -> p.getMetadata().getAnnotations() != null
                && digest.equals(p.getMetadata().getAnnotations().get(GroupLabels.GROUP_DIGEST)));
    }

    public Optional<String> annotation(String key) {
        return pods.stream().map(p -> p.getMetadata().getAnnotations())
                .filter(a -> a != null && a.get(key) != null).map(a -> a.get(key)).findFirst();
    }

    /** The members other than the leader, by rank. */
    public List<Pod> workers() {
        return pods.stream().filter(p -> rank(p) != 0).toList();
    }

    /** The member's rank (0 = leader) from its label; a pod without one sorts last. */
    public static int rank(Pod pod) {
        return intLabel(pod, GroupLabels.RANK).orElse(Integer.MAX_VALUE);
    }

    /** Pod names end in {@code -<rank>}; the rest names the incarnation. */
    static String namePrefix(Pod pod) {
        String name = pod.getMetadata().getName();
        return name.substring(0, name.lastIndexOf('-'));
    }

    static String label(Pod pod, String key) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels == null ? "" : labels.getOrDefault(key, "");
    }

    private static OptionalInt intLabel(Pod pod, String key) {
        try {
            return OptionalInt.of(Integer.parseInt(label(pod, key)));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
