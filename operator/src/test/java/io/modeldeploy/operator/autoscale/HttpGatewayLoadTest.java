package io.modeldeploy.operator.autoscale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway load client against fake replicas that speak the autoscaling contract over real HTTP. */
class HttpGatewayLoadTest {
    private static final ScaleKey CHAT = new ScaleKey("team-a", "chat");
    private static final Duration WAIT = Duration.ofMillis(300);
    private final List<AutoCloseable> closing = new ArrayList<>();
    private HttpGatewayLoad load;

    @AfterEach
    void close() throws Exception {
        if (load != null) {
            load.wanted(false);
        }
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private FakeGatewayReplica replica(String address, int port) throws IOException {
        FakeGatewayReplica r = new FakeGatewayReplica(InetAddress.getByName(address), port);
        closing.add(r);
        return r;
    }

    private HttpGatewayLoad client(List<URI> bases, GatewayReplicas.Resolver resolver) {
        load = new HttpGatewayLoad(new GatewayReplicas(bases, resolver), WAIT, Clock.systemUTC());
        return load;
    }

    private static GatewayReplicas.Resolver addresses(String... ips) {
        return host -> {
            InetAddress[] out = new InetAddress[ips.length];
            for (int i = 0; i < ips.length; i++) {
                out[i] = InetAddress.getByName(ips[i]);
            }
            return out;
        };
    }

    /** Polls {@code condition} every 20 ms for at most {@code timeout}; fails naming what did not happen. */
    private static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    private static String chat(int inFlight, int held) {
        return "[{\"namespace\":\"team-a\",\"name\":\"chat\",\"inFlight\":" + inFlight + ",\"held\":" + held
                + ",\"oldestHeldMillis\":0}]";
    }

    @Test
    void aHostWithSeveralAddressesIsOneReplicaEachAndTheirFiguresAreSummed() throws Exception {
        FakeGatewayReplica one = replica("127.0.0.1", 0);
        FakeGatewayReplica two = replica("127.0.0.2", one.port());
        one.report(chat(3, 1));
        two.report(chat(4, 0));
        HttpGatewayLoad client = client(List.of(URI.create("http://gateway-management.test:" + one.port())),
                addresses("127.0.0.1", "127.0.0.2"));

        client.wanted(true);

        until("both replicas answered", Duration.ofSeconds(10), () -> client.snapshot().fresh().size() == 2);
        assertThat(client.snapshot().replicas()).isEqualTo(2);
        assertThat(client.snapshot().figures(CHAT)).isEqualTo(new GatewayLoad.Figures(7, 1, true));
    }

    @Test
    void theFirstPollAsksAtOnceAndTheNextWaitsOnTheGenerationItSaw() throws Exception {
        FakeGatewayReplica one = replica("127.0.0.1", 0);
        HttpGatewayLoad client = client(List.of(one.base()), InetAddress::getAllByName);

        client.wanted(true);

        until("a second poll", Duration.ofSeconds(10), () -> one.queries().size() >= 2);
        assertThat(one.queries().get(0)).isEqualTo("waitMs=300");
        assertThat(one.queries().get(1)).isEqualTo("waitMs=300&after=1");
    }

    @Test
    void newDemandAtZeroIsHeardAtOnceNotAtTheNextRound() throws Exception {
        FakeGatewayReplica one = replica("127.0.0.1", 0);
        one.report(chat(0, 0));
        HttpGatewayLoad client = client(List.of(one.base()), InetAddress::getAllByName);
        CountDownLatch demand = new CountDownLatch(1);
        client.onNewDemand(demand::countDown);
        client.wanted(true);
        until("a poll waiting on generation 1", Duration.ofSeconds(10),
                () -> one.queries().stream().anyMatch(q -> q.endsWith("after=1")));

        one.bump(chat(0, 2));

        assertThat(demand.await(10, TimeUnit.SECONDS)).as("told of the new demand").isTrue();
        assertThat(client.snapshot().figures(CHAT)).isEqualTo(new GatewayLoad.Figures(0, 2, true));
    }

    @Test
    void aReplicaThatDoesNotAnswerMakesTheFiguresIncomplete() throws Exception {
        FakeGatewayReplica one = replica("127.0.0.1", 0);
        one.report(chat(5, 0));
        // 127.0.0.3 listens on nothing: that replica is lost.
        HttpGatewayLoad client = client(List.of(URI.create("http://gw.test:" + one.port())),
                addresses("127.0.0.1", "127.0.0.3"));

        client.wanted(true);

        until("the live replica answered", Duration.ofSeconds(10), () -> client.snapshot().fresh().size() == 1);
        assertThat(client.snapshot().figures(CHAT)).isEqualTo(new GatewayLoad.Figures(5, 0, false));
    }

    @Test
    void aDeploymentAReplicaDoesNotListIsNotKnownToBeIdle() throws Exception {
        FakeGatewayReplica one = replica("127.0.0.1", 0);
        one.report("[]");
        HttpGatewayLoad client = client(List.of(one.base()), InetAddress::getAllByName);

        client.wanted(true);

        until("the replica answered", Duration.ofSeconds(10), () -> client.snapshot().fresh().size() == 1);
        assertThat(client.snapshot().figures(CHAT)).isEqualTo(new GatewayLoad.Figures(0, 0, false));
    }

    @Test
    void aHostThatDoesNotResolveCountsAsAReplicaThatDoesNotAnswer() {
        GatewayReplicas replicas = new GatewayReplicas(List.of(URI.create("http://gone.test:9090")), host -> {
            throw new UnknownHostException(host);
        });

        assertThat(replicas.resolve()).containsExactly(URI.create("http://gone.test:9090"));
    }

    @Test
    void withoutAGatewayTheFiguresAreZeroAndComplete() {
        HttpGatewayLoad client = client(List.of(), InetAddress::getAllByName);

        client.wanted(true);

        assertThat(client.snapshot().figures(CHAT)).isEqualTo(new GatewayLoad.Figures(0, 0, true));
    }

    @Test
    void theSettingIsParsedAsCommaSeparatedUrls() {
        assertThat(GatewayReplicas.parse(List.of(" http://a:9090/ ", "", "http://b:9090")))
                .containsExactly(URI.create("http://a:9090"), URI.create("http://b:9090"));
    }

    @Test
    void reportsAreParsedAsTheContractWritesThem() {
        GatewayReport report = GatewayReport.parse("{\"gateway\":\"gw-0\",\"generation\":42,\"deployments\":"
                + chat(3, 5) + "}");

        assertThat(report.gateway()).isEqualTo("gw-0");
        assertThat(report.generation()).isEqualTo(42);
        assertThat(report.deployments()).containsEntry(CHAT, new GatewayReport.Figures(3, 5));
    }
}
