package io.modeldeploy.sim.engine;

import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.modeldeploy.sim.engine.EngineTestSupport.get;
import static io.modeldeploy.sim.engine.EngineTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

class EngineLifecycleTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final List<EngineSimulator> engines = new ArrayList<>();

    @AfterEach
    void stopEngines() {
        engines.forEach(EngineSimulator::close);
    }

    private EngineSimulator start(EngineLaunch launch, EngineOptions options) {
        EngineSimulator engine = EngineSimulator.start(launch, options);
        engines.add(engine);
        return engine;
    }

    private static EngineLaunch vllmLaunch(int port, String... extra) {
        List<String> command = new ArrayList<>(List.of("vllm", "serve", "org/m", "--port", Integer.toString(port)));
        command.addAll(List.of(extra));
        return EngineTestSupport.launch("vllm/vllm-openai:v0.9.1", command, List.of(),
                Map.of("VLLM_ALLOW_RUNTIME_LORA_UPDATING", "true"));
    }

    @Test
    void refusesConnectionsWhileLoadingThenAnswers() {
        int port = EngineTestSupport.freePort();
        EngineSimulator engine = start(vllmLaunch(port),
                EngineOptions.defaults().withLoadDelay(Duration.ofMillis(1500)));

        assertThat(engine.isServing()).isFalse();
        assertThat(accepts(engine.address())).as("nothing listens while the weights load").isFalse();

        Await.until("the engine serving", PATIENCE, engine::isServing);
        assertThat(get(engine, "/health").statusCode()).isEqualTo(200);
    }

    @Test
    void aRestartKeepsStartupAdaptersAndLosesRuntimeOnes() {
        int port = EngineTestSupport.freePort();
        EngineLaunch launch = vllmLaunch(port, "--enable-lora", "--lora-modules", "base-sql=/a/sql");
        EngineOptions options = EngineOptions.defaults().withBindAddress(EngineTestSupport.ip("127.0.0.2"));
        EngineSimulator first = start(launch, options);
        assertThat(first.address().getAddress().getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(post(first, "/v1/load_lora_adapter", "{\"lora_name\":\"late\",\"lora_path\":\"/a/late\"}").statusCode())
                .isEqualTo(200);
        assertThat(first.loadedAdapters()).containsExactly("base-sql", "late");

        first.close();
        assertThat(first.isServing()).isFalse();
        assertThat(accepts(first.address())).isFalse();
        EngineSimulator second = start(launch, options);

        assertThat(second.isServing()).as("the port was released at once").isTrue();
        assertThat(second.loadedAdapters()).containsExactly("base-sql");
        assertThat(get(second, "/v1/models").body()).contains("base-sql").doesNotContain("late");
    }

    @Test
    void closeReleasesThePort() throws IOException {
        int port = EngineTestSupport.freePort();
        EngineSimulator engine = start(vllmLaunch(port), EngineOptions.defaults());
        assertThat(accepts(engine.address())).isTrue();

        engine.close();
        engine.close(); // idempotent

        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(engine.address().getAddress(), port));
            assertThat(again.isBound()).isTrue();
        }
    }

    @Test
    void closingWhileLoadingNeverBindsThePort() throws InterruptedException {
        int port = EngineTestSupport.freePort();
        EngineSimulator engine = start(vllmLaunch(port), EngineOptions.defaults().withLoadDelay(Duration.ofMillis(200)));

        engine.close();
        assertThat(engine.awaitLoadingEnded(PATIENCE)).as("the load cancelled or run to its end").isTrue();

        assertThat(engine.isServing()).isFalse();
        assertThat(accepts(engine.address())).isFalse();
    }

    @Test
    void aTakenPortIsAStartupError() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(EngineTestSupport.ip("127.0.0.1"), 0));
            EngineSimulator engine = start(vllmLaunch(taken.getLocalPort()), EngineOptions.defaults());

            assertThat(engine.isServing()).isFalse();
            assertThat(engine.startupError()).hasValueSatisfying(e -> assertThat(e).contains("cannot bind"));
        }
    }

    private static boolean accepts(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
