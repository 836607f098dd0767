package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.modeldeploy.operator.deployment.GroupLabels;
import io.modeldeploy.operator.deployment.GroupMember;
import io.modeldeploy.operator.deployment.Labels;
import io.modeldeploy.operator.deployment.Names;
import io.modeldeploy.operator.deployment.ResolvedDeployment;

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
    public static List<Pod> render(ResolvedDeployment d, ApiKeyRef apiKey, RenderSettings settings, int group,
                                   String incarnation, Optional<Replacement> replacement) {
        int size = d.workers();
        String digest = digest(d, apiKey, settings);
        return IntStream.range(0, size)
                .mapToObj(rank -> member(d, apiKey, settings, new GroupMember(group, incarnation, rank, size), digest, replacement))
                .toList();
    }

    /** Changes whenever a member's pod would be rendered differently, whichever group or incarnation it is in. */
    public static String digest(ResolvedDeployment d, ApiKeyRef apiKey, RenderSettings settings) {
        int size = d.workers();
        List<Object> content = new ArrayList<>();
        for (int rank = 0; rank < size; rank++) {
            PodTemplateSpec template = memberTemplate(d, apiKey, settings,
                    new GroupMember(0, CANONICAL_INCARNATION, rank, size));
            // The annotations carry the API key's digest: a new key must restart the groups.
            content.add(template.getMetadata().getAnnotations());
            content.add(template.getSpec());
        }
        return DesiredDigest.of(content);
    }

    private static Pod member(ResolvedDeployment d, ApiKeyRef apiKey, RenderSettings settings, GroupMember member,
                              String digest, Optional<Replacement> replacement) {
        PodTemplateSpec template = memberTemplate(d, apiKey, settings, member);
        Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
        labels.putAll(GroupLabels.of(member));
        labels.put(GroupLabels.ROLE, member.isLeader() ? GroupLabels.LEADER : GroupLabels.WORKER);
        labels.put(GroupLabels.RANK, Integer.toString(member.rank()));
        ObjectMeta metadata = Owners.ownedMetadata(d.ref(), Names.groupPod(d.ref(), member), labels);
        Map<String, String> annotations = new LinkedHashMap<>(template.getMetadata().getAnnotations());
        annotations.put(GroupLabels.GROUP_DIGEST, digest);
        replacement.ifPresent(r -> {
            annotations.put(GroupLabels.RESTART_REASON, r.reason());
            annotations.put(GroupLabels.RESTARTS, Integer.toString(r.restarts()));
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
    private static PodTemplateSpec memberTemplate(ResolvedDeployment d, ApiKeyRef apiKey, RenderSettings settings,
                                                  GroupMember member) {
        PodTemplateSpec template = QuickStartPodRenderer.render(d, apiKey, settings, Optional.of(member));
        PodSpec spec = template.getSpec();
        // hostname + subdomain: the leader's DNS name through the headless leaders Service.
        spec.setHostname(Names.groupPod(d.ref(), member));
        spec.setSubdomain(Names.leadersService(d.ref()));
        spec.setAffinity(new AffinityBuilder().withNewPodAntiAffinity()
                .withRequiredDuringSchedulingIgnoredDuringExecution(new PodAffinityTermBuilder()
                        .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(groupSelector(d, member)).build())
                        .withTopologyKey(HOSTNAME_TOPOLOGY)
                        .build())
                .endPodAntiAffinity().build());
        return template;
    }

    private static Map<String, String> groupSelector(ResolvedDeployment d, GroupMember member) {
        Map<String, String> selector = new LinkedHashMap<>(Labels.selector(d.ref()));
        selector.putAll(GroupLabels.of(member));
        return selector;
    }
}
