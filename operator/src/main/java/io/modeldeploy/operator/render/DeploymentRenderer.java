package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.modeldeploy.operator.deployment.Labels;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.deployment.Workload;
import io.modeldeploy.operator.engine.Engines;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Deployment behind single-node instances. Rolling updates take one instance down before the
 * next starts (maxSurge 0): GPUs are scarce, and a surge pod that can never be scheduled would stall
 * the rollout forever.
 */
public final class DeploymentRenderer {
    private DeploymentRenderer() {
    }

    public static Deployment render(ResolvedDeployment d, ApiKeyRef apiKey, RenderSettings settings) {
        PodTemplateSpec template = d.expert().isPresent()
                ? ExpertPodRenderer.render(d, apiKey)
                : QuickStartPodRenderer.render(d, apiKey, settings);
        if (d.loraEnabled()) {
            template = withAdapterSupport(d, template, settings);
        }
        if (d.quickStart().isPresent()) {
            // The adapter-sync sidecar too. An expert template is its author's pod, checked by ExpertTemplatePolicy.
            template = RestrictedPods.apply(template, settings.podSecurity());
        }
        return deployment(d, template);
    }

    /** The serving container gets the engine's run-time adapter env; the pod gets the adapter-sync sidecar. */
    private static PodTemplateSpec withAdapterSupport(ResolvedDeployment d, PodTemplateSpec template,
                                                      RenderSettings settings) {
        String servingName = d.expert().map(Workload.Expert::servingContainer).orElse(QuickStartPodRenderer.CONTAINER);
        Container serving = template.getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(servingName)).findFirst().orElseThrow();
        Map<String, String> loraEnv = Engines.of(d.backend().orElseThrow()).loraEnv();
        List<EnvVar> env = new ArrayList<>(serving.getEnv() == null ? List.of() : serving.getEnv());
        loraEnv.forEach((name, value) -> {
            env.removeIf(e -> e.getName().equals(name));
            env.add(new EnvVar(name, value, null));
        });
        serving.setEnv(env);
        return AdapterSyncRenderer.attach(template, d, servingName, serving.getImage(), settings.lora());
    }

    private static Deployment deployment(ResolvedDeployment d, PodTemplateSpec template) {
        return new DeploymentBuilder()
                .withApiVersion("apps/v1")
                .withKind("Deployment")
                .withMetadata(Owners.ownedMetadata(d.ref(), d.name(), "inference"))
                .withNewSpec()
                .withReplicas(d.desiredReplicas())
                .withNewSelector().withMatchLabels(Labels.selector(d.ref())).endSelector()
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString(0)).withMaxUnavailable(new IntOrString(1))
                .endRollingUpdate().endStrategy()
                .withRevisionHistoryLimit(3)
                .withTemplate(template)
                .endSpec()
                .build();
    }
}
