package io.modeldeploy.e2e.tenancy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.modeldeploy.e2e.support.InNamespace;
import io.modeldeploy.e2e.support.Manifests;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.OperatorHarness;
import io.modeldeploy.sim.platform.alayanew.AlayaNewSimulator;
import io.modeldeploy.sim.platform.drun.DRunSimulator;
import io.modeldeploy.sim.platform.http.SimOptions;
import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finalizers never wedge a namespace (tenancy.md), on the REAL local control plane with the packaged operator and the
 * SIMULATED Alaya NeW and d.run APIs: a namespace with managed deployments, their credentials Secret (held by the
 * operator) and a wrong endpoint goes by itself when no create was ever sent, and within a minute of the skip
 * annotation when one was; a held Secret is let go when a deployment's finalizer is removed by hand, also while the
 * operator was not running.
 */
class NamespaceDeletionIT {
    private static final String ACCESS_KEY = "ak-nsdel-it";
    private static final String SECRET_KEY = "sk-nsdel-it-secret";
    private static final String TOKEN = "drun-nsdel-it-token";
    private static final String HELD = "modeldeploy.io/credentials-in-use";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static OperatorHarness harness;
    private static AlayaNewSimulator alaya;
    private static DRunSimulator drun;
    private final List<String> namespaces = new ArrayList<>();

    @BeforeAll
    static void start() {
        harness = OperatorHarness.get();
        SimOptions fast = SimOptions.defaults().withDeployDelay(Duration.ofSeconds(1)).withTransitionDelay(Duration.ofSeconds(1));
        alaya = AlayaNewSimulator.start(new InetSocketAddress("127.0.0.1", 0), ACCESS_KEY, SECRET_KEY, fast);
        drun = DRunSimulator.start(new InetSocketAddress("127.0.0.1", 0), TOKEN, fast);
    }

    @AfterAll
    static void stop() {
        alaya.close();
        drun.close();
    }

