package io.modeldeploy.operator.validate;

import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.Autoscaling;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.deployment.AutoscalePolicy;
import io.modeldeploy.operator.provider.Providers;
import io.modeldeploy.operator.provider.VendorHttp;
import io.modeldeploy.operator.provider.alayanew.AlayaNewProvider;
import io.modeldeploy.operator.provider.drun.DRunProvider;
import io.modeldeploy.operator.provider.qianfan.QianfanProvider;
import io.modeldeploy.operator.provider.zstack.ZStackProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** spec.autoscaling as the resolver reads it: defaults, bounds, and where it cannot work. */
class AutoscalingRulesTest {
    private static final DeploymentResolver RESOLVER = new DeploymentResolver(installation(), TenantPolicy.STRICT, true,
            new SpecLimits(10, 16, 16));

    private static Providers installation() {
        VendorHttp http = new VendorHttp();
        return new Providers(List.of(new AlayaNewProvider(http), new DRunProvider(http), new QianfanProvider(http),
                new ZStackProvider(http)), Map.of(), Map.of("zstack", List.of("http://zstack-mn.example.internal:8080"),
                "drun", List.of("https://hydra.d-run.example")));
    }

    private static Autoscaling autoscaling(Integer min, Integer max, Integer target, String delay) {
        Autoscaling a = new Autoscaling();
        a.setMinReplicas(min);
        a.setMaxReplicas(max);
        a.setTargetInFlight(target);
        a.setScaleDownDelay(delay);
        return a;
    }

    private static ModelDeployment with(ModelDeployment md, Autoscaling a) {
        md.getSpec().setAutoscaling(a);
        return md;
    }

    private static ModelDeployment sample(String file) throws IOException {
        // A sample may hold several documents (a base and its LoRA service): the first is the base.
        return Fixtures.manifest(java.util.stream.Stream.of(Files.readString(Path.of("..", "samples", file))
                .split("(?m)^---\\s*$")).filter(d -> d.contains("kind:")).findFirst().orElseThrow());
    }

    private static Optional<AutoscalePolicy> policy(ModelDeployment md) {
        Resolution r = RESOLVER.resolve(md);
        assertThat(r.errors()).isEmpty();
        return r.deployment().orElseThrow().autoscaling();
    }

    private static List<SpecError> errors(ModelDeployment md) {
        return RESOLVER.resolve(md).errors();
    }

    @Test
    void absentMeansNoScaler() {
        assertThat(policy(Fixtures.vllmQuickStart())).isEmpty();
    }

    @Test
    void defaultsAreThoseOfTheSchema() {
        assertThat(policy(with(Fixtures.vllmQuickStart(), autoscaling(null, 4, null, null))))
                .contains(new AutoscalePolicy(1, 4, 8, Duration.ofMinutes(5)));
    }

    @Test
    void everyFieldIsRead() {
        assertThat(policy(with(Fixtures.sglangQuickStart(), autoscaling(0, 6, 3, "1h30m15s"))))
                .contains(new AutoscalePolicy(0, 6, 3, Duration.ofSeconds(5415)));
        assertThat(policy(with(Fixtures.expert(), autoscaling(0, 1, 1, "45s"))).orElseThrow().scaleDownDelay())
                .isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void resolvedDeploymentKeepsSpecReplicasUntilTheScalerDecides() {
        var d = RESOLVER.resolve(with(Fixtures.vllmQuickStart(), autoscaling(0, 4, null, null))).deployment().orElseThrow();

        assertThat(d.replicas()).isEqualTo(2);
        assertThat(d.scale()).isEmpty();
    }

    @Test
    void multiNodeGroupsScaleAsOneReplicaEach() throws IOException {
        assertThat(policy(with(sample("multinode-vllm.yaml"), autoscaling(0, 2, 4, "2m")))).isPresent();
    }

    @Test
    void minAboveMaxIsRefused() {
        assertThat(errors(with(Fixtures.vllmQuickStart(), autoscaling(3, 2, null, null))))
                .containsExactly(new SpecError("spec.autoscaling.minReplicas", "3 is above maxReplicas 2"));
    }

    @Test
    void maxIsRequiredAndWithinTheInstallationsLimit() {
        assertThat(errors(with(Fixtures.vllmQuickStart(), autoscaling(null, null, null, null))))
                .containsExactly(new SpecError("spec.autoscaling.maxReplicas", "is required"));
        assertThat(errors(with(Fixtures.vllmQuickStart(), autoscaling(null, 11, null, null))))
                .containsExactly(new SpecError("spec.autoscaling.maxReplicas", "11 is above this installation's limit"
                        + " of 10 (operator setting modeldeploy.policy.max-replicas)"));
    }

    @Test
    void numbersTheSchemaBoundsAreCheckedToo() {
        assertThat(errors(with(Fixtures.vllmQuickStart(), autoscaling(-1, 0, 0, null)))).extracting(SpecError::field)
                .containsExactlyInAnyOrder("spec.autoscaling.maxReplicas", "spec.autoscaling.minReplicas",
                        "spec.autoscaling.targetInFlight");
    }

    @Test
    void aDelayThatIsNoDurationIsRefused() {
        assertThat(errors(with(Fixtures.vllmQuickStart(), autoscaling(null, 2, null, "")))).extracting(SpecError::field)
                .containsExactly("spec.autoscaling.scaleDownDelay");
        assertThat(errors(with(Fixtures.vllmQuickStart(), autoscaling(null, 2, null, "5 minutes"))).get(0).message())
                .isEqualTo("'5 minutes' is not a duration like 30s, 5m or 1h30m");
    }

    @Test
    void aLoraServiceIsRefusedItRunsNoEngine() {
        List<SpecError> errors = errors(with(Fixtures.lora(), autoscaling(0, 2, null, null)));

        assertThat(errors).extracting(SpecError::field).containsExactly("spec.autoscaling");
        assertThat(errors.get(0).message()).contains("runs no engine").contains("base deployment");
    }

    @Test
    void aVendorWithoutAScaleCallIsRefused() throws IOException {
        List<SpecError> errors = errors(with(sample("zstack.yaml"), autoscaling(1, 2, null, null)));

        assertThat(errors).extracting(SpecError::field).containsExactly("spec.autoscaling");
        assertThat(errors.get(0).message()).startsWith("ZStack publishes no call that changes a service's replicas");
    }

    @Test
    void vendorsWithAScaleCallScaleBetweenOneAndMax() throws IOException {
        for (String sample : List.of("drun.yaml", "qianfan.yaml", "alayanew.yaml")) {
            assertThat(policy(with(sample(sample), autoscaling(1, 3, null, null)))).as(sample).isPresent();
            List<SpecError> zero = errors(with(sample(sample), autoscaling(0, 3, null, null)));
            assertThat(zero).as(sample).extracting(SpecError::field).containsExactly("spec.autoscaling.minReplicas");
            assertThat(zero.get(0).message()).as(sample).contains("must be >= 1 on").contains("would never be woken");
        }
    }
}
