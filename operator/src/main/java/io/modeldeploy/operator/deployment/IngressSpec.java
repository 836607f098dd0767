package io.modeldeploy.operator.deployment;

import java.util.Optional;

/** spec.exposure.ingress. */
public record IngressSpec(String host, Optional<String> className, Optional<String> tlsSecretName) {
}
