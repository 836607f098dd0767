package io.modeldeploy.e2e.bench;

import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The JVM options the Helm chart gives the operator ({@code jvmOptions}), with {@code -XX:MaxRAM} set to the chart's
 * memory limit (outside a container the JVM would size its heap from the whole machine's memory instead), and the
 * malloc arenas it sets ({@code mallocArenaMax}).
 */
final class ChartJvm {
    private ChartJvm() {
    }

    @SuppressWarnings("unchecked")
    static List<String> options(Path root) throws IOException {
        Map<String, Object> values = Serialization.unmarshal(Files.readString(root.resolve("helm-chart/values.yaml")), Map.class);
        String limit = (String) ((Map<String, Object>) ((Map<String, Object>) values.get("resources")).get("limits")).get("memory");
        List<String> out = new ArrayList<>(List.of("-XX:MaxRAM=" + limit.replace("Mi", "m").replace("Gi", "g")));
        out.addAll(Arrays.asList(((String) values.get("jvmOptions")).trim().split("\\s+")));
        return out;
    }

    /** The environment the chart gives the operator's process besides the JVM options: its malloc arenas. */
    @SuppressWarnings("unchecked")
    static Map<String, String> env(Path root) throws IOException {
        Map<String, Object> values = Serialization.unmarshal(Files.readString(root.resolve("helm-chart/values.yaml")), Map.class);
        Object arenas = values.get("mallocArenaMax");
        return arenas == null || arenas.toString().isBlank() ? Map.of() : Map.of("MALLOC_ARENA_MAX", arenas.toString());
    }
}
