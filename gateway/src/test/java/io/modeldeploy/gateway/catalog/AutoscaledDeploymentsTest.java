package io.modeldeploy.gateway.catalog;

import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.api.v1alpha1.Target;
import org.junit.jupiter.api.Test;

import static io.modeldeploy.gateway.catalog.Deployments.autoscaled;
import static io.modeldeploy.gateway.catalog.Deployments.served;
import static org.assertj.core.api.Assertions.assertThat;

class AutoscaledDeploymentsTest {

    @Test
    void withoutAutoscalingThereIsNothing() {
        assertThat(AutoscaledDeployments.of(served("ns", "chat", "chat"))).isEmpty();
    }

    @Test
    void theReadyConditionsMessageIsKeptAndNoneIsEmpty() {
        assertThat(AutoscaledDeployments.of(autoscaled(served("ns", "chat", "chat"), "0/3 nodes have GPU type B200")))
                .contains(new Autoscaled("ns", "chat", true, "0/3 nodes have GPU type B200"));
        ModelDeployment fresh = autoscaled(served("ns", "new", "new"), null);
        fresh.setStatus(null);
        assertThat(AutoscaledDeployments.of(fresh)).contains(new Autoscaled("ns", "new", true, ""));
    }

    @Test
    void aManagedTargetIsNotInCluster() {
        ModelDeployment md = autoscaled(served("ns", "vendor", "vendor"), null);
        Target target = new Target();
        target.setProvider(Provider.AlayaNeW);
        md.getSpec().setTarget(target);

        assertThat(AutoscaledDeployments.of(md).orElseThrow().inCluster()).isFalse();
    }
}
