package io.modeldeploy.operator.adapters;

import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.deployment.AdapterLocation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WantedAdaptersTest {

    private static ModelDeployment base(String adaptersYaml) {
        return Fixtures.manifest("""
                apiVersion: modeldeploy.io/v1alpha1
                kind: ModelDeployment
                metadata: {name: qwen-base}
                spec:
                  model: {id: Qwen/Qwen2.5-7B-Instruct}
                  quickStart: {backend: vllm, backendVersion: "0.8.4", resources: {}}
                  adapters: %s
                """.formatted(adaptersYaml));
    }

    private static ModelDeployment service(String name, String base, String created, String... adapters) {
        StringBuilder list = new StringBuilder();
        for (String a : adapters) {
            list.append("\n    - {name: ").append(a).append(", uri: hf://org/").append(a).append("}");
        }
        return Fixtures.manifest("""
                apiVersion: modeldeploy.io/v1alpha1
                kind: ModelDeployment
                metadata: {name: %s, creationTimestamp: "%s"}
                spec:
                  model: {id: Qwen/Qwen2.5-7B-Instruct}
                  lora: {baseRef: {name: %s}}
                  adapters:%s
                """.formatted(name, created, base, list));
    }

    private static WantedAdapters wanted(ModelDeployment base, List<ModelDeployment> all) {
        return WantedAdapters.of(Fixtures.resolve(base),
                WantedAdapters.servicesOn(Fixtures.resolve(base), all, md -> Fixtures.resolver().resolve(md).deployment()));
    }

    private static List<String> names(WantedAdapters wanted) {
        return wanted.adapters().stream().map(AdapterLocation::name).toList();
    }

    @Test
    void ownAdaptersThenThoseOfTheLoraServicesOnIt_oldestFirst() {
        ModelDeployment base = base("[{name: own, uri: hf://org/own}]");
        List<ModelDeployment> all = List.of(base,
                service("newer", "qwen-base", "2026-11-02T00:00:00Z", "b"),
                service("older", "qwen-base", "2026-11-01T00:00:00Z", "a"),
                service("elsewhere", "other-base", "2026-11-01T00:00:00Z", "z"));

        WantedAdapters wanted = wanted(base, all);

        assertThat(names(wanted)).containsExactly("own", "a", "b");
        assertThat(wanted.conflicts()).isEmpty();
    }

    @Test
    void aServiceBeingDeletedContributesNothing_soItsAdaptersGetUnloaded() {
        ModelDeployment base = base("[]");
        ModelDeployment leaving = service("leaving", "qwen-base", "2026-11-01T00:00:00Z", "a");
        leaving.getMetadata().setDeletionTimestamp("2026-11-03T00:00:00Z");

        assertThat(names(wanted(base, List.of(base, leaving)))).isEmpty();
    }

    @Test
    void aNameAlreadyTakenIsLeftOutAndReportedAgainstTheLaterService() {
        ModelDeployment base = base("[{name: sql, uri: hf://org/sql}]");
        List<ModelDeployment> all = List.of(base,
                service("first", "qwen-base", "2026-11-01T00:00:00Z", "chat"),
                service("second", "qwen-base", "2026-11-02T00:00:00Z", "chat", "sql", "extra"));

        WantedAdapters wanted = wanted(base, all);

        assertThat(names(wanted)).containsExactly("sql", "chat", "extra");
        assertThat(wanted.conflicts()).containsOnlyKeys("second");
        assertThat(wanted.conflicts().get("second")).contains("adapter chat").contains("adapter sql");
    }

    @Test
    void loraServicesOfFindsOnlyThoseNamingTheBase() {
        ModelDeployment base = base("[]");
        ModelDeployment mine = service("mine", "qwen-base", "2026-11-01T00:00:00Z", "a");
        ModelDeployment other = service("other", "another", "2026-11-01T00:00:00Z", "b");

        assertThat(WantedAdapters.servicesOn(Fixtures.resolve(base), List.of(base, mine, other), md -> Fixtures.resolver().resolve(md).deployment())
                .stream().map(s -> s.deployment().name()).toList()).containsExactly(mine.getMetadata().getName());
    }
}
