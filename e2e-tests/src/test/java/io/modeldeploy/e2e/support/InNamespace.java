package io.modeldeploy.e2e.support;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** What integration tests do with ModelDeployments in one test namespace, in the words of a user. */
public final class InNamespace {
    private final OperatorHarness harness;
    private final KubernetesClient client;
    private final String ns;

    public InNamespace(OperatorHarness harness, String ns) {
        this.harness = harness;
        this.client = harness.client();
        this.ns = ns;
    }

    public String name() {
        return ns;
    }

    /** JSON merge patch of the spec, as {@code kubectl patch --type merge} does. */
    public void patchSpec(String md, Map<String, Object> spec) {
        harness.mds(ns).withName(md).patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of("spec", spec)));
    }

    /** The API key a user reads from the deployment's Secret. */
    public String apiKey(String md) {
        Secret secret = client.secrets().inNamespace(ns).withName(md + "-api-key").get();
        return new String(Base64.getDecoder().decode(secret.getData().get("apiKey")), StandardCharsets.UTF_8);
    }

    public Pod pod(String name) {
        return client.pods().inNamespace(ns).withName(name).get();
    }

    /** An instance's engine at its pod IP and container port (no kube-proxy here to serve the Service IP). */
    public EngineClient engineOf(String podName, String key) {
        Pod pod = pod(podName);
        int port = pod.getSpec().getContainers().get(0).getPorts().get(0).getContainerPort();
        return EngineClient.at(pod.getStatus().getPodIP(), port, key);
    }

    public EngineClient engineOf(ModelDeploymentView md, String key) {
        return engineOf((String) md.instances().get(0).get("instanceId"), key);
    }

    public List<Event> events(String md) {
        return client.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> md.equals(e.getInvolvedObject().getName())
                        && "ModelDeployment".equals(e.getInvolvedObject().getKind()))
                .toList();
    }

    public List<String> eventReasons(String md) {
        return events(md).stream().map(Event::getReason).toList();
    }

    public List<String> eventMessages(String md) {
        return events(md).stream().map(Event::getMessage).toList();
    }
}
