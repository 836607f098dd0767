package io.modeldeploy.operator.autoscale;

import java.net.InetAddress;
import java.net.Inet6Address;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The gateway replicas behind the configured base URLs: a host name that resolves to several addresses (the chart's
 * headless Service) is one replica per address.
 */
public final class GatewayReplicas {
    /** Resolves a host to its addresses; a seam for tests, {@link InetAddress#getAllByName} in production. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final List<URI> bases;
    private final Resolver resolver;

    public GatewayReplicas(List<URI> bases, Resolver resolver) {
        this.bases = List.copyOf(bases);
        for (URI base : bases) {
            if (base.getHost() == null || !("http".equals(base.getScheme()) || "https".equals(base.getScheme()))) {
                throw new IllegalArgumentException("modeldeploy.autoscaling.gateway-urls: '" + base
                        + "' is not an http(s) URL with a host");
            }
        }
        this.resolver = resolver;
    }

    /** Parses the comma-separated setting. */
    public static List<URI> parse(List<String> urls) {
        return urls.stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s)).toList();
    }

    public int configured() {
        return bases.size();
    }

    /**
     * One base URL per replica, by address. A host that does not resolve now counts as one replica that will not
     * answer: the scaler must not take a lost name for an idle gateway.
     */
    public List<URI> resolve() {
        Set<URI> out = new LinkedHashSet<>();
        for (URI base : bases) {
            InetAddress[] addresses;
            try {
                addresses = resolver.resolve(base.getHost());
            } catch (UnknownHostException e) {
                out.add(base);
                continue;
            }
            for (InetAddress address : addresses) {
                String host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
                out.add(URI.create(base.getScheme() + "://" + host + (base.getPort() < 0 ? "" : ":" + base.getPort())
                        + (base.getRawPath() == null ? "" : base.getRawPath())));
            }
        }
        return new ArrayList<>(out);
    }
}
