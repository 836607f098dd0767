package io.modeldeploy.sim.engine;

import java.util.Optional;

/**
 * A {@code ray start} found in a container's launch script: the Ray head ({@code ray start --head
 * [--port=N]}) or a Ray worker node joining a head ({@code ray start --address=<host>:<port>}).
 *
 * @param head        true for the head, false for a worker
 * @param port        the head's GCS port (head: the port it listens on; worker: the port it joins)
 * @param headHost    the worker's head address host (a DNS name or an IP); empty for the head
 */
public record RayStart(boolean head, int port, Optional<String> headHost) {
    /** Ray's default GCS port. */
    public static final int DEFAULT_PORT = 6379;

    public RayStart {
        headHost = headHost == null ? Optional.empty() : headHost;
    }

    static RayStart head(int port) {
        return new RayStart(true, port, Optional.empty());
    }

    /** {@code host:port} as {@code --address} takes it; the port defaults to 6379. */
    static RayStart worker(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            return new RayStart(false, DEFAULT_PORT, Optional.of(address));
        }
        try {
            return new RayStart(false, Integer.parseInt(address.substring(colon + 1)), Optional.of(address.substring(0, colon)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ray start: invalid --address " + address);
        }
    }
}
