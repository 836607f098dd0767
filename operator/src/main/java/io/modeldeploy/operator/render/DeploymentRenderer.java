package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

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

    /** The Deployment, and the container port its engine serves on (the Service targets it). */
    public record Rendered(Deployment deployment, int enginePort) {
    }

    public static Rendered render(ModelDeployment md, ApiKeyRef apiKey, RenderSettings settings) {
        PodTemplateSpec template = md.getSpec().getExpert() != null
                ? ExpertPodRenderer.render(md, apiKey)
                : QuickStartPodRenderer.render(md, apiKey, settings);
        int port = md.getSpec().getExpert() != null
                ? ExpertPodRenderer.servingPort(md.getSpec().getExpert())
                : QuickStartPodRenderer.enginePort(md.getSpec().getQuickStart());
        if (ModelDeployments.loraEnabled(md)) {
            template = withAdapterSupport(md, template, port, settings);
        }
        return new Rendered(deployment(md, template), port);
    }

    /** The serving container gets the engine's run-time adapter env; the pod gets the adapter-sync sidecar. */
    private static PodTemplateSpec withAdapterSupport(ModelDeployment md, PodTemplateSpec template, int port,
                                                      RenderSettings settings) {
        String servingName = md.getSpec().getExpert() != null
                ? ExpertPodRenderer.servingContainer(template, port).orElseThrow()
                : QuickStartPodRenderer.CONTAINER;
        Container serving = template.getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(servingName)).findFirst().orElseThrow();
        Map<String, String> loraEnv = EngineProfile.of(ModelDeployments.backend(md, serving)).loraEnv();
        List<EnvVar> env = new ArrayList<>(serving.getEnv() == null ? List.of() : serving.getEnv());
        loraEnv.forEach((name, value) -> {
            env.removeIf(e -> e.getName().equals(name));
            env.add(new EnvVar(name, value, null));
        });
        serving.setEnv(env);
        return AdapterSyncRenderer.attach(template, md, servingName, serving.getImage(), settings.lora());
    }

    private static Deployment deployment(ModelDeployment md, PodTemplateSpec template) {
        return new DeploymentBuilder()
                .withApiVersion("apps/v1")
                .withKind("Deployment")
                .withMetadata(Owners.ownedMetadata(md, md.getMetadata().getName(), "inference"))
                .withNewSpec()
                .withReplicas(ModelDeployments.desiredReplicas(md))
                .withNewSelector().withMatchLabels(Labels.selector(md)).endSelector()
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString(0)).withMaxUnavailable(new IntOrString(1))
                .endRollingUpdate().endStrategy()
                .withRevisionHistoryLimit(3)
                .withTemplate(template)
                .endSpec()
                .build();
    }
}
