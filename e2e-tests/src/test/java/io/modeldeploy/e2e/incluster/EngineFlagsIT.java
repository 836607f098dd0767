package io.modeldeploy.e2e.incluster;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.modeldeploy.e2e.support.Manifests;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.TestNamespace;
import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.modeldeploy.e2e.support.Manifests.section;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Engine flags on the REAL API server, with engines SIMULATED as strictly as their argparse: a flag the
 * engine does not know crash-loops its pods, and the deployment says so in the engine's own words; a spec
 * whose engine release cannot take the flags the operator would set is refused before any pod exists.
 */
class EngineFlagsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String REFUSAL = "api_server.py: error: unrecognized arguments: --max-model-lenn 4096";

    @RegisterExtension
    static final TestNamespace ns = TestNamespace.withOperator("engine-flags");

    @Test
    void aMisspeltBackendArgCrashLoopsTheEngineAndStatusQuotesIt() {
        GenericKubernetesResource md = Manifests.quickStart("misspelt", "Qwen/Qwen2.5-0.5B-Instruct", "vllm", "0.8.4",
                "{cpu: \"2\", memory: 8Gi, gpu: {type: L40S, count: 1}}", "");
        section(md, "spec", "quickStart").put("backendArgs", List.of("--max-model-lenn", "4096"));
        ns.create(md);

        Await.until("Degraded CrashLoopBackOff", TIMEOUT,
                () -> ns.md("misspelt").conditionIs("Degraded", "True", "CrashLoopBackOff"));
        ModelDeploymentView view = ns.md("misspelt");
        assertThat(view.phase()).isEqualTo("Starting");
        assertThat(view.conditionMessage("Degraded")).contains("last exit code 2: " + REFUSAL);
        assertThat(view.instances()).singleElement()
                .satisfies(i -> assertThat(String.valueOf(i.get("message"))).contains(REFUSAL));

        Pod pod = ns.client().pods().inNamespace(ns.name()).withLabel("modeldeploy.io/deployment", "misspelt")
                .list().getItems().get(0);
        ContainerStateTerminated last = pod.getStatus().getContainerStatuses().get(0).getLastState().getTerminated();
        assertThat(last.getExitCode()).as("argparse's exit status").isEqualTo(2);
        assertThat(last.getMessage()).isEqualTo(REFUSAL);
    }

    @Test
    void sglangBeforeItsRunTimeAdapterFlagsIsRefusedWithAdapters() {
        GenericKubernetesResource md = Manifests.quickStart("old-sglang", "meta-llama/Llama-3.1-8B-Instruct", "sglang",
                "0.4.9", "{cpu: \"2\", memory: 8Gi, gpu: {type: L40S, count: 1}}", "");
        section(md, "spec").put("adapters", List.of(Map.of("name", "sql", "uri", "hf://org/sql-lora")));
        ns.create(md);

        ModelDeploymentView view = ns.awaitPhase("old-sglang", "Failed");
        assertThat(view.conditionIs("Ready", "False", "InvalidSpec")).isTrue();
        assertThat(view.conditionMessage("Ready")).contains("spec.adapters").contains("from 0.5 on");
        assertThat(Optional.ofNullable(ns.client().apps().deployments().inNamespace(ns.name()).withName("old-sglang").get()))
                .as("no pods for a spec the engine would refuse").isEmpty();
    }
}
