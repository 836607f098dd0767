package io.modeldeploy.operator.deployment;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.modeldeploy.operator.api.v1alpha1.Backend;

import java.util.List;
import java.util.Optional;

/** What runs: the engine the operator configures, the user's pod template, or adapters on another deployment. */
public sealed interface Workload {

    /** The engine behind the serving container; empty for a LoRA service, which runs no engine of its own. */
    Optional<Backend> backend();

    /**
     * quickStart: the operator writes the engine's command line.
     *
     * @param port the port the engine listens on: the user's {@code --port}, else the engine's default
     */
    record QuickStart(Backend engine, String version, List<String> backendArgs, ComputeResources resources, int port)
            implements Workload {
        public QuickStart {
            backendArgs = List.copyOf(backendArgs);
        }

        @Override
        public Optional<Backend> backend() {
            return Optional.of(engine);
        }
    }

    /**
     * expert: the user's pod template.
     *
     * @param servingContainer the first container that declares {@code port}
     * @param engine           the engine that container runs, as far as its image and command tell
     */
    record Expert(PodTemplateSpec template, int port, String servingContainer, Backend engine) implements Workload {
        @Override
        public Optional<Backend> backend() {
            return Optional.of(engine);
        }
    }

    /** lora: adapters served by the engines of the deployment {@code baseName}. */
    record LoraService(String baseName) implements Workload {
        @Override
        public Optional<Backend> backend() {
            return Optional.empty();
        }
    }
}
