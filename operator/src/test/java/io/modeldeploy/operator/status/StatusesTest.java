package io.modeldeploy.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.Mode;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.deployment.DeploymentRef;
import io.modeldeploy.operator.validate.SpecError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatusesTest {

    @Test
    void baseStatusCarriesTheSpecDerivedFields() {
        ModelDeploymentStatus status = Statuses.base(Fixtures.resolve(Fixtures.vllmQuickStart()));

        assertThat(status.getObservedGeneration()).isEqualTo(Fixtures.GENERATION);
        assertThat(status.getMode()).isEqualTo(Mode.QuickStart);
        assertThat(status.getServiceId()).isEqualTo(Fixtures.UID);
        assertThat(status.getModelId()).isEqualTo("Qwen/Qwen2.5-7B-Instruct");
        assertThat(status.getServedNames()).containsExactly("qwen-chat", "qwen");
        assertThat(status.getServiceUrl()).isEqualTo("http://qwen-chat.team-a.svc:8000/v1");
        assertThat(status.getApiKeySecret()).isEqualTo("qwen-chat-api-key");
        assertThat(status.getGpu()).isEqualTo("2xH100");
    }

    @Test
    void serviceUrlIsTheIngressUrlWithHttpsWhenTlsIsSet() {
        ModelDeployment md = Fixtures.modelDeployment(Fixtures.VLLM_SPEC
                + "exposure: {ingress: {host: qwen.example.com, tlsSecretName: qwen-tls}}\n");

        assertThat(Statuses.base(Fixtures.resolve(md)).getServiceUrl()).isEqualTo("https://qwen.example.com/v1");
    }

    @Test
    void serviceUrlIsTheIngressUrlWithHttpWithoutTls() {
        ModelDeployment md = Fixtures.modelDeployment(Fixtures.VLLM_SPEC + "exposure: {ingress: {host: qwen.example.com}}\n");

        assertThat(Statuses.base(Fixtures.resolve(md)).getServiceUrl()).isEqualTo("http://qwen.example.com/v1");
    }

    @Test
    void apiKeySecretIsTheUsersSecretWhenGiven() {
        ModelDeployment md = Fixtures.modelDeployment(Fixtures.VLLM_SPEC + "apiKey: {secretRef: {name: my-key, key: token}}\n");

        assertThat(Statuses.base(Fixtures.resolve(md)).getApiKeySecret()).isEqualTo("my-key");
    }

    @Test
    void gpuColumnCountsTheNodesOfAMultiNodeInstance() {
        ModelDeployment md = Fixtures.vllmQuickStart();
        md.getSpec().getQuickStart().getResources().setWorkers(2);

        assertThat(Statuses.base(Fixtures.resolve(md)).getGpu()).isEqualTo("2xH100 x 2 nodes");
    }

    @Test
    void gpuColumnSaysNoneForCpuOnly() {
        ModelDeployment md = Fixtures.vllmQuickStart();
        md.getSpec().getQuickStart().getResources().getGpu().setCount(0);

        assertThat(Statuses.base(Fixtures.resolve(md)).getGpu()).isEqualTo("none");
    }

    @Test
    void gpuColumnIsEmptyForExpertMode() {
        assertThat(Statuses.base(Fixtures.resolve(Fixtures.expert())).getGpu()).isNull();
    }

    @Test
    void failedStatusNamesEveryFieldInReadyAndDegraded() {
        ModelDeploymentStatus status = failed(Fixtures.vllmQuickStart(), "InvalidSpec", List.of(
                new SpecError("spec.replicas", "must be >= 0"), new SpecError("spec.quickStart.resources.cpu", "'x' is not a Kubernetes quantity")));

        assertThat(status.getPhase()).isEqualTo(Phase.Failed);
        assertThat(status.getObservedGeneration()).isEqualTo(Fixtures.GENERATION);
        Condition ready = Conditions.find(status.getConditions(), "Ready").orElseThrow();
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("InvalidSpec");
        assertThat(ready.getMessage()).isEqualTo("spec.replicas: must be >= 0; spec.quickStart.resources.cpu: 'x' is not a Kubernetes quantity");
        Condition degraded = Conditions.find(status.getConditions(), "Degraded").orElseThrow();
        assertThat(degraded.getStatus()).isEqualTo("True");
        assertThat(degraded.getReason()).isEqualTo("InvalidSpec");
        assertThat(Conditions.find(status.getConditions(), "Progressing").orElseThrow().getStatus()).isEqualTo("False");
    }

    @Test
    void failedStatusOfASpecWithoutModeHasNoMode() {
        ModelDeployment md = Fixtures.vllmQuickStart();
        md.getSpec().setQuickStart(null);

        assertThat(failed(md, "InvalidSpec", List.of(new SpecError("spec", "x"))).getMode()).isNull();
    }

    private static ModelDeploymentStatus failed(ModelDeployment md, String reason, List<SpecError> errors) {
        return Statuses.failed(DeploymentRef.of(md), Fixtures.resolver().resolve(md).mode(), reason, errors);
    }
}
