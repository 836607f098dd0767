package io.modeldeploy.operator.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LeanModelDeploymentsTest {
    private static final String MANAGED_FIELDS = """
            "managedFields": [{"manager": "modeldeployment", "operation": "Apply", "subresource": "status",
                               "fieldsType": "FieldsV1", "fieldsV1": {"f:status": {"f:phase": {}}}}]""";

    private final ObjectMapper mapper = new ObjectMapper();

    LeanModelDeploymentsTest() {
        new LeanModelDeployments().customize(mapper);
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
    void otherKindsKeepTheirsForTheApplyOwnershipHandOver() throws Exception {
        Deployment deployment = mapper.readValue("""
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "qwen", %s}}""".formatted(MANAGED_FIELDS),
                Deployment.class);

        assertThat(deployment.getMetadata().getManagedFields()).hasSize(1);
    }
}
