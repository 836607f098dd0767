package io.modeldeploy.operator.validate;

import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An installation's limits on how much one deployment asks for, checked by the resolver (the schema cannot). */
class SpecLimitsTest {
    private static final SpecLimits LIMITS = new SpecLimits(4, 2, 8);

    private static List<SpecError> errors(ModelDeployment md, SpecLimits limits) {
        return new DeploymentResolver(Fixtures.providers(), TenantPolicy.STRICT, true, limits).resolve(md).errors();
    }

    private static ModelDeployment multiNode(int replicas, int workers, int gpus) {
        return Fixtures.modelDeployment("""
                model: {id: meta-llama/Llama-3.1-405B-Instruct}
                replicas: %d
                quickStart:
                  backend: vllm
                  backendVersion: "0.8.4"
                  resources: {workers: %d, cpu: "8", memory: 64Gi, gpu: {type: H200, count: %d}}
                """.formatted(replicas, workers, gpus));
    }

    @Test
    void atTheLimitsEverythingIsAllowed() {
        assertThat(errors(multiNode(4, 2, 8), LIMITS)).isEmpty();
    }

    @Test
    void eachNumberAboveItsLimitIsRefusedNamingTheFieldTheLimitAndTheSetting() {
        List<SpecError> errors = errors(multiNode(5, 3, 9), LIMITS);

        assertThat(errors).extracting(SpecError::field).containsExactlyInAnyOrder(
                "spec.replicas", "spec.quickStart.resources.workers", "spec.quickStart.resources.gpu.count");
        assertThat(errors).filteredOn(e -> e.field().equals("spec.replicas")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("5").contains("limit of 4")
                        .contains("modeldeploy.policy.max-replicas"));
        assertThat(errors).filteredOn(e -> e.field().equals("spec.quickStart.resources.workers")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("limit of 2").contains("max-workers"));
        assertThat(errors).filteredOn(e -> e.field().endsWith("gpu.count")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("limit of 8").contains("max-gpus"));
    }

    @Test
    void theDefaultsRefuseWhatTheIssueFoundAccepted() {
        ModelDeployment many = Fixtures.vllmQuickStart();
        many.getSpec().setReplicas(100_000);

        assertThat(errors(many, SpecLimits.DEFAULT)).extracting(SpecError::field).containsExactly("spec.replicas");
        assertThat(errors(multiNode(1, 500, 8), SpecLimits.DEFAULT)).extracting(SpecError::field)
                .containsExactly("spec.quickStart.resources.workers");
    }

    @Test
    void theResolverWithoutExplicitLimitsUsesTheDefaults() {
        ModelDeployment many = Fixtures.vllmQuickStart();
        many.getSpec().setReplicas(SpecLimits.DEFAULT.maxReplicas() + 1);

        assertThat(Fixtures.resolver().resolve(many).errors()).extracting(SpecError::field).containsExactly("spec.replicas");
    }
}
