package io.modeldeploy.sim.platform;

import io.modeldeploy.sim.platform.http.PlatformSimulator;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformSimulatorArgsTest {

    @Test
    void parsesVendorPortCredentialsAndDelays() {
        PlatformSimulatorArgs args = PlatformSimulatorArgs.parse(new String[]{"zstack", "--port", "18082",
                "--account", "admin", "--password", "pw", "--deploy-delay", "500ms", "--session-ttl", "2m"});

        assertThat(args.vendor()).isEqualTo("zstack");
        assertThat(args.bind().getPort()).isEqualTo(18082);
        assertThat(args.bind().getHostString()).isEqualTo("127.0.0.1");
        assertThat(args.credential("account")).isEqualTo("admin");
        assertThat(args.options().deployDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(args.options().sessionTtl()).isEqualTo(Duration.ofMinutes(2));
        assertThat(args.options().transitionDelay()).as("default").isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void refusesMissingOrForeignCredentialsAndUnknownVendors() {
        assertThatThrownBy(() -> PlatformSimulatorArgs.parse(new String[]{"alayanew", "--access-key", "a"}))
                .hasMessageContaining("--secret-key");
        assertThatThrownBy(() -> PlatformSimulatorArgs.parse(new String[]{"drun", "--token", "t", "--account", "a"}))
                .hasMessageContaining("--account");
        assertThatThrownBy(() -> PlatformSimulatorArgs.parse(new String[]{"aws", "--token", "t"}))
                .hasMessageContaining("alayanew");
        assertThatThrownBy(() -> PlatformSimulatorArgs.parse(new String[]{"drun", "--token", "t", "--port", "x"}))
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> PlatformSimulatorArgs.parse(new String[]{"drun", "--token", "t", "--deploy-delay", "soon"}))
                .hasMessageContaining("--deploy-delay");
    }

    @Test
    void startsEachVendorOnAFreePort() {
        String[][] commands = {
                {"alayanew", "--access-key", "a", "--secret-key", "s"},
                {"qianfan", "--access-key", "a", "--secret-key", "s"},
                {"zstack", "--account", "admin", "--password", "p"},
                {"drun", "--token", "t"},
        };
        for (String[] command : commands) {
            try (PlatformSimulator simulator = PlatformSimulatorMain.start(PlatformSimulatorArgs.parse(command))) {
                assertThat(simulator.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
                assertThat(simulator.apiBaseUrl()).startsWith(simulator.baseUrl() + "/");
                PlatformHttp.Response unauthenticated = PlatformHttp.send("GET", simulator.apiBaseUrl() + "/x", null);
                assertThat(unauthenticated.status()).as(command[0]).isBetween(400, 499);
            }
        }
    }
}
