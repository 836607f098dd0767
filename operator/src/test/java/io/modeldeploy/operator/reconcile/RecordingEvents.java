package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.modeldeploy.operator.events.Events;

import java.util.ArrayList;
import java.util.List;

/** Events as "Type Reason: message", in the order they were recorded. */
final class RecordingEvents implements Events {
    final List<String> recorded = new ArrayList<>();

    @Override
    public void normal(HasMetadata object, String reason, String message) {
        recorded.add("Normal " + reason + ": " + message);
    }

    @Override
    public void warning(HasMetadata object, String reason, String message) {
        recorded.add("Warning " + reason + ": " + message);
    }

    List<String> reasons() {
        return recorded.stream().map(e -> e.substring(0, e.indexOf(':'))).toList();
    }
}
