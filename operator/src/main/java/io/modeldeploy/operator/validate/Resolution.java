package io.modeldeploy.operator.validate;

import io.modeldeploy.operator.api.v1alpha1.Mode;
import io.modeldeploy.operator.deployment.ResolvedDeployment;

import java.util.List;
import java.util.Optional;

/** What a spec resolves to: the deployment, or every field the user must fix. */
public sealed interface Resolution {

    record Valid(ResolvedDeployment resolved) implements Resolution {
        @Override
        public Optional<Mode> mode() {
            return Optional.of(resolved.mode());
        }
    }

    /** @param mode the mode block that is set, when exactly one is (the status still shows it) */
    record Invalid(List<SpecError> errors, Optional<Mode> mode) implements Resolution {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }

    /** The mode block that is set, when exactly one is. */
    Optional<Mode> mode();

    /** The errors; empty for a valid spec. */
    default List<SpecError> errors() {
        return this instanceof Invalid invalid ? invalid.errors() : List.of();
    }

    default Optional<ResolvedDeployment> deployment() {
        return this instanceof Valid valid ? Optional.of(valid.resolved()) : Optional.empty();
    }
}
