package io.modeldeploy.sim.node;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A simulated node and its loopback subnet. Linux routes all of 127.0.0.0/8 to the loopback
 * interface without configuration, so node {@code i} owns {@code 127.b.i.0/24} (b is the configured
 * loopback octet, 1 by default): the node itself is {@code 127.b.i.1} and its pods get {@code 127.b.i.2..254}. An engine simulator bound to a pod's IP
 * and container port is therefore reachable at exactly {@code podIP:port}, as in a real cluster.
 */
record SimulatedNode(NodeSimulatorConfig.NodeSpec spec, int block, int index) {

    SimulatedNode {
        if (index < 1 || index > 250) {
            throw new IllegalArgumentException("node index out of range: " + index);
        }
    }

    String name() {
        return spec.name();
    }

    String address() {
        return subnetAddress(1);
    }

    String subnetAddress(int host) {
        return prefix() + host;
    }

    boolean ownsAddress(String ip) {
        return ip != null && ip.startsWith(prefix());
    }

    private String prefix() {
        return "127." + block + "." + index + ".";
    }

    static InetAddress inet(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + ip, e);
        }
    }
}
