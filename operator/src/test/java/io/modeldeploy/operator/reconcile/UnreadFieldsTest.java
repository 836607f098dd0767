package io.modeldeploy.operator.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.render.ApiKeyRef;
import io.modeldeploy.operator.render.DeploymentRenderer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the operator's client leaves out when it reads, and that what it writes is whole. */
class UnreadFieldsTest {
    private static final String MANAGED_FIELDS = """
            "managedFields": [{"manager": "modeldeployment", "operation": "Apply", "subresource": "status",
                               "fieldsType": "FieldsV1", "fieldsV1": {"f:status": {"f:phase": {}}}}]""";

    private final ObjectMapper mapper = new ObjectMapper();

    UnreadFieldsTest() {
        new UnreadFields().customize(mapper);
    }

    @Test
    void aModelDeploymentIsReadWithoutItsManagedFieldsAndNothingElseLost() throws Exception {
        ModelDeployment md = mapper.readValue("""
                {"apiVersion": "modeldeploy.io/v1alpha1", "kind": "ModelDeployment",
                 "metadata": {"name": "qwen", "namespace": "team-a", "resourceVersion": "7",
                              "finalizers": ["modeldeployments.modeldeploy.io/finalizer"], %s},
                 "spec": {"replicas": 2}, "status": {"phase": "Running"}}""".formatted(MANAGED_FIELDS), ModelDeployment.class);

        assertThat(md.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(md.getMetadata().getName()).isEqualTo("qwen");
        assertThat(md.getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(md.getMetadata().getFinalizers()).containsExactly("modeldeployments.modeldeploy.io/finalizer");
        assertThat(md.getSpec().getReplicas()).isEqualTo(2);
        assertThat(md.getStatus().getPhase().name()).isEqualTo("Running");
    }

    @Test
    void anExpertTemplateInAModelDeploymentIsReadWhole() throws Exception {
        ModelDeployment md = mapper.readValue(mapper.writeValueAsString(Fixtures.expert()), ModelDeployment.class);

        assertThat(md.getSpec()).isEqualTo(Fixtures.expert().getSpec());
    }

    @Test
    void aDeploymentIsReadWithoutItsPodTemplateAndItsManagedFieldsKept() throws Exception {
        Deployment deployment = mapper.readValue("""
                {"apiVersion": "apps/v1", "kind": "Deployment",
                 "metadata": {"name": "qwen", "generation": 3, "annotations": {"modeldeploy.io/desired-digest": "abc"}, %s},
                 "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "qwen"}},
                          "template": {"metadata": {"labels": {"app": "qwen"}},
                                       "spec": {"containers": [{"name": "engine", "image": "vllm/vllm-openai"}]}}},
                 "status": {"observedGeneration": 3, "replicas": 2, "updatedReplicas": 2}}""".formatted(MANAGED_FIELDS),
                Deployment.class);

        assertThat(deployment.getSpec().getTemplate()).isNull();
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getMetadata().getAnnotations()).containsEntry("modeldeploy.io/desired-digest", "abc");
        assertThat(deployment.getMetadata().getManagedFields()).as("for the apply ownership hand-over").hasSize(1);
        assertThat(deployment.getStatus().getUpdatedReplicas()).isEqualTo(2);
    }

    @Test
    void aDeploymentTheOperatorWritesKeepsItsPodTemplate() throws Exception {
        ResolvedDeployment d = Fixtures.resolver().resolve(Fixtures.vllmQuickStart()).deployment().orElseThrow();
        Deployment rendered = DeploymentRenderer.render(d, new ApiKeyRef("qwen-api-key", "apiKey", "digest"),
                Fixtures.settings());

        assertThat(mapper.readTree(mapper.writeValueAsString(rendered)).path("spec").path("template").path("spec")
                .path("containers").size()).isEqualTo(1);
    }

    @Test
    void aPodIsReadWithItsNodeNameAloneOfItsSpec() throws Exception {
        Pod pod = mapper.readValue("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "qwen-0", "labels": {"app": "qwen"}},
                 "spec": {"containers": [{"name": "engine", "args": ["--port", "8000"],
                                          "readinessProbe": {"httpGet": {"path": "/health", "port": 8000}}}],
                          "nodeName": "gpu-node-1", "volumes": [{"name": "shm", "emptyDir": {"medium": "Memory"}}],
                          "tolerations": [{"key": "nvidia.com/gpu", "operator": "Exists"}]},
                 "status": {"phase": "Running", "podIP": "10.0.0.7",
                            "conditions": [{"type": "Ready", "status": "True"}]}}""", Pod.class);

        assertThat(pod.getSpec().getNodeName()).isEqualTo("gpu-node-1");
        assertThat(pod.getSpec().getContainers()).isEmpty();
        assertThat(pod.getSpec().getVolumes()).isEmpty();
        assertThat(pod.getMetadata().getLabels()).containsEntry("app", "qwen");
        assertThat(pod.getStatus().getPodIP()).isEqualTo("10.0.0.7");
        assertThat(pod.getStatus().getConditions()).singleElement().satisfies(c -> assertThat(c.getType()).isEqualTo("Ready"));
    }

    @Test
    void anUnscheduledPodHasNoNodeName() throws Exception {
        Pod pod = mapper.readValue("""
                {"kind": "Pod", "metadata": {"name": "qwen-0"}, "spec": {"containers": [], "nodeName": null}}""", Pod.class);

        assertThat(pod.getSpec().getNodeName()).isNull();
    }
}
