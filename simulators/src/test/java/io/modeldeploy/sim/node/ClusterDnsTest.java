package io.modeldeploy.sim.node;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** CoreDNS's rules for headless Services, as the SIMULATED cluster DNS plays them. */
class ClusterDnsTest {
    private static final String LEADER = "foo-0.foo-leaders.team.svc";

    private final List<Pod> pods = new ArrayList<>();
    private final List<Service> services = new ArrayList<>();
    private final ClusterDns dns = new ClusterDns(() -> pods, (ns, name) -> services.stream()
            .filter(s -> s.getMetadata().getNamespace().equals(ns) && s.getMetadata().getName().equals(name))
            .findFirst().orElse(null));

    @Test
    void podHostnameUnderAHeadlessServiceResolvesToThePodIp() {
        services.add(headless("foo-leaders", "team", false));
        pods.add(pod("foo-0", "team", "foo-0", "foo-leaders", "10.0.0.5", true));

        assertThat(dns.resolveIp(LEADER)).contains("10.0.0.5");
        assertThat(dns.resolveIp(LEADER + ".cluster.local")).contains("10.0.0.5");
        assertThat(dns.resolveIp(LEADER + ".cluster.local.")).contains("10.0.0.5");
        assertThat(dns.resolveIp("FOO-0.foo-leaders.team.svc")).as("DNS names are case-insensitive").contains("10.0.0.5");
        assertThat(dns.resolveIp("foo-leaders.team.svc")).as("the Service name lists its pods").contains("10.0.0.5");
        assertThat(dns.resolveIp("foo-0.foo-leaders")).as("short names are not resolved here").isEmpty();
    }

    @Test
    void withoutAMatchingHeadlessServiceThereIsNoRecord() {
        pods.add(pod("foo-0", "team", "foo-0", "foo-leaders", "10.0.0.5", true));
        assertThat(dns.resolveIp(LEADER)).as("no Service").isEmpty();

        services.add(new ServiceBuilder(headless("foo-leaders", "team", false)).editSpec().withClusterIP("10.96.0.10")
                .endSpec().build());
        assertThat(dns.resolveIp(LEADER)).as("a ClusterIP Service makes no per-pod records").isEmpty();

        services.clear();
        services.add(new ServiceBuilder(headless("foo-leaders", "team", false)).editSpec()
                .withSelector(Map.of("app", "other")).endSpec().build());
        assertThat(dns.resolveIp(LEADER)).as("selector does not match the pod").isEmpty();

        services.clear();
        services.add(headless("foo-leaders", "elsewhere", false));
        assertThat(dns.resolveIp(LEADER)).as("Service in another namespace").isEmpty();
    }

    @Test
    void hostnameAndSubdomainMustBothMatch() {
        services.add(headless("foo-leaders", "team", false));
        pods.add(pod("foo-0", "team", "foo-0", "other-subdomain", "10.0.0.5", true));
        pods.add(pod("foo-1", "team", null, "foo-leaders", "10.0.0.6", true));

        assertThat(dns.resolveIp(LEADER)).isEmpty();
        assertThat(dns.resolveIp("foo-1.foo-leaders.team.svc")).as("a pod without spec.hostname has no record").isEmpty();
    }

    @Test
    void notReadyPodsResolveOnlyWhenTheServicePublishesNotReadyAddresses() {
        pods.add(pod("foo-0", "team", "foo-0", "foo-leaders", "10.0.0.5", false));
        services.add(headless("foo-leaders", "team", false));
        assertThat(dns.resolveIp(LEADER)).isEmpty();

        services.clear();
        services.add(headless("foo-leaders", "team", true));
        assertThat(dns.resolveIp(LEADER)).contains("10.0.0.5");
    }

    @Test
    void podsWithoutAnIpOrFinishedHaveNoRecord() {
        services.add(headless("foo-leaders", "team", true));
        pods.add(pod("foo-0", "team", "foo-0", "foo-leaders", null, false));
        assertThat(dns.resolveIp(LEADER)).isEmpty();

        pods.clear();
        Pod failed = pod("foo-0", "team", "foo-0", "foo-leaders", "10.0.0.5", false);
        failed.getStatus().setPhase("Failed");
        pods.add(failed);
        assertThat(dns.resolveIp(LEADER)).isEmpty();
    }

    @Test
    void ipLiteralsResolveToThemselves() {
        assertThat(dns.resolveIp("127.2.3.4")).contains("127.2.3.4");
        assertThat(dns.resolve("127.2.3.4")).hasValueSatisfying(a -> assertThat(a.getHostAddress()).isEqualTo("127.2.3.4"));
        assertThat(dns.resolveIp("example.com")).isEmpty();
    }

    private static Service headless(String name, String namespace, boolean publishNotReady) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withClusterIP("None").withSelector(Map.of("app", "foo", "role", "leader"))
                .withPublishNotReadyAddresses(publishNotReady).endSpec().build();
    }

    private static Pod pod(String name, String namespace, String hostname, String subdomain, String ip, boolean ready) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(Map.of("app", "foo", "role", "leader")).endMetadata()
                .withNewSpec().withHostname(hostname).withSubdomain(subdomain).endSpec()
                .withNewStatus().withPhase("Running").withPodIP(ip)
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus().build();
    }
}
