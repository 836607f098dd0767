package io.modeldeploy.operator.provider;

/**
 * spec.target.endpoint is not a URL the installation lets credentials go to; the message says why and which
 * prefixes are allowed, without repeating a userinfo part.
 */
public final class EndpointRefused extends Exception {
    public EndpointRefused(String message) {
        super(message);
    }
}
