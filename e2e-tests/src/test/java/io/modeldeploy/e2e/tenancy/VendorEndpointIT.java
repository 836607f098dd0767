package io.modeldeploy.e2e.tenancy;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.TestNamespace;
import io.modeldeploy.sim.platform.alayanew.AlayaNewService;
import io.modeldeploy.sim.platform.alayanew.AlayaNewSimulator;
import io.modeldeploy.sim.platform.http.SimOptions;
import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a managed deployment's credentials may go, on the REAL local control plane with the packaged operator and the
 * SIMULATED Alaya NeW API: the installation's allow-list (the harness allows {@code http://127.0.0.1:*}, a development
 * setting), the host alone and the documented base path, a wrong endpoint as {@code EndpointInvalid} that never holds
 * a deletion, a redirect never followed, and the vendor key Secret never taken over.
 */
class VendorEndpointIT {
    private static final String ACCESS_KEY = "ak-endpoint-it";
    private static final String SECRET_KEY = "sk-endpoint-it-secret";
    private static final String CREDENTIALS = "alaya-creds";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final TestNamespace ns = TestNamespace.withOperator("vendor-ep");

    /** No credential or key of the run in the operator log, an Event or a status; nothing next door changed. */
    @RegisterExtension
    static final TenantWatch watch = new TenantWatch(ns);

    private static AlayaNewSimulator vendor;

    @BeforeAll
    static void startVendor() {
        vendor = AlayaNewSimulator.start(new InetSocketAddress("127.0.0.1", 0), ACCESS_KEY, SECRET_KEY,
                SimOptions.defaults().withDeployDelay(Duration.ofSeconds(1)).withTransitionDelay(Duration.ofSeconds(1)));
        ns.client().secrets().inNamespace(ns.name()).resource(new SecretBuilder().withNewMetadata().withName(CREDENTIALS)
                .withLabels(Map.of("modeldeploy.io/secret-type", "vendor-credentials")).endMetadata()
                .withStringData(Map.of("accessKey", ACCESS_KEY, "secretKey", SECRET_KEY)).build()).create();
    }

    /** The vendor answers the finalizers until every deployment is gone; only then does it stop. */
    @AfterAll
    static void stopVendor() {
        try {
            ns.mds().delete();
            Await.until("every ModelDeployment gone", Duration.ofSeconds(90), () -> ns.mds().list().getItems().isEmpty());
        } finally {
            vendor.close();
        }
    }

    private static GenericKubernetesResource onAlaya(String name, String endpoint) {
        return AlayaDeployments.onAlaya(name, endpoint, CREDENTIALS);
    }

    private static ModelDeploymentView awaitReady(String name, String status, String reason) {
        return Await.until(name + " Ready=" + status + " " + reason, TIMEOUT, () -> {
            ModelDeploymentView md = ns.md(name);
            if (!md.conditionIs("Ready", status, reason)) {
                throw new AssertionError("status is " + md.status());
            }
            return md;
        });
    }

    private static boolean credentialsHeld() {
        Secret secret = ns.client().secrets().inNamespace(ns.name()).withName(CREDENTIALS).get();
        return secret.getMetadata().getFinalizers().contains("modeldeploy.io/credentials-in-use");
    }

