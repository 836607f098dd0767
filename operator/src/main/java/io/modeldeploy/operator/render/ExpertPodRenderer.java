package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.modeldeploy.operator.deployment.Labels;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.deployment.Workload;
import io.modeldeploy.operator.engine.Engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expert mode: the user's pod template as written, plus the operator's labels (the selector needs
 * them), the API-key digest annotation and the API key as env {@code MODELDEPLOY_API_KEY} on the
 * container that serves the port. Nothing else is changed.
 */
public final class ExpertPodRenderer {
    private ExpertPodRenderer() {
    }

    public static PodTemplateSpec render(ResolvedDeployment d, ApiKeyRef apiKey) {
        Workload.Expert expert = d.expert().orElseThrow();
        PodTemplateSpec template = new PodTemplateSpecBuilder(expert.template()).build();

        Map<String, String> labels = new LinkedHashMap<>();
        if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
            labels.putAll(template.getMetadata().getLabels());
        }
        labels.putAll(Labels.of(d.ref(), "inference"));
        Map<String, String> annotations = new LinkedHashMap<>();
        if (template.getMetadata() != null && template.getMetadata().getAnnotations() != null) {
            annotations.putAll(template.getMetadata().getAnnotations());
        }
        annotations.put(PodAnnotations.API_KEY_DIGEST, apiKey.valueDigest());

        List<Container> containers = new ArrayList<>();
        for (Container c : template.getSpec().getContainers()) {
            containers.add(c.getName().equals(expert.servingContainer()) ? withApiKey(c, apiKey) : c);
        }
        return new PodTemplateSpecBuilder(template)
                .editOrNewMetadata().withLabels(labels).withAnnotations(annotations).endMetadata()
                .editSpec().withContainers(containers).endSpec()
                .build();
    }

    /** The key goes first so the user's own env values and args can reference $(MODELDEPLOY_API_KEY). */
    private static Container withApiKey(Container c, ApiKeyRef apiKey) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVarBuilder().withName(Engine.API_KEY_ENV).withNewValueFrom()
                .withNewSecretKeyRef().withName(apiKey.secretName()).withKey(apiKey.key()).endSecretKeyRef()
                .endValueFrom().build());
        if (c.getEnv() != null) {
            c.getEnv().stream().filter(e -> !Engine.API_KEY_ENV.equals(e.getName())).forEach(env::add);
        }
        return new ContainerBuilder(c).withEnv(env).build();
    }
}
