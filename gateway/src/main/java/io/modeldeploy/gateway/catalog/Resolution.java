package io.modeldeploy.gateway.catalog;

import java.util.List;

/** What a client's {@code model} names. */
public sealed interface Resolution {
    /** @param engineModel the name to send on (the served string, without a namespace prefix) */
    record Found(DeploymentView deployment, String engineModel) implements Resolution {
    }

    record Unknown() implements Resolution {
    }

    /** @param candidates {@code <namespace>/<name>} of each, sorted */
    record Ambiguous(List<String> candidates) implements Resolution {
    }
}
