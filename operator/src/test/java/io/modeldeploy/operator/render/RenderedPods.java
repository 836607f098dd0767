package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.deployment.ResolvedDeployment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Every kind of pod the operator renders itself, by a readable name: what the pod-wide checks run over. */
final class RenderedPods {
    private RenderedPods() {
    }

    static Map<String, PodSpec> all(RenderSettings settings) {
        Map<String, PodSpec> out = new LinkedHashMap<>();
        out.put("vllm quickStart", single(Fixtures.vllmQuickStart(), settings));
        out.put("sglang quickStart", single(Fixtures.sglangQuickStart(), settings));
        out.put("vllm quickStart with adapter-sync sidecar", single(withAdapters(Fixtures.vllmQuickStart()), settings));
        out.put("sglang quickStart with adapter-sync sidecar", single(withAdapters(Fixtures.sglangLoraCapableQuickStart()), settings));
        addGroup(out, "vllm", Fixtures.vllmQuickStart(), settings);
        addGroup(out, "sglang", Fixtures.sglangQuickStart(), settings);
        return out;
    }

    private static ModelDeployment withAdapters(ModelDeployment md) {
        md.getSpec().setAdapters(Fixtures.adapters("sql", "chat"));
        return md;
    }

    private static PodSpec single(ModelDeployment md, RenderSettings settings) {
        return DeploymentRenderer.render(Fixtures.resolve(md), Fixtures.apiKeyRef(), settings).getSpec().getTemplate().getSpec();
    }

    private static void addGroup(Map<String, PodSpec> out, String engine, ModelDeployment md, RenderSettings settings) {
        md.getSpec().getQuickStart().getResources().setWorkers(2);
        md.getSpec().getQuickStart().getResources().getGpu().setCount(2);
        ResolvedDeployment d = Fixtures.resolve(md);
        var pods = GroupPodRenderer.render(d, Fixtures.apiKeyRef(), settings, 0, "abcde", Optional.empty());
        out.put(engine + " group leader", pods.get(0).getSpec());
        out.put(engine + " group worker", pods.get(1).getSpec());
    }
}
