package io.modeldeploy.e2e.support;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * What integration tests do with ModelDeployments in one test namespace, in the words of a user. A
 * {@link TestNamespace} is one that a JUnit extension creates before a test class and deletes after it.
 */
public class InNamespace {
    private LocalCluster cluster;
    /** Null on a namespace of the cluster alone (no operator started for it). */
    private OperatorHarness harness;
    private String ns;

    public InNamespace(OperatorHarness harness, String ns) {
        bind(harness.cluster(), harness, ns);
    }

    /** Not usable until {@link #bind}: for {@link TestNamespace}, which creates its namespace before all tests. */
    protected InNamespace() {
    }

    protected final void bind(LocalCluster cluster, OperatorHarness harness, String ns) {
        this.cluster = cluster;
        this.harness = harness;
        this.ns = ns;
    }

    public String name() {
        return ns;
    }

    public LocalCluster cluster() {
        return cluster;
    }

    public KubernetesClient client() {
        return cluster.client();
    }

    /** The operator under test (and the CRD), for a namespace created with one. */
    public OperatorHarness harness() {
        if (harness == null) {
            throw new IllegalStateException("namespace " + ns + " was created on the cluster alone, without the operator");
        }
        return harness;
    }

    public NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> mds() {
        return harness().mds(ns);
    }

    public ModelDeploymentView md(String name) {
        return harness().md(ns, name);
    }

    /** {@link OperatorHarness#restartOperator} for a deployment of this namespace. */
    public <T> T restartOperator(String name, java.util.function.Supplier<T> whileStopped) {
        return harness().restartOperator(ns, name, whileStopped);
    }

    /** Waits for the phase; the assertion message carries the last status seen. */
    public ModelDeploymentView awaitPhase(String name, String phase) {
        return harness().awaitPhase(ns, name, phase);
    }

    /** Applies a sample file from {@code samples/} into the namespace with kubectl, as a user would. */
    public void applySample(String file) {
        harness().applySample(ns, file);
    }

    public void create(GenericKubernetesResource md) {
        mds().resource(md).create();
    }

    /** JSON merge patch of the spec, as {@code kubectl patch --type merge} does. */
    public void patchSpec(String md, Map<String, Object> spec) {
        mds().withName(md).patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of("spec", spec)));
    }

    /** The API key a user reads from the deployment's Secret. */
    public String apiKey(String md) {
        Secret secret = client().secrets().inNamespace(ns).withName(md + "-api-key").get();
        return new String(Base64.getDecoder().decode(secret.getData().get("apiKey")), StandardCharsets.UTF_8);
    }

    public Pod pod(String name) {
        return client().pods().inNamespace(ns).withName(name).get();
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
        return client().v1().events().inNamespace(ns).list().getItems().stream()
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
