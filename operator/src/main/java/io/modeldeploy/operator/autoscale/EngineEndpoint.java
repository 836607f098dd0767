package io.modeldeploy.operator.autoscale;

import io.modeldeploy.operator.engine.Engine;

/**
 * A ready instance whose engine reports its queue: the pod (a multi-node group's leader) and the engine's port.
 *
 * @param instance the pod's name, for messages
 */
public record EngineEndpoint(String instance, String podIp, int port, Engine engine) {
}
