package io.modeldeploy.gateway.route;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightTest {
    @Test
    void countsPerInstanceAndPerDeployment() {
        InFlight f = new InFlight();
        f.start("ns/chat", "ns/pod-1");
        f.start("ns/chat", "ns/pod-1");
        f.start("ns/chat", "ns/pod-2");
        assertThat(f.instance("ns/pod-1")).isEqualTo(2);
        assertThat(f.deployment("ns/chat").get()).isEqualTo(3);
        f.finish("ns/chat", "ns/pod-1");
        f.finish("ns/chat", "ns/pod-1");
        assertThat(f.instance("ns/pod-1")).isZero();
        assertThat(f.deployment("ns/chat").get()).isEqualTo(1);
    }
}
