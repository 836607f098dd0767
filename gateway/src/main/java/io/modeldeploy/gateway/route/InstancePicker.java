package io.modeldeploy.gateway.route;

import io.modeldeploy.gateway.catalog.Instance;

import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/** Chooses one of a deployment's candidate instances for a request. */
public interface InstancePicker {
    /**
     * @param candidates ready instances that may serve the request (never empty)
     * @param prefix     the request's prompt prefix (PrefixHash), or empty
     * @param load       requests in flight per instance
     */
    Optional<Instance> pick(List<Instance> candidates, String prefix, ToIntFunction<Instance> load);
}
