package io.modeldeploy.operator.validate;

import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An installation without multi-node instances gave the operator no pod rights: workers > 1 is refused up front. */
class MultiNodeSwitchTest {
    private static final DeploymentResolver WITHOUT_MULTI_NODE =
            new DeploymentResolver(Fixtures.providers(), TenantPolicy.STRICT, false);

    private static ModelDeployment workers(int workers) {
        ModelDeployment md = Fixtures.vllmQuickStart();
        md.getSpec().getQuickStart().getResources().setWorkers(workers);
        md.getSpec().getQuickStart().getResources().getGpu().setCount(1);
        return md;
    }

    @Test
    void workersAboveOneAreRefusedNamingTheSwitch() {
        Resolution resolution = WITHOUT_MULTI_NODE.resolve(workers(2));

        assertThat(resolution.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("spec.quickStart.resources.workers");
            assertThat(e.message()).contains("disabled in this installation").contains("multiNode.enabled");
        });
    }

    @Test
    void singleNodeDeploymentsStillResolve() {
        assertThat(WITHOUT_MULTI_NODE.resolve(workers(1)).deployment()).isPresent();
    }

    @Test
    void withMultiNodeOnTheSameSpecResolves() {
        assertThat(new DeploymentResolver(Fixtures.providers(), TenantPolicy.STRICT, true).resolve(workers(2))
                .deployment()).isPresent();
    }
}