    /** A namespace a test could not finish is not left Terminating for the next class: its finalizers are let go. */
    @AfterEach
    void forceGone() {
        for (String name : namespaces) {
            if (client().namespaces().withName(name).get() == null) {
                continue;
            }
            InNamespace ns = new InNamespace(harness, name);
            ns.mds().list().getItems().forEach(md -> ns.mds().withName(md.getMetadata().getName())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}"));
            client().secrets().inNamespace(name).list().getItems().forEach(s -> client().secrets().inNamespace(name)
                    .withName(s.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE),
                            "{\"metadata\":{\"finalizers\":null}}"));
            harness.cluster().deleteNamespace(name);
        }
    }

    private static KubernetesClient client() {
        return harness.client();
    }

    private InNamespace namespace(String prefix) {
        String name = harness.cluster().createNamespace(prefix);
        namespaces.add(name);
        return new InNamespace(harness, name);
    }

    private static void credentials(InNamespace ns, String name, Map<String, String> values) {
        client().secrets().inNamespace(ns.name()).resource(new SecretBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("modeldeploy.io/secret-type", "vendor-credentials")).endMetadata()
                .withStringData(values).build()).create();
    }

    private static GenericKubernetesResource onAlaya(String name, String endpoint) {
        return onAlaya(name, endpoint, "alaya-creds");
    }

    private static GenericKubernetesResource onAlaya(String name, String endpoint, String credentials) {
        return AlayaDeployments.onAlaya(name, endpoint, credentials);
    }

    private static GenericKubernetesResource onDRun(String name, String endpoint) {
        return Manifests.quickStart(name, "meta-llama/Llama-3.1-8B-Instruct", "vllm", "0.8.4",
                "{gpu: {type: RTX4090, count: 1}}", """
                target:
                  provider: DRun
                  endpoint: %s
                  credentialsSecretRef: {name: drun-creds}
                  dRun: {region: sh-02, skuId: sku-4090-1}
                """.formatted(endpoint));
    }

    private static ModelDeploymentView awaitReady(InNamespace ns, String name, String reason) {
        return Await.until(name + " Ready=False " + reason, TIMEOUT, () -> {
            ModelDeploymentView md = ns.md(name);
            if (!md.conditionIs("Ready", "False", reason)) {
                throw new AssertionError("status is " + md.status());
            }
            return md;
        });
    }

    private static boolean held(String namespace, String secret) {
        Secret s = client().secrets().inNamespace(namespace).withName(secret).get();
        return s != null && s.getMetadata().getFinalizers() != null && s.getMetadata().getFinalizers().contains(HELD);
    }

    private static void awaitHeld(String namespace, String secret) {
        Await.until(secret + " held by the operator", TIMEOUT, () -> held(namespace, secret));
    }

    /** For a failure message: the deployments' status and Events, and the Secrets' finalizers. */
    private static String whatHolds(InNamespace ns) {
        StringBuilder out = new StringBuilder();
        ns.mds().list().getItems().forEach(md -> out.append(md.getMetadata().getName()).append(" finalizers ")
                .append(md.getMetadata().getFinalizers()).append(" annotations ").append(md.getMetadata().getAnnotations())
                .append(" status ").append(md.getAdditionalProperties().get("status")).append(" events ")
                .append(ns.eventMessages(md.getMetadata().getName())).append("; "));
        client().secrets().inNamespace(ns.name()).list().getItems().forEach(s -> out.append(s.getMetadata().getName())
                .append(" finalizers ").append(s.getMetadata().getFinalizers()).append("; "));
        return out.toString();
    }

    private static Duration deleteNamespaceAndAwaitGone(String namespace, Duration within) {
        Instant start = Instant.now();
        client().namespaces().withName(namespace).delete();
        Await.until("namespace " + namespace + " gone", within, () -> client().namespaces().withName(namespace).get() == null);
        return Duration.between(start, Instant.now());
    }

    /**
     * The namespace controller deletes the core kinds (Secrets, Services) before ModelDeployments, so in between the
     * operator sees its objects go while their deployments are still there. Making them again is refused; the operator
     * waits for its deployments to go instead of retrying (and logging) each refusal.
     */
    @Test
    void inClusterDeploymentsInANamespaceBeingDeletedAreNotRecreatedOverAndOver() {
        InNamespace ns = namespace("nsdel-incluster");
        List<String> names = List.of("going-a", "going-b", "going-c");
        for (String name : names) {
            ns.create(Manifests.quickStart(name, "Qwen/Qwen2.5-0.5B-Instruct", "vllm", "v0.8.4",
                    "{cpu: \"1\", memory: 4Gi, gpu: {type: H100, count: 1}}", ""));
        }
        for (String name : names) {
            Await.until(name + "'s Service", TIMEOUT,
                    () -> client().services().inNamespace(ns.name()).withName(name).get() != null);
        }

        long logFrom = harness.operator().logSize();
        deleteNamespaceAndAwaitGone(ns.name(), Duration.ofSeconds(60));

        assertThat(harness.operator().logSince(logFrom).lines().filter(l -> l.contains(ns.name() + "/")
                && l.contains("failed (will retry)")).toList()).isEmpty();
    }

    @Test
    void aNamespaceWhoseDeploymentsNeverSentACreateGoesByItselfWithTheirHeldCredentials() {
        InNamespace ns = namespace("nsdel-never");
        credentials(ns, "alaya-creds", Map.of("accessKey", ACCESS_KEY, "secretKey", SECRET_KEY));
        credentials(ns, "drun-creds", Map.of("token", TOKEN));
        // The documented host with a path that is not the API: the wrong endpoint of issue 13.
        ns.create(onAlaya("wrong-alaya", alaya.baseUrl() + "/v1"));
        ns.create(onDRun("wrong-drun", drun.baseUrl() + "/api"));
        // The right endpoint with a revoked key: the vendor refuses every call, and nothing was created there.
        credentials(ns, "revoked-creds", Map.of("accessKey", ACCESS_KEY, "secretKey", "revoked"));
        ns.create(onAlaya("revoked-alaya", alaya.apiBaseUrl(), "revoked-creds"));

        awaitReady(ns, "wrong-alaya", "EndpointInvalid");
        awaitReady(ns, "wrong-drun", "EndpointInvalid");
        awaitReady(ns, "revoked-alaya", "CredentialsInvalid");
        awaitHeld(ns.name(), "alaya-creds");
        awaitHeld(ns.name(), "revoked-creds");
        awaitHeld(ns.name(), "drun-creds");

        Duration took = deleteNamespaceAndAwaitGone(ns.name(), Duration.ofSeconds(60));
        assertThat(took).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void aNamespaceWhoseDeploymentCreatedAServiceGoesWithinAMinuteOfTheSkipAnnotation() {
        InNamespace ns = namespace("nsdel-skip");
        credentials(ns, "alaya-creds", Map.of("accessKey", ACCESS_KEY, "secretKey", SECRET_KEY));
        ns.create(onAlaya("created", alaya.apiBaseUrl()));
        String serviceId = (String) ns.awaitPhase("created", "Running").statusField("serviceId");
        awaitHeld(ns.name(), "alaya-creds");
        // Now the endpoint is wrong: the vendor service exists, but the operator can no longer reach it.
        ns.patchSpec("created", Map.of("target", Map.of("endpoint", alaya.baseUrl() + "/v1")));
        awaitReady(ns, "created", "EndpointInvalid");

        long logFrom = harness.operator().logSize();
        client().namespaces().withName(ns.name()).delete();
        // The operator tried to delete the vendor's service and said why it keeps waiting (in its log: Events can no
        // longer be written in a namespace being deleted).
        Await.until("the operator's failed vendor delete of created", TIMEOUT, () -> harness.operator().logSince(logFrom)
                .lines().anyMatch(l -> l.contains(ns.name() + "/created failed") && l.contains("the finalizer stays")));
        assertThat(ns.mds().withName("created").get()).as("waiting for the vendor, as it should").isNotNull();
        assertThat(alaya.service(serviceId)).isPresent();

        Instant annotated = Instant.now();
        ns.mds().withName("created").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"modeldeploy.io/skip-vendor-cleanup\":\"true\"}}}");
        Await.until("namespace " + ns.name() + " gone", Duration.ofSeconds(60), () -> {
            if (client().namespaces().withName(ns.name()).get() == null) {
                return true;
            }
            throw new AssertionError("still there: " + whatHolds(ns));
        });
        assertThat(Duration.between(annotated, Instant.now())).isLessThan(Duration.ofSeconds(60));
        assertThat(alaya.service(serviceId)).as("left behind on the vendor, as the Event said").isPresent();
    }

    @Test
    void aHeldSecretIsLetGoWhenTheFinalizerWasRemovedByHandWhileTheOperatorWasDown() {
        InNamespace ns = namespace("nsdel-hand");
        credentials(ns, "drun-creds", Map.of("token", TOKEN));
        ns.create(onDRun("by-hand", drun.baseUrl()));
        ns.awaitPhase("by-hand", "Running");
        awaitHeld(ns.name(), "drun-creds");

        harness.operator().stop();
        try {
            ns.mds().withName("by-hand").delete();
            ns.mds().withName("by-hand").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
            Await.until("by-hand gone", Duration.ofSeconds(20), () -> ns.mds().withName("by-hand").get() == null);
            assertThat(held(ns.name(), "drun-creds")).as("nothing let go yet: the operator is down").isTrue();
        } finally {
            harness.operator().start();
        }

        Await.until("drun-creds let go", TIMEOUT, () -> !held(ns.name(), "drun-creds"));
        Secret after = client().secrets().inNamespace(ns.name()).withName("drun-creds").get();
        assertThat(after.getMetadata().getLabels()).doesNotContainKey(HELD)
                .containsEntry("modeldeploy.io/secret-type", "vendor-credentials");
        deleteNamespaceAndAwaitGone(ns.name(), Duration.ofSeconds(60));
    }
}
