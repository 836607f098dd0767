package io.modeldeploy.sim.group;

import io.modeldeploy.sim.testing.MultiNodeContract;

import io.modeldeploy.sim.engine.ContainerLaunch;
import io.modeldeploy.sim.engine.EngineOptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts simulated group members on loopback addresses of their own (127.77.&lt;n&gt;.&lt;m&gt;), with a DNS
 * the test fills in and fast heartbeats; closes them all afterwards.
 */
final class GroupFixture implements AutoCloseable {
    static final GroupTiming FAST = new GroupTiming(Duration.ofMillis(50), Duration.ofMillis(600), Duration.ofMillis(50));
    static final String LEADER_DNS = "foo-0.foo-leaders.team.svc";
    static final String LEADER_SCRIPT = MultiNodeContract.LEADER_SCRIPT;
    static final String WORKER_SCRIPT = MultiNodeContract.WORKER_SCRIPT;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** The simulated DNS of the test: name to IP. */
    final Map<String, String> dns = new ConcurrentHashMap<>();
    private final List<ContainerProcess> started = new ArrayList<>();
    private final int block;

    /** @param block third octet of this test's addresses, so tests never share one */
    GroupFixture(int block) {
        this.block = block;
    }

    /** A fixture whose DNS already resolves the leader's name to host 1, where the test starts the leader. */
    static GroupFixture withLeaderAtHost1(int block) {
        GroupFixture group = new GroupFixture(block);
        group.dns.put(LEADER_DNS, group.ip(1));
        return group;
    }

    String ip(int host) {
        return "127.77." + block + "." + host;
    }

    Resolver resolver() {
        return name -> Optional.ofNullable(dns.get(name)).map(GroupFixture::inet);
    }

    ContainerProcess vllmLeader(int host, int groupSize, int gpus, String... engineArgs) {
        return start(host, gpus, List.of("/bin/sh", "-c", LEADER_SCRIPT, "vllm-leader"), List.of(engineArgs),
                Map.of("MODELDEPLOY_GROUP_SIZE", Integer.toString(groupSize), "MODELDEPLOY_NODE_RANK", "0",
                        "MODELDEPLOY_LEADER_ADDRESS", LEADER_DNS));
    }

    ContainerProcess vllmWorker(int host, int rank, int gpus) {
        return start(host, gpus, List.of("/bin/sh", "-c", WORKER_SCRIPT), List.of(),
                Map.of("MODELDEPLOY_GROUP_SIZE", "2", "MODELDEPLOY_NODE_RANK", Integer.toString(rank),
                        "MODELDEPLOY_LEADER_ADDRESS", LEADER_DNS));
    }

    ContainerProcess sglang(int host, int gpus, int tp, int nnodes, int rank) {
        return start(host, gpus, List.of("python3", "-m", "sglang.launch_server"), List.of("--model-path", "/models/x",
                "--served-model-name", "foo", "--host", "0.0.0.0", "--port", "30000", "--tp-size", Integer.toString(tp),
                "--dist-init-addr", LEADER_DNS + ":5000", "--nnodes", Integer.toString(nnodes),
                "--node-rank", Integer.toString(rank)), Map.of());
    }

    ContainerProcess start(int host, int gpus, List<String> command, List<String> args, Map<String, String> env) {
        ContainerLaunch launch = ContainerLaunch.parse("vllm/vllm-openai:v0.9.1", command, args, env);
        ContainerProcess process = ContainerProcess.start(launch, env,
                EngineOptions.defaults().withBindAddress(inet(ip(host))), gpus, resolver(), FAST);
        started.add(process);
        return process;
    }

    /** GET http://ip:port/path; -1 when the connection is refused. */
    static int get(String ip, int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":" + port + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static InetAddress inet(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        started.forEach(ContainerProcess::close);
    }
}
