package io.modeldeploy.operator.events;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** What `kubectl describe` shows about an object. Messages must never carry a secret. */
public interface Events {
    void normal(HasMetadata object, String reason, String message);

    void warning(HasMetadata object, String reason, String message);
}
