package io.modeldeploy.operator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.modeldeploy.operator.api.v1alpha1.Backend;
import io.modeldeploy.operator.deployment.GroupMember;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything that differs between inference engines ({@code shared/design/engines.md}): launch flags,
 * ports and probe paths, multi-node rendezvous, the run-time adapter API, spec rules and metric names.
 * One package per engine implements it; {@link Engines} is the only place that lists them.
 */
public interface Engine {
    /** Env var that carries the API key from its Secret, for engines that cannot read it from env themselves. */
    String API_KEY_ENV = "MODELDEPLOY_API_KEY";

    Backend backend();

    // ---------------------------------------------------------------- launch

    /** The engine's public image repository; an installation may name another ({@code modeldeploy.images.repository}). */
    String defaultImageRepository();

    int defaultPort();

    List<String> command();

    /** What the operator knows when it writes an engine's flags. */
    record Inputs(String model, List<String> servedNames, int tensorParallelSize) {
    }

    /** The operator's flags; the API key never appears in them, not even as a {@code $(VAR)} reference. */
    EngineArgs operatorArgs(Inputs inputs);

    /** The env var the API key Secret is mapped to. */
    String apiKeyEnv();

    /** How many adapters an engine must have room for, and of which rank, fixed when it starts. */
    record LoraRoom(int capacity, int maxRank, String targetModules) {
    }

    /**
     * Adds the flags that let the engine load adapters at run time, with room for {@code room.capacity()} of
     * them (set at start: later adapters must fit without a restart).
     */
    EngineArgs withLora(EngineArgs args, LoraRoom room);

    /** Env the engine needs for its run-time adapter API. */
    default Map<String, String> loraEnv() {
        return Map.of();
    }

    /** Answers 200 once the model is loaded and the engine can generate. */
    String readinessPath();

    /** Answers 200 while the process is alive. */
    String livenessPath();

    /** Whether an expert template's container runs this engine, from its image and command line. */
    boolean launches(Container container);

    // ---------------------------------------------------------------- multi-node

    /**
     * Adds the flags that spread one instance over a multi-node group (to the operator's flags, before the
     * user's backendArgs override them).
     */
    EngineArgs withGroup(EngineArgs args, GroupMember member, String leaderAddress, int gpusPerNode);

    /** How one member of a multi-node group starts, from its final engine flags. */
    MemberLaunch memberLaunch(GroupMember member, EngineArgs args);

    /**
     * A group member's container command and args; {@code answersHttp} is false for members that run no
     * HTTP server at all (they get neither the http port nor probes).
     */
    record MemberLaunch(List<String> command, List<String> args, boolean answersHttp) {
    }

    /** A port the group's members reach their leader on, published by the leaders Service. */
    record NamedPort(String name, int port) {
    }

    /** Where workers meet their leader (Ray's head, a rendezvous). */
    NamedPort rendezvousPort();

    // ---------------------------------------------------------------- run time

    /** The path of a run-time adapter route ({@code /load_lora_adapter}, {@code /unload_lora_adapter}). */
    String adapterRoute(String route);

    /** Whether a 2xx answer to a load or unload still says no. */
    default boolean refusedDespiteSuccess(JsonNode body) {
        return false;
    }

    /** What a client sends as "model" to reach an adapter on an engine serving {@code baseServedName}. */
    String adapterModelName(String baseServedName, String adapter);

    /** The engine's Prometheus gauges of its own queue: the autoscaler's engine-side signal. */
    QueueMetrics queueMetrics();

    /**
     * @param running gauge of requests in the engine's running batch
     * @param waiting gauge of requests waiting for a slot in it
     */
    record QueueMetrics(String running, String waiting) {
    }

    // ---------------------------------------------------------------- spec rules

    /** What this engine refuses in a quickStart spec, as messages about {@code spec.model.servedNames}. */
    default Optional<String> servedNamesProblem(List<String> servedNames) {
        return Optional.empty();
    }

    /**
     * Why this engine release cannot serve adapters the way {@link #withLora} sets them up (its parser would
     * refuse those flags at start), as a message about {@code spec.adapters}; empty when it can or when the
     * version names no release.
     */
    default Optional<String> adaptersProblem(String backendVersion) {
        return Optional.empty();
    }
}
