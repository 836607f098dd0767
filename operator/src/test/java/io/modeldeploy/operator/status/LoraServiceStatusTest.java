package io.modeldeploy.operator.status;

import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.adapters.InstanceAdapters;
import io.modeldeploy.operator.api.v1alpha1.Backend;
import io.modeldeploy.operator.api.v1alpha1.InstanceStatus;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LoraServiceStatusTest {
    private final ModelDeployment service = Fixtures.lora(); // adapter sql-lora on qwen-base

    private static ModelDeployment base(Phase phase, List<InstanceStatus> instances) {
        ModelDeployment base = Fixtures.manifest("""
                apiVersion: modeldeploy.io/v1alpha1
                kind: ModelDeployment
                metadata: {name: qwen-base, uid: base-uid}
                spec:
                  model: {id: Qwen/Qwen2.5-7B-Instruct}
                  quickStart: {backend: vllm, backendVersion: "0.8.4", resources: {}}
                  adapters: []
                """);
        ModelDeploymentStatus status = new ModelDeploymentStatus();
        status.setPhase(phase);
        status.setServiceId("base-uid");
        status.setServiceUrl("http://qwen-base.team-a.svc:8000/v1");
        status.setApiKeySecret("qwen-base-api-key");
        status.setServedNames(List.of("qwen-base"));
        status.setModelId("Qwen/Qwen2.5-7B-Instruct");
        status.setInstances(instances);
        base.setStatus(status);
        return base;
    }

    private static InstanceStatus instance(String pod, boolean ready, String... lora) {
        InstanceStatus i = new InstanceStatus();
        i.setInstanceId(pod);
        i.setReady(ready);
        i.setLoraModels(new ArrayList<>(List.of(lora)));
        return i;
    }

    private static Optional<LoraBase> baseOf(Optional<ModelDeployment> base) {
        return base.map(b -> LoraBase.of(b.getMetadata().getName(), Fixtures.resolver().resolve(b), b.getStatus()));
    }

    private static String reason(ModelDeploymentStatus status, String type) {
        return status.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow().getReason();
    }

    @Test
    void runningWhenEveryBaseInstanceHoldsTheAdapters_withTheBasesUrlKeyAndId() {
        ModelDeployment base = base(Phase.Running, List.of(instance("p1", true, "sql-lora", "other"),
                instance("p2", true, "sql-lora")));

        ModelDeploymentStatus status = LoraServiceStatus.compute(Fixtures.resolve(service), baseOf(Optional.of(base)), Map.of(), Optional.empty());

        assertThat(status.getPhase()).isEqualTo(Phase.Running);
        assertThat(status.getBaseServiceId()).isEqualTo("base-uid");
        assertThat(status.getServiceUrl()).isEqualTo("http://qwen-base.team-a.svc:8000/v1");
        assertThat(status.getApiKeySecret()).isEqualTo("qwen-base-api-key");
        assertThat(status.getServedNames()).containsExactly("sql-lora");
        assertThat(status.getInstances()).extracting(InstanceStatus::getLoraModels)
                .containsExactly(List.of("sql-lora"), List.of("sql-lora"));
        assertThat(reason(status, "AdaptersReady")).isEqualTo("AllAdaptersLoaded");
        assertThat(status.getReadyReplicas()).isEqualTo(2);
    }

    @Test
    void theBasesLastSyncCountsBeforeItsStatus_whichIsWrittenAfterIt() {
        ModelDeployment base = base(Phase.Running, List.of(instance("p1", true), instance("p2", true)));
        var report = Map.of(
                "p1", new InstanceAdapters(true, List.of("sql-lora"), Map.of(), Map.of()),
                "p2", new InstanceAdapters(true, List.of("sql-lora"), Map.of(), Map.of()));

        ModelDeploymentStatus status = LoraServiceStatus.compute(Fixtures.resolve(service), baseOf(Optional.of(base)), report,
                Optional.empty());

        assertThat(status.getPhase()).isEqualTo(Phase.Running);
        assertThat(status.getInstances()).extracting(InstanceStatus::getLoraModels)
                .containsExactly(List.of("sql-lora"), List.of("sql-lora"));
    }

    @Test
    void anEngineThatDidNotAnswerTheLastSyncIsTakenAsTheBasesStatusSays() {
        ModelDeployment base = base(Phase.Running, List.of(instance("p1", true, "sql-lora")));
        var report = Map.of("p1", InstanceAdapters.unreachable("connection refused"));

        ModelDeploymentStatus status = LoraServiceStatus.compute(Fixtures.resolve(service), baseOf(Optional.of(base)), report,
                Optional.empty());

        assertThat(status.getInstances()).extracting(InstanceStatus::getLoraModels).containsExactly(List.of("sql-lora"));
    }

    @Test
    void startingWhileAnInstanceLacksTheAdapter() {
        ModelDeployment base = base(Phase.Running, List.of(instance("p1", true, "sql-lora"), instance("p2", true)));

        ModelDeploymentStatus status = LoraServiceStatus.compute(Fixtures.resolve(service), baseOf(Optional.of(base)), Map.of(), Optional.empty());

        assertThat(status.getPhase()).isEqualTo(Phase.Starting);
        assertThat(reason(status, "AdaptersReady")).isEqualTo("AdaptersLoading");
        assertThat(status.getReadyReplicas()).isEqualTo(1);
    }

    @Test
    void aRefusedLoadCarriesTheEnginesMessage() {
        ModelDeployment base = base(Phase.Running, List.of(instance("p1", true)));
        var report = Map.of("p1", new InstanceAdapters(true, List.of(), Map.of("sql-lora", "rank 128 > 64"), Map.of()));

        ModelDeploymentStatus status = LoraServiceStatus.compute(Fixtures.resolve(service), baseOf(Optional.of(base)), report, Optional.empty());

        assertThat(reason(status, "Degraded")).isEqualTo("AdapterLoadFailed");
        assertThat(status.getConditions()).anySatisfy(c -> assertThat(c.getMessage()).contains("rank 128 > 64"));
    }

    @Test
    void pendingWithoutABase_orABaseThatIsNotRunning_orHasNoLora() {
        assertThat(reason(LoraServiceStatus.compute(Fixtures.resolve(service), baseOf(Optional.empty()), Map.of(), Optional.empty()), "Ready"))
                .isEqualTo("BaseNotFound");
        ModelDeploymentStatus starting = LoraServiceStatus.compute(Fixtures.resolve(service), baseOf(Optional.of(base(Phase.Starting, List.of()))),
                Map.of(), Optional.empty());
        assertThat(starting.getPhase()).isEqualTo(Phase.Pending);
        assertThat(reason(starting, "Ready")).isEqualTo("BaseNotReady");

        ModelDeployment noLora = base(Phase.Running, List.of());
        noLora.getSpec().setAdapters(null);
        assertThat(reason(LoraServiceStatus.compute(Fixtures.resolve(service), baseOf(Optional.of(noLora)), Map.of(), Optional.empty()), "Ready"))
                .isEqualTo("BaseLoraDisabled");
    }

    @Test
    void onAnSglangBaseClientsNameTheBaseAndTheAdapter() {
        ModelDeployment base = base(Phase.Running, List.of(instance("p1", true, "sql-lora")));
        base.getSpec().getQuickStart().setBackend(Backend.SGLANG);

        ModelDeploymentStatus status = LoraServiceStatus.compute(Fixtures.resolve(service), baseOf(Optional.of(base)), Map.of(), Optional.empty());

        assertThat(status.getServedNames()).containsExactly("qwen-base:sql-lora");
    }

    @Test
    void aNameConflictIsDegradedAndNeverRunning() {
        ModelDeployment base = base(Phase.Running, List.of(instance("p1", true, "sql-lora")));

        ModelDeploymentStatus status = LoraServiceStatus.compute(Fixtures.resolve(service), baseOf(Optional.of(base)), Map.of(),
                Optional.of("adapter sql-lora is already served by another deployment on qwen-base"));

        assertThat(status.getPhase()).isEqualTo(Phase.Starting);
        assertThat(reason(status, "Degraded")).isEqualTo("AdapterNameConflict");
    }
}