    private static void deleteAndAwaitGone(String name, Duration within) {
        ns.mds().withName(name).delete();
        Await.until(name + " gone", within, () -> ns.mds().withName(name).get() == null);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://api.alayanew.com.evil.example", "https://api.alayanew.com@evil.example",
            "http://169.254.169.254/latest/meta-data", "https://evil.example/api/serverless-infer/v1",
            "http://127.0.0.1:1/api/serverless-infer/v1?", "http://localhost:18931", "api.alayanew.com"})
    void anEndpointOutsideTheAllowListIsRefusedBeforeTheSecretIsRead(String endpoint) {
        String name = "ep-" + Integer.toHexString(endpoint.hashCode() & 0xffffff);
        try {
            ns.create(onAlaya(name, endpoint));
        } catch (KubernetesClientException refusedAtApply) {
            // The CRD schema may refuse it first: a clear answer too, and nothing reached the operator.
            assertThat(refusedAtApply.getCode()).isEqualTo(422);
            return;
        }
        ModelDeploymentView md = awaitReady(name, "False", "InvalidSpec");
        assertThat(md.phase()).isEqualTo("Failed");
        assertThat(md.conditionMessage("Ready")).contains("spec.target.endpoint");
        if (!endpoint.contains("@") && !endpoint.endsWith("?") && endpoint.contains("://")) {
            assertThat(md.conditionMessage("Ready")).contains("http://127.0.0.1:*")
                    .contains("modeldeploy.vendors.alayanew.allowed-endpoints");
        }
        deleteAndAwaitGone(name, Duration.ofSeconds(20));
    }

    @Test
    void theHostAloneAndTheDocumentedBasePathBothReachTheApi() {
        ns.create(onAlaya("host-only", vendor.baseUrl()));
        ns.create(onAlaya("full-base", vendor.apiBaseUrl()));

        for (String name : new String[] {"host-only", "full-base"}) {
            ModelDeploymentView md = ns.awaitPhase(name, "Running");
            assertThat(vendor.service((String) md.statusField("serviceId"))).isPresent();
        }
        assertThat(credentialsHeld()).isTrue();
    }

    @Test
    void aWrongEndpointIsEndpointInvalidNamingTheUrlAndItsDeletionDoesNotWait() {
        String wrong = vendor.baseUrl() + "/not-the-api";
        ns.create(onAlaya("wrong-path", wrong));

        ModelDeploymentView md = awaitReady("wrong-path", "False", "EndpointInvalid");
        assertThat(md.conditionMessage("Ready")).contains(wrong + "/deployment/list").contains("404")
                .doesNotContain("?").doesNotContain(SECRET_KEY).doesNotContain(ACCESS_KEY);
        assertThat(md.phase()).isEqualTo("Failed");
        Await.until("an EndpointInvalid Warning", TIMEOUT, () -> ns.eventReasons("wrong-path").contains("EndpointInvalid"));
        assertThat(targetField(md, "createSentTime")).as("no create ever sent").isNull();

        deleteAndAwaitGone("wrong-path", Duration.ofSeconds(20));
        assertThat(ns.eventReasons("wrong-path")).contains("VendorCleanupNotNeeded");
    }

    @Test
    void aRedirectIsNeverFollowed() throws IOException {
        AtomicInteger stolen = new AtomicInteger();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            stolen.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        HttpServer redirecting = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        redirecting.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + collector.getAddress().getPort()
                    + "/collect" + exchange.getRequestURI());
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        collector.start();
        redirecting.start();
        try {
            ns.create(onAlaya("redirected", "http://127.0.0.1:" + redirecting.getAddress().getPort()));

            ModelDeploymentView md = awaitReady("redirected", "False", "EndpointInvalid");
            assertThat(md.conditionMessage("Ready")).contains("307").contains("redirects are never followed")
                    .doesNotContain("/collect");
            assertThat(stolen).hasValue(0);
            deleteAndAwaitGone("redirected", Duration.ofSeconds(20));
        } finally {
            redirecting.stop(0);
            collector.stop(0);
        }
    }

    @Test
    void aKeySecretSomeoneElseMadeIsNeverTakenOverUntilItIsGone() {
        ns.client().secrets().inNamespace(ns.name()).resource(new SecretBuilder().withNewMetadata()
                .withName("keyed-api-key").endMetadata().withStringData(Map.of("apiKey", "theirs")).build()).create();
        ns.create(onAlaya("keyed", vendor.apiBaseUrl()));

        ModelDeploymentView md = awaitReady("keyed", "False", "ResourceConflict");
        assertThat(md.conditionMessage("Ready")).contains("Secret keyed-api-key");
        Secret theirs = ns.client().secrets().inNamespace(ns.name()).withName("keyed-api-key").get();
        assertThat(theirs.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(decoded(theirs, "apiKey")).isEqualTo("theirs");
        Await.until("a ResourceConflict Warning", TIMEOUT, () -> ns.eventReasons("keyed").contains("ResourceConflict"));

        ns.client().secrets().inNamespace(ns.name()).withName("keyed-api-key").delete();
        AlayaNewService service = vendor.service((String) md.statusField("serviceId")).orElseThrow();
        Await.until("the vendor's key in the operator's own Secret", Duration.ofSeconds(90), () -> {
            Secret own = ns.client().secrets().inNamespace(ns.name()).withName("keyed-api-key").get();
            return own != null && own.getMetadata().getOwnerReferences() != null
                    && !own.getMetadata().getOwnerReferences().isEmpty()
                    && service.apiKey().equals(decoded(own, "apiKey"));
        });
        ns.awaitPhase("keyed", "Running");
    }

    private static String decoded(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Object targetField(ModelDeploymentView md, String field) {
        Object target = md.statusField("target");
        return target == null ? null : ((Map<String, Object>) target).get(field);
    }
}
