package io.modeldeploy.sim.group;

import java.net.InetAddress;
import java.util.Optional;

/** Name resolution as a simulated pod sees it (the node simulator's SIMULATED cluster DNS). */
@FunctionalInterface
public interface Resolver {
    /** The address of {@code host} (a DNS name or an IP literal), or empty when the name does not resolve now. */
    Optional<InetAddress> resolve(String host);
}
