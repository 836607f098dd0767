package io.modeldeploy.e2e.managed;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.modeldeploy.sim.testing.Await;
import io.modeldeploy.e2e.support.InNamespace;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.OperatorHarness;
import io.modeldeploy.sim.platform.http.RecordedRequest;
import io.modeldeploy.sim.platform.http.PlatformSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.modeldeploy.e2e.managed.ManagedTargetSupport.TIMEOUT;
import static io.modeldeploy.e2e.managed.ManagedTargetSupport.countSince;
import static io.modeldeploy.e2e.managed.ManagedTargetSupport.externalId;
import static io.modeldeploy.e2e.managed.ManagedTargetSupport.section;
import static io.modeldeploy.e2e.managed.ManagedTargetSupport.targetField;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenarios every managed target goes through the same way, written once and run for each vendor by its IT
 * (a subclass): the REAL packaged operator on the REAL local control plane, driving that vendor's SIMULATED API,
 * started in this JVM. A subclass says how to start its simulator, what a deployment on it looks like and how to
 * read the simulator's side; the tests only its vendor has stay in the subclass.
 *
 * @param <S> the vendor's simulator
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ManagedTargetScenarios<S extends PlatformSimulator> {
    /** Never the right secret of any vendor; it must not show up in status or events. */
    static final String WRONG_SECRET = "not-the-secret";

    protected OperatorHarness harness;
    protected InNamespace ns;
    protected ManagedTargetSupport managed;
    protected S vendor;

    /** The faults of the throttling scenario, in the vendor's operation names. */
    protected record Throttling(String lookupOperation, int throttledLookups, Duration retryAfter,
                                int createFailureStatus, boolean lookupIsOnlyBeforeCreate) {
    }

    // --- what each vendor says -------------------------------------------------------------------------------

    /** The namespace's prefix, e.g. {@code "zstack"}. */
    protected abstract String namespacePrefix();

    /** The simulator, started on 127.0.0.1 and accepting {@link #credentials(String)} with {@link #secret()}. */
    protected abstract S startSimulator();

    /** {@code spec.target.provider}, as status and messages name it. */
    protected abstract String provider();

    /** The Secret the vendor's deployments name, as its sample does. */
    protected abstract String credentialsSecret();

    /** The secret part of the vendor's credentials that the simulator accepts. */
    protected abstract String secret();

    /** The Secret's keys with this secret (the simulator's other values fixed). */
    protected abstract Map<String, String> credentials(String secret);

    /** A one-replica deployment on the simulator with {@link #credentialsSecret()}, not created yet. */
    protected abstract GenericKubernetesResource deployment(String name);

    /** The operation (in the simulator's request log) that creates a vendor service. */
    protected abstract String createOperation();

    /** How many vendor services are the service with this id, by the identity the vendor gives it (its name). */
    protected abstract long servicesLike(String externalId);

    /** The vendor's own status word for a service that failed to deploy, verbatim. */
    protected abstract String failedStatus();

    /** The status of this service on the simulator. */
    protected abstract String vendorStatusOf(String externalId);

    protected abstract Throttling throttling();

    /** Whether the vendor refused this request for the wrong secret (or it carried that secret). */
    protected abstract boolean refusedForTheWrongSecret(RecordedRequest request);

    /** What the Ready condition of a deployment with the wrong secret quotes of the vendor's refusal. */
    protected abstract String credentialsRefusal();

    /**
     * Before the namespace goes: by default every deployment is deleted, the vendor's service with it, while the
     * simulator and the credentials still answer the finalizers.
     */
    protected void releaseDeployments() {
        managed.deleteAllDeployments();
    }

    // --- lifecycle -------------------------------------------------------------------------------------------

    @BeforeAll
    void startSimulatorAndNamespace() {
        harness = OperatorHarness.get();
        ns = new InNamespace(harness, harness.cluster().createNamespace(namespacePrefix()));
        managed = new ManagedTargetSupport(harness, ns);
        vendor = startSimulator();
        managed.writeSecret(credentialsSecret(), credentials(secret()));
    }

    @AfterAll
    void releaseAndStop() {
        // The simulator answers the finalizers until the namespace is gone.
        if (ns != null) {
            releaseDeployments();
            harness.cluster().deleteNamespace(ns.name());
        }
        if (vendor != null) {
            vendor.close();
        }
    }

    // --- the scenarios ---------------------------------------------------------------------------------------

    @Test
    void aLostStatusWriteFindsTheServiceInsteadOfCreatingASecond() {
        managed.create(deployment("lost-write"));
        ModelDeploymentView running = managed.awaitRunning("lost-write");
        String id = externalId(running);
        assertThat(id).isNotBlank();
        assertThat(running.statusField("serviceId")).isEqualTo(id);
        int createsBefore = vendor.requests().count(createOperation());

        // As if the operator had crashed between the vendor's answer and the status write.
        harness.operator().stop();
        managed.loseExternalId("lost-write");
        assertThat(externalId(managed.md("lost-write"))).isNull();
        harness.operator().start();

        Await.until("the same vendor id back in status", TIMEOUT, () -> id.equals(externalId(managed.md("lost-write"))));
        assertThat(vendor.requests().count(createOperation())).as("creates after the lost write").isEqualTo(createsBefore);
        assertThat(servicesLike(id)).as("vendor services of lost-write").isEqualTo(1);
    }

    @Test
    void throttlingAndServerErrorsAreSurvivedWithoutAStorm() {
        Throttling faults = throttling();
        int requestsBefore = vendor.requests().all().size();
        int createsBefore = vendor.requests().count(createOperation());
        int lookupsBefore = vendor.requests().count(faults.lookupOperation());
        vendor.faults().throttleNext(faults.lookupOperation(), faults.throttledLookups(), faults.retryAfter())
                .failNext(createOperation(), faults.createFailureStatus(), 1);

        managed.create(deployment("bumpy"));

        ModelDeploymentView md = managed.awaitRunning("bumpy");
        assertThat(servicesLike(externalId(md))).as("vendor services of bumpy").isEqualTo(1);
        assertThat(vendor.requests().count(createOperation()) - createsBefore)
                .as("one create refused by a " + faults.createFailureStatus() + ", one accepted").isEqualTo(2);
        assertThat(vendor.requests().all().size() - requestsBefore).as("requests to reach Running").isLessThan(40);
        if (faults.lookupIsOnlyBeforeCreate()) {
            assertThat(vendor.requests().count(faults.lookupOperation()) - lookupsBefore)
                    .as("lookups: the throttled ones, then one before each create")
                    .isBetween(faults.throttledLookups() + 2, faults.throttledLookups() + 4);
        }
    }

    @Test
    void aServiceThatFailsToDeployIsFailedWithTheVendorsStatus() {
        vendor.faults().failNextDeployments(1);
        managed.create(deployment("broken"));

        ModelDeploymentView md = managed.awaitPhase("broken", "Failed");
        assertThat(md.conditionIs("Degraded", "True", "VendorFailed")).isTrue();
        assertThat(md.conditionMessage("Degraded")).contains(provider() + " reports '" + failedStatus() + "'");
        assertThat(targetField(md, "vendorStatus")).isEqualTo(failedStatus());
        assertThat(vendorStatusOf(externalId(md))).as("the service on the vendor").isEqualTo(failedStatus());
    }

    @Test
    void wrongCredentialsAreCredentialsInvalidWithoutAHotLoop() throws InterruptedException {
        managed.writeSecret("wrong-creds", credentials(WRONG_SECRET));
        GenericKubernetesResource bad = deployment("bad-creds");
        section(bad, "spec", "target").put("credentialsSecretRef", Map.of("name", "wrong-creds"));
        managed.create(bad);

        ModelDeploymentView md = managed.awaitCondition("bad-creds", "Ready", "False", "CredentialsInvalid");
        assertThat(md.conditionMessage("Ready")).contains(credentialsRefusal());
        managed.awaitEvent("bad-creds", "CredentialsInvalid");

        Instant since = Instant.now();
        Thread.sleep(10_000);
        assertThat(countSince(vendor.requests(), since, this::refusedForTheWrongSecret))
                .as("requests refused for the wrong secret in 10 s").isLessThanOrEqualTo(1);
        ModelDeploymentView after = managed.md("bad-creds");
        assertThat(after.phase()).isEqualTo("Pending");
        assertThat(after.resource().toString()).doesNotContain(WRONG_SECRET);
        assertThat(ns.eventMessages("bad-creds")).noneMatch(m -> m.contains(WRONG_SECRET));

        // With the secret fixed, the finalizer can ask the vendor again and lets go.
        managed.writeSecret("wrong-creds", credentials(secret()));
        managed.deleteAndAwaitGone("bad-creds");
    }
}
