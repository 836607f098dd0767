package io.modeldeploy.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The gateway's settings; every key is settable by environment variable, e.g. {@code MODELDEPLOY_GATEWAY_REPLICAS}. */
@ConfigMapping(prefix = "modeldeploy.gateway")
public interface GatewayConfig {
    /** The gateway's own namespace: the only one whose Secrets it reads (the keys the operator publishes there). */
    String namespace();

    /** Namespaces whose ModelDeployments and pods it serves; empty: all. */
    @WithName("watch-namespaces")
    Optional<List<String>> watchNamespaces();

    /**
     * Gateway replicas sharing the rate limits (the chart sets its replica count): each enforces its share. Used
     * while the live count is unknown, see {@link #peerSelector()}.
     */
    @WithDefault("1")
    int replicas();

    /**
     * Labels ({@code k=v,k2=v2}) of the gateway's own pods in its namespace: when set, the Ready ones are counted as
     * the replicas sharing the rate limits.
     */
    @WithName("peer-selector")
    Optional<String> peerSelector();

    /** How long an adapter request waits for an instance that holds the adapter before a 503. */
    @WithName("adapter-wait")
    @WithDefault("30s")
    Duration adapterWait();

    /** Largest request body accepted. */
    @WithName("max-body-bytes")
    @WithDefault("8388608")
    long maxBodyBytes();

    @WithName("connect-timeout")
    @WithDefault("5s")
    Duration connectTimeout();

    /** Characters of the prompt PrefixHash keys on. */
    @WithName("prefix-length")
    @WithDefault("256")
    int prefixLength();

    /** PrefixHash's bound: no instance takes more than this times the average load. */
    @WithName("load-factor")
    @WithDefault("1.25")
    double loadFactor();

    /**
     * How long an idle upstream connection is kept: shorter than the engines' own idle timeout (uvicorn's is 5 s),
     * so the gateway closes it first and never sends a request on a connection the engine is closing.
     */
    @WithName("upstream-keep-alive")
    @WithDefault("4s")
    Duration upstreamKeepAlive();

    /** Connections kept per upstream host. */
    @WithName("pool-size")
    @WithDefault("512")
    int poolSize();

    /**
     * How long an upstream may take to start answering (its response headers; a non-streamed answer comes whole, so
     * this must exceed the longest generation). A hung instance counts as a failure: retried once on another
     * instance, else the client gets a 504.
     */
    @WithName("upstream-timeout")
    @WithDefault("5m")
    Duration upstreamTimeout();

    /** The hold queue: requests of an autoscaled deployment with no ready instance wait for one. */
    Hold hold();

    interface Hold {
        /** Requests held per deployment; more are answered 503 with Retry-After at once. */
        @WithName("max-per-deployment")
        @WithDefault("256")
        int maxPerDeployment();

        /** How long a request is held before a 503 saying why the deployment is not ready. */
        @WithDefault("5m")
        Duration timeout();
    }
}
