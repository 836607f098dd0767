package io.modeldeploy.sim.platform.http;

import io.modeldeploy.sim.platform.PlatformHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared routing steps, on a toy vendor whose errors are plain text "<status> <what>". */
class RouterTest {
    private final Faults faults = new Faults();
    private final RequestLog log = new RequestLog();
    private final ManualClock clock = ManualClock.startingNow();
    private SimHttpServer server;

    @BeforeEach
    void start() {
        ErrorShape errors = new ErrorShape() {
            public SimResponse routeNotFound(SimRequest r) {
                return SimResponse.text(404, "no route");
            }

            public SimResponse methodNotAllowed(SimRequest r) {
                return SimResponse.text(405, "wrong method");
            }

            public SimResponse invalidBody(SimRequest r, InvalidBody p) {
                return SimResponse.text(400, (p.malformed() ? "malformed: " : "invalid: ") + p.getMessage());
            }

            public SimResponse injected(int status, String message) {
                return SimResponse.text(status, "injected");
            }

            public SimResponse internalError(String message) {
                return SimResponse.text(500, "bug");
            }
        };
        Router.Authenticator auth = r -> r.header("Authorization").filter("let-me-in"::equals).isPresent()
                ? Optional.empty() : Optional.of(SimResponse.text(401, "who are you"));
        Router router = new Router(errors, auth, faults, log, clock)
                .guarded("GET", "/things/special", "special", r -> SimResponse.text(200, "special"))
                .guarded("GET", "/things/{id}", "get", r -> SimResponse.text(200, "thing " + r.pathParam("id")))
                .guarded("POST", "/things", "create", r -> SimResponse.text(200, "name=" + Require.text(r.jsonObject(), "name")))
                .open("GET", "/open", "open", r -> SimResponse.text(200, "open " + r.query("q").orElse("")))
                .open("GET", "/slow", "slow", r -> {
                    clock.advance(Duration.ofMinutes(1));
                    return SimResponse.text(200, "took a minute");
                });
        server = SimHttpServer.start(PlatformHttp.ephemeral(), "router-test", router);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private PlatformHttp.Response get(String path, String... headers) {
        return PlatformHttp.send("GET", server.baseUrl() + path, null, headers);
    }

    @Test
    void literalRoutesRegisteredFirstWinOverTemplates() {
        assertThat(get("/things/special", "Authorization", "let-me-in").body()).isEqualTo("special");
        assertThat(get("/things/42", "Authorization", "let-me-in").body()).isEqualTo("thing 42");
    }

    @Test
    void unknownPathsAndMethodsUseTheVendorsShape() {
        assertThat(get("/nothing").status()).isEqualTo(404);
        PlatformHttp.Response wrongMethod = PlatformHttp.send("DELETE", server.baseUrl() + "/things/1", null);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(log.last().orElseThrow().operation()).isEqualTo("unmatched");
    }

    @Test
    void guardedRoutesNeedCredentialsOpenOnesDoNot() {
        assertThat(get("/things/1").status()).isEqualTo(401);
        assertThat(get("/open?q=a%20b").body()).isEqualTo("open a b");
    }

    @Test
    void badBodiesAreReportedThroughTheVendorsShape() {
        PlatformHttp.Response malformed = PlatformHttp.send("POST", server.baseUrl() + "/things", "{nope",
                "Authorization", "let-me-in");
        PlatformHttp.Response missing = PlatformHttp.send("POST", server.baseUrl() + "/things", "{}",
                "Authorization", "let-me-in");

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).startsWith("malformed: ");
        assertThat(missing.body()).isEqualTo("invalid: name is required");
    }

    @Test
    void faultsHitBeforeTheCredentialCheckAndRetryAfterIsInSeconds() {
        faults.throttleNext(1, Duration.ofMillis(1500)).failNext("get", 502, 1);

        PlatformHttp.Response throttled = get("/things/1");
        PlatformHttp.Response failed = get("/things/1", "Authorization", "let-me-in");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).contains("2");
        assertThat(failed.status()).isEqualTo(502);
        assertThat(get("/things/1", "Authorization", "let-me-in").status()).isEqualTo(200);
    }

    @Test
    void everyRequestIsLoggedBeforeItsAnswerArrives() {
        get("/things/7", "Authorization", "let-me-in", "X-Extra", "yes");

        RecordedRequest last = log.last().orElseThrow();
        assertThat(last.operation()).isEqualTo("get");
        assertThat(last.status()).isEqualTo(200);
        assertThat(last.header("x-extra")).contains("yes");
        assertThat(log.count("get")).isEqualTo(1);
    }

    @Test
    void aRequestIsStampedWhenItArrivesNotWhenItIsAnswered() {
        Instant arrived = clock.instant();

        assertThat(get("/slow").status()).isEqualTo(200);

        assertThat(log.last().orElseThrow().receivedAt()).isEqualTo(arrived);
        assertThat(clock.instant()).isEqualTo(arrived.plus(Duration.ofMinutes(1)));
    }

    @Test
    void slowAnswersAreSlow() {
        faults.delayNext(Duration.ofMillis(300), 1);

        long start = System.nanoTime();
        assertThat(get("/open").status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
}
