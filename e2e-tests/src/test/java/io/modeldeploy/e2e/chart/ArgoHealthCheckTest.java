package io.modeldeploy.e2e.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Argo CD health check ({@code helm-chart/argocd/modeldeployment-health.lua}) run with luaj on
 * ModelDeployments shaped like the operator's status, the way Argo CD runs it: the object as the
 * global {@code obj}, the result read from the returned table.
 */
class ArgoHealthCheckTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    record Health(String status, String message) {
    }

    @Test
    void noStatusYetIsProgressing() {
        assertThat(check("""
                metadata: {name: qwen, generation: 1}
                spec: {model: {id: Qwen/Qwen2.5-7B-Instruct}}
                """).status()).isEqualTo("Progressing");
    }

    @Test
    void statusOfAnOlderGenerationIsProgressingEvenIfItWasReady() {
        Health h = check(object(3, "{replicas: 2}", 2, "Running",
                condition("Ready", "True", "AllInstancesReady", "1/1 instances ready")));
        assertThat(h.status()).isEqualTo("Progressing");
        assertThat(h.message()).contains("latest spec");
    }

    @Test
    void stoppedIsSuspended() {
        Health h = check(object(4, "{stopped: true}", 4, "Stopped",
                condition("Ready", "False", "Stopped", "stopped by spec.stopped")));
        assertThat(h).isEqualTo(new Health("Suspended", "Stopped (phase Stopped)"));
    }

    @Test
    void scaledToZeroIsHealthyNothingIsWaitedFor() {
        String message = "scaled to zero by the autoscaler (scale to zero: nothing in flight or held for 5m);"
                + " a request through the gateway starts an instance";
        assertThat(check(object(1, "{autoscaling: {minReplicas: 0, maxReplicas: 2}}", 1, "Stopped",
                condition("Ready", "False", "ScaledToZero", message),
                condition("Degraded", "False", "AsExpected", ""))))
                .isEqualTo(new Health("Healthy", message));
    }

    @Test
    void readyIsHealthy() {
        assertThat(check(object(2, "{replicas: 2}", 2, "Running",
                condition("Ready", "True", "AllInstancesReady", "2/2 instances ready"),
                condition("Degraded", "False", "AsExpected", ""))))
                .isEqualTo(new Health("Healthy", "2/2 instances ready"));
    }

    @Test
    void failedIsDegradedWithTheFailingConditionsMessage() {
        assertThat(check(object(1, "{}", 1, "Failed",
                condition("Ready", "False", "InvalidSpec", "spec.model.id: is required"),
                condition("Progressing", "False", "InvalidSpec", "fix the spec to continue"),
                condition("Degraded", "True", "InvalidSpec", "spec.model.id: is required"))))
                .isEqualTo(new Health("Degraded", "spec.model.id: is required"));
    }

    @Test
    void failedWithoutADegradedConditionTakesTheReadyMessage() {
        assertThat(check(object(1, null, 1, "Failed",
                condition("Ready", "False", "ModeNotSupported", "multi-node is not supported yet"))))
                .isEqualTo(new Health("Degraded", "multi-node is not supported yet"));
    }

    @Test
    void degradedConditionIsDegradedWithItsMessage() {
        assertThat(check(object(1, null, 1, "Starting",
                condition("Ready", "False", "InstancesNotReady", "0/1 instances ready"),
                condition("Degraded", "True", "CrashLoopBackOff", "qwen-abc: engine exited with code 1"))))
                .isEqualTo(new Health("Degraded", "qwen-abc: engine exited with code 1"));
    }

    @Test
    void otherwiseProgressingWithTheReadyMessage() {
        assertThat(check(object(1, null, 1, "Pending",
                condition("Ready", "False", "Unschedulable", "0/4 nodes are available: 4 Insufficient nvidia.com/gpu"),
                condition("Degraded", "False", "AsExpected", ""))))
                .isEqualTo(new Health("Progressing", "0/4 nodes are available: 4 Insufficient nvidia.com/gpu"));
    }

    /**
     * A ModelDeployment, as YAML, at {@code generation} (with this spec, a YAML flow map, or none) whose status
     * observed {@code observedGeneration}, with its phase and these {@link #condition}s.
     */
    private static String object(int generation, String spec, int observedGeneration, String phase,
                                 String... conditions) {
        StringBuilder yaml = new StringBuilder("metadata: {name: qwen, generation: " + generation + "}\n");
        if (spec != null) {
            yaml.append("spec: ").append(spec).append('\n');
        }
        yaml.append("status:\n  observedGeneration: ").append(observedGeneration)
                .append("\n  phase: ").append(phase).append('\n');
        if (conditions.length > 0) {
            yaml.append("  conditions:\n");
            for (String condition : conditions) {
                yaml.append("    - ").append(condition).append('\n');
            }
        }
        return yaml.toString();
    }

    /** One status condition as a YAML flow map; status and message are strings. */
    private static String condition(String type, String status, String reason, String message) {
        return "{type: %s, status: \"%s\", reason: %s, message: \"%s\"}".formatted(type, status, reason, message);
    }

    private static Health check(String objectYaml) {
        try {
            String script = Files.readString(Chart.dir().resolve("argocd/modeldeployment-health.lua"));
            Globals globals = JsePlatform.standardGlobals();
            JsonNode object = YAML.readTree("apiVersion: modeldeploy.io/v1alpha1\nkind: ModelDeployment\n" + objectYaml);
            globals.set("obj", toLua(object));
            LuaValue result = globals.load(script, "modeldeployment-health.lua").call();
            return new Health(result.get("status").tojstring(), result.get("message").optjstring(null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON to Lua as Argo CD hands it over: objects and arrays become tables (arrays from index 1). */
    private static LuaValue toLua(JsonNode node) {
        if (node.isObject()) {
            LuaTable table = new LuaTable();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                table.set(field.getKey(), toLua(field.getValue()));
            }
            return table;
        }
        if (node.isArray()) {
            LuaTable table = new LuaTable();
            for (int i = 0; i < node.size(); i++) {
                table.set(i + 1, toLua(node.get(i)));
            }
            return table;
        }
        if (node.isBoolean()) {
            return LuaValue.valueOf(node.booleanValue());
        }
        if (node.isNumber()) {
            return LuaValue.valueOf(node.doubleValue());
        }
        if (node.isNull()) {
            return LuaValue.NIL;
        }
        return LuaValue.valueOf(node.asText());
    }
}
