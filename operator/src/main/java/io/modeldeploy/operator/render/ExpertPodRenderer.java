package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.modeldeploy.operator.api.v1alpha1.Backend;
import io.modeldeploy.operator.api.v1alpha1.Expert;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Expert mode: the user's pod template as written, plus the operator's labels (the selector needs
 * them), the API-key digest annotation and the API key as env {@code MODELDEPLOY_API_KEY} on the
 * container that serves the port. Nothing else is changed.
 */
public final class ExpertPodRenderer {
    private ExpertPodRenderer() {
    }

    public static PodTemplateSpec render(ModelDeployment md, ApiKeyRef apiKey) {
        Expert expert = md.getSpec().getExpert();
        PodTemplateSpec template = new PodTemplateSpecBuilder(expert.getTemplate()).build();
        int port = servingPort(expert);
        String serving = servingContainer(template, port)
                .orElseThrow(() -> new IllegalArgumentException("no container of spec.expert.template serves port " + port));

        Map<String, String> labels = new LinkedHashMap<>();
        if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
            labels.putAll(template.getMetadata().getLabels());
        }
        labels.putAll(Labels.of(md, "inference"));
        Map<String, String> annotations = new LinkedHashMap<>();
        if (template.getMetadata() != null && template.getMetadata().getAnnotations() != null) {
            annotations.putAll(template.getMetadata().getAnnotations());
        }
        annotations.put(PodAnnotations.API_KEY_DIGEST, apiKey.valueDigest());

        List<Container> containers = new ArrayList<>();
        for (Container c : template.getSpec().getContainers()) {
            containers.add(c.getName().equals(serving) ? withApiKey(c, apiKey) : c);
        }
        return new PodTemplateSpecBuilder(template)
                .editOrNewMetadata().withLabels(labels).withAnnotations(annotations).endMetadata()
                .editSpec().withContainers(containers).endSpec()
                .build();
    }

    /** Which engine a template runs, for its run-time adapter API: SGLang if its image or command says so. */
    public static Backend backendOf(Container serving) {
        String launch = serving.getImage() + " " + String.join(" ", Optional.ofNullable(serving.getCommand()).orElse(List.of()))
                + " " + String.join(" ", Optional.ofNullable(serving.getArgs()).orElse(List.of()));
        return launch.toLowerCase(java.util.Locale.ROOT).contains("sglang") ? Backend.SGLANG : Backend.VLLM;
    }

    public static int servingPort(Expert expert) {
        return expert.getPort() == null ? 8000 : expert.getPort();
    }

    /** The first container that declares the serving port; a port entry without a number declares none. */
    public static Optional<String> servingContainer(PodTemplateSpec template, int port) {
        if (template == null || template.getSpec() == null || template.getSpec().getContainers() == null
                || template.getSpec().getContainers().isEmpty()) {
            return Optional.empty();
        }
        return template.getSpec().getContainers().stream()
                .filter(c -> c.getPorts() != null
                        && c.getPorts().stream().anyMatch(p -> Integer.valueOf(port).equals(p.getContainerPort())))
                .map(Container::getName)
                .findFirst();
    }

    /** The key goes first so the user's own env values and args can reference $(MODELDEPLOY_API_KEY). */
    private static Container withApiKey(Container c, ApiKeyRef apiKey) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVarBuilder().withName(EngineProfile.API_KEY_ENV).withNewValueFrom()
                .withNewSecretKeyRef().withName(apiKey.secretName()).withKey(apiKey.key()).endSecretKeyRef()
                .endValueFrom().build());
        if (c.getEnv() != null) {
            c.getEnv().stream().filter(e -> !EngineProfile.API_KEY_ENV.equals(e.getName())).forEach(env::add);
        }
        return new ContainerBuilder(c).withEnv(env).build();
    }
}
