package io.modeldeploy.operator.provider;

import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.DeletionPolicy;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.api.v1alpha1.Target;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AppliedSpecTest {

    private static ModelDeployment managed(Map<String, Object> options) {
        ModelDeployment md = Fixtures.vllmQuickStart();
        Target target = new Target();
        target.setProvider(Provider.DRun);
        target.setOptions(Provider.DRun, options);
        md.getSpec().setTarget(target);
        return md;
    }

    @Test
    void replicasStoppedAndDeletionPolicyDoNotCount() {
        ModelDeployment md = managed(Map.of("region", "sh-02"));
        String before = AppliedSpec.digest(md.getSpec());

        md.getSpec().setReplicas(5);
        md.getSpec().setStopped(true);
        md.getSpec().getTarget().setDeletionPolicy(DeletionPolicy.Retain);

        assertThat(AppliedSpec.digest(md.getSpec())).isEqualTo(before);
    }

    @Test
    void aModelOrOptionChangeCounts() {
        ModelDeployment md = managed(Map.of("region", "sh-02"));
        String before = AppliedSpec.digest(md.getSpec());

        md.getSpec().getModel().setId("Qwen/Qwen2.5-14B-Instruct");
        assertThat(AppliedSpec.digest(md.getSpec())).isNotEqualTo(before);

        ModelDeployment other = managed(Map.of("region", "sh-03"));
        assertThat(AppliedSpec.digest(other.getSpec())).isNotEqualTo(before);
    }

    @Test
    void theOrderOptionsWereWrittenInDoesNotCount() {
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("region", "sh-02");
        ab.put("skuId", "sku-1");
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("skuId", "sku-1");
        ba.put("region", "sh-02");

        assertThat(AppliedSpec.digest(managed(ab).getSpec())).isEqualTo(AppliedSpec.digest(managed(ba).getSpec()));
    }

    @Test
    void theSpecItselfIsNotChanged() {
        ModelDeployment md = managed(Map.of("region", "sh-02"));
        md.getSpec().setReplicas(3);

        AppliedSpec.digest(md.getSpec());

        assertThat(md.getSpec().getReplicas()).isEqualTo(3);
    }

    /**
     * The digest lives in status across operator processes and releases: one computed differently by the next
     * process (Map.of iterates in a per-JVM order) would make every managed deployment look changed at restart.
     * Pinned, so each surefire JVM checks it against the value every earlier one computed.
     */
    @Test
    void theDigestOfAFixedSpecIsTheSameInEveryProcess() {
        ModelDeployment md = managed(Map.of("region", "sh-02", "skuId", "sku-1", "paymentMethods", "PAY_AS_YOU_GO",
                "enableMetrics", "false"));
        md.getSpec().getModel().setId("Qwen/Qwen2.5-7B-Instruct");

        assertThat(AppliedSpec.digest(md.getSpec())).isEqualTo("eb00665ba0ef641c");
    }
}
