package io.modeldeploy.operator.engine;

import io.fabric8.kubernetes.api.model.Container;
import io.modeldeploy.operator.api.v1alpha1.Backend;
import io.modeldeploy.operator.engine.sglang.Sglang;
import io.modeldeploy.operator.engine.vllm.Vllm;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/** The engines this operator knows, one per {@link Backend}: the only place that lists them. */
public final class Engines {
    private static final Map<Backend, Engine> ENGINES = new EnumMap<>(Backend.class);

    static {
        for (Backend backend : Backend.values()) {
            ENGINES.put(backend, create(backend));
        }
    }

    private Engines() {
    }

    /** Exhaustive: a new Backend constant does not compile until it has its engine here. */
    private static Engine create(Backend backend) {
        return switch (backend) {
            case VLLM -> new Vllm();
            case SGLANG -> new Sglang();
        };
    }

    public static Engine of(Backend backend) {
        return ENGINES.get(backend);
    }

    /**
     * The engine an expert template's serving container runs: the first whose launch it recognises, else the
     * first backend (the template is the user's: the operator only needs the run-time adapter API right).
     */
    public static Engine running(Container container) {
        return Arrays.stream(Backend.values()).map(Engines::of).filter(e -> e.launches(container)).findFirst()
                .orElse(of(Backend.values()[0]));
    }
}
