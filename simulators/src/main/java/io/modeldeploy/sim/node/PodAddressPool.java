package io.modeldeploy.sim.node;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/** Hands out pod IPs from each simulated node's loopback /24, reusing released ones. */
final class PodAddressPool {
    private static final int FIRST_HOST = 2;
    private static final int LAST_HOST = 254;

    private final Map<String, BitSet> usedByNode = new HashMap<>();

    synchronized String allocate(SimulatedNode node) {
        BitSet used = usedByNode.computeIfAbsent(node.name(), n -> new BitSet());
        int host = used.nextClearBit(FIRST_HOST);
        if (host > LAST_HOST) {
            throw new IllegalStateException("no pod addresses left on " + node.name());
        }
        used.set(host);
        return node.subnetAddress(host);
    }

    /** Marks an address already held by a pod (after a simulator restart) as taken; false if it is not this node's. */
    synchronized boolean claim(SimulatedNode node, String ip) {
        if (!node.ownsAddress(ip)) {
            return false;
        }
        int host = Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1));
        BitSet used = usedByNode.computeIfAbsent(node.name(), n -> new BitSet());
        if (host < FIRST_HOST || host > LAST_HOST || used.get(host)) {
            return false;
        }
        used.set(host);
        return true;
    }

    synchronized void release(SimulatedNode node, String ip) {
        if (node.ownsAddress(ip)) {
            BitSet used = usedByNode.get(node.name());
            if (used != null) {
                used.clear(Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1)));
            }
        }
    }
}
