package io.modeldeploy.sim.engine;

import java.util.Optional;

/**
 * The model a request runs on.
 *
 * @param requested what the request named, echoed in the reply's {@code model}
 * @param base      the served name of the base model
 * @param adapter   the loaded LoRA adapter applied, if any
 */
record ModelTarget(String requested, String base, Optional<String> adapter) {

    /** The adapter's name when one is applied, else the base served name. */
    String label() {
        return adapter.orElse(base);
    }
}
