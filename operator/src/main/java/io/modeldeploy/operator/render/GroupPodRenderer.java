package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The pods of one multi-node group incarnation, created by the operator rather than by a workload
 * controller: the group lives and dies as a unit, which no built-in controller offers (a StatefulSet
 * would replace one dead worker and leave the leader's engine without it).
 */
public final class GroupPodRenderer {
    private static final String HOSTNAME_TOPOLOGY = "kubernetes.io/hostname";
    /** Placeholder identity for the digest: the digest must not change with the group index or incarnation. */
    private static final String CANONICAL_INCARNATION = "digest";

    private GroupPodRenderer() {
    }

    /** Why an incarnation was created to replace an earlier one, carried on its pods for status and backoff. */
    public record Replacement(String reason, int restarts) {
    }

    /** The pods of incarnation {@code incarnation} of group {@code group}, leader first. */
    public static List<Pod> render(ModelDeployment md, ApiKeyRef apiKey, RenderSettings settings, int group,
                                   String incarnation, Optional<Replacement> replacement) {
        int size = MultiNode.workers(md);
        String digest = digest(md, apiKey, settings);
        return IntStream.range(0, size)
                .mapToObj(rank -> member(md, apiKey, settings, new GroupMember(group, incarnation, rank, size), digest, replacement))
                .toList();
    }

    /** Changes whenever a member's pod would be rendered differently, whichever group or incarnation it is in. */
    public static String digest(ModelDeployment md, ApiKeyRef apiKey, RenderSettings settings) {
        int size = MultiNode.workers(md);
        List<Object> content = new ArrayList<>();
        for (int rank = 0; rank < size; rank++) {
            PodTemplateSpec template = memberTemplate(md, apiKey, settings,
                    new GroupMember(0, CANONICAL_INCARNATION, rank, size));
            // The annotations carry the API key's digest: a new key must restart the groups.
            content.add(template.getMetadata().getAnnotations());
            content.add(template.getSpec());
        }
        return DesiredDigest.of(content);
    }

    private static Pod member(ModelDeployment md, ApiKeyRef apiKey, RenderSettings settings, GroupMember member,
                              String digest, Optional<Replacement> replacement) {
        PodTemplateSpec template = memberTemplate(md, apiKey, settings, member);
        Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
        labels.putAll(groupLabels(member));
        labels.put(MultiNode.ROLE, member.isLeader() ? MultiNode.LEADER : MultiNode.WORKER);
        labels.put(MultiNode.RANK, Integer.toString(member.rank()));
        ObjectMeta metadata = Owners.ownedMetadata(md, MultiNode.podName(md, member), labels);
        Map<String, String> annotations = new LinkedHashMap<>(template.getMetadata().getAnnotations());
        annotations.put(MultiNode.GROUP_DIGEST, digest);
        replacement.ifPresent(r -> {
            annotations.put(MultiNode.RESTART_REASON, r.reason());
            annotations.put(MultiNode.RESTARTS, Integer.toString(r.restarts()));
        });
        metadata.setAnnotations(annotations);
        return new PodBuilder()
                .withApiVersion("v1")
                .withKind("Pod")
                .withMetadata(metadata)
                .withSpec(template.getSpec())
                .build();
    }

    /** The quickStart pod of one member, placed: its DNS identity and the spread over nodes. */
    private static PodTemplateSpec memberTemplate(ModelDeployment md, ApiKeyRef apiKey, RenderSettings settings,
                                                  GroupMember member) {
        PodTemplateSpec template = QuickStartPodRenderer.render(md, apiKey, settings, Optional.of(member));
        PodSpec spec = template.getSpec();
        // hostname + subdomain: the leader's DNS name through the headless leaders Service.
        spec.setHostname(MultiNode.podName(md, member));
        spec.setSubdomain(MultiNode.leadersServiceName(md));
        spec.setAffinity(new AffinityBuilder().withNewPodAntiAffinity()
                .withRequiredDuringSchedulingIgnoredDuringExecution(new PodAffinityTermBuilder()
                        .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(groupSelector(md, member)).build())
                        .withTopologyKey(HOSTNAME_TOPOLOGY)
                        .build())
                .endPodAntiAffinity().build());
        return template;
    }

    /** Labels that tell one incarnation of one group apart from every other pod. */
    static Map<String, String> groupLabels(GroupMember member) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MultiNode.GROUP, Integer.toString(member.group()));
        labels.put(MultiNode.INCARNATION, member.incarnation());
        return labels;
    }

    private static Map<String, String> groupSelector(ModelDeployment md, GroupMember member) {
        Map<String, String> selector = new LinkedHashMap<>(Labels.selector(md));
        selector.putAll(groupLabels(member));
        return selector;
    }
}
