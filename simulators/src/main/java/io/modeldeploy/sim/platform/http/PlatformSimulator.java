package io.modeldeploy.sim.platform.http;

/**
 * What every SIMULATED vendor API offers a test or the command line, whatever the vendor: where it listens, its
 * faults, and the requests it received.
 */
public interface PlatformSimulator extends AutoCloseable {

    /** {@code http://host:port}: what a provider's endpoint setting takes in place of the vendor's host. */
    String baseUrl();

    /** The vendor's documented base URL on this simulator, e.g. {@code baseUrl() + "/api/serverless-infer/v1"}. */
    String apiBaseUrl();

    Faults faults();

    RequestLog requests();

    /** Stops serving and frees the port at once. */
    @Override
    void close();
}
