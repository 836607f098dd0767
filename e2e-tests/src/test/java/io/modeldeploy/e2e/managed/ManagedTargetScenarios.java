package io.modeldeploy.e2e.managed;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.modeldeploy.e2e.support.InNamespace;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.OperatorHarness;
import io.modeldeploy.sim.platform.http.PlatformSimulator;
import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static io.modeldeploy.e2e.managed.ManagedPlatform.WRONG_SECRET;
import static io.modeldeploy.e2e.managed.ManagedTargetSupport.TIMEOUT;
import static io.modeldeploy.e2e.managed.ManagedTargetSupport.countSince;
import static io.modeldeploy.e2e.managed.ManagedTargetSupport.externalId;
import static io.modeldeploy.e2e.support.Manifests.section;
import static io.modeldeploy.e2e.managed.ManagedTargetSupport.targetField;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenarios every managed target goes through the same way, written once and run for each vendor by its IT
 * (a subclass that supplies the vendor's {@link ManagedPlatform}; {@link ManagedNamespace} starts it): the REAL
 * packaged operator on the REAL local control plane, driving that vendor's SIMULATED API, started in this JVM. The
 * tests only its vendor has stay in the subclass.
 *
 * @param <S> the vendor's simulator
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ManagedNamespace.class)
abstract class ManagedTargetScenarios<S extends PlatformSimulator> {
    /** The vendor, as data: all a subclass supplies besides the tests only its vendor has. */
    protected final ManagedPlatform<S> platform;

    // What ManagedNamespace started before all tests.
    protected OperatorHarness harness;
    protected InNamespace ns;
    protected ManagedTargetSupport managed;
    protected S vendor;

    protected ManagedTargetScenarios(ManagedPlatform<S> platform) {
        this.platform = platform;
    }

    final void bind(InNamespace ns, ManagedTargetSupport managed, S vendor) {
        this.harness = ns.harness();
        this.ns = ns;
        this.managed = managed;
        this.vendor = vendor;
    }

    /** A one-replica deployment on the simulator with the vendor's credentials Secret, not created yet. */
    protected GenericKubernetesResource deployment(String name) {
        return platform.deployment().named(vendor, managed, name);
    }

    /**
     * Creates the vendor's {@link #deployment} {@code name} and waits until it is Running; its status names the vendor's
     * service by one id, as {@code target.externalId} and {@code serviceId}.
     */
    protected ModelDeploymentView createAndAwaitRunning(String name) {
        managed.create(deployment(name));
        ModelDeploymentView md = managed.awaitRunning(name);
        assertThat(md.statusField("serviceId")).isEqualTo(externalId(md));
        return md;
    }

    /** A deployment Running on a vendor's service, and that service as the simulator has it. */
    protected record Serving<V>(ModelDeploymentView md, V service) {
    }

    /**
     * Applies a sample from {@code samples/} with kubectl, its documented endpoint replaced by the simulator's, and
     * waits until the deployment {@code name} is Running: its status names the vendor's service (externalId,
     * provider) and that service's URL with {@code /v1}, and it is Ready, VendorServing.
     */
    protected <V> Serving<V> applySampleAndAwaitServing(String file, String documentedEndpoint, String simulatorEndpoint,
                                                        String name, Function<String, Optional<V>> serviceById,
                                                        Function<V, String> idOf, Function<V, String> urlOf) {
        managed.applySample(file, documentedEndpoint, simulatorEndpoint);
        ModelDeploymentView md = managed.awaitPhase(name, "Running");
        V service = serviceById.apply((String) md.statusField("serviceId")).orElseThrow();
        assertThat(targetField(md, "externalId")).isEqualTo(idOf.apply(service));
        assertThat(targetField(md, "provider")).isEqualTo(platform.provider());
        assertThat(md.statusField("serviceUrl")).isEqualTo(urlOf.apply(service) + "/v1");
        assertThat(md.conditionIs("Ready", "True", "VendorServing")).isTrue();
        return new Serving<>(md, service);
    }

    private String createOperation() {
        return platform.services().createOperation();
    }

    private long servicesLike(String externalId) {
        return platform.services().like().apply(vendor, externalId);
    }

    // --- the scenarios ---------------------------------------------------------------------------------------

    @Test
    void aLostStatusWriteFindsTheServiceInsteadOfCreatingASecond() {
        String id = externalId(createAndAwaitRunning("lost-write"));
        assertThat(id).isNotBlank();
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
        ManagedPlatform.Throttling faults = platform.failures().throttling();
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
        String failedStatus = platform.failures().failedStatus();
        assertThat(md.conditionMessage("Degraded")).contains(platform.provider() + " reports '" + failedStatus + "'");
        assertThat(targetField(md, "vendorStatus")).isEqualTo(failedStatus);
        assertThat(platform.services().statusOf().apply(vendor, externalId(md))).as("the service on the vendor")
                .isEqualTo(failedStatus);
    }

    @Test
    void wrongCredentialsAreCredentialsInvalidWithoutAHotLoop() throws InterruptedException {
        managed.writeSecret("wrong-creds", platform.credentials().withSecret().apply(WRONG_SECRET));
        GenericKubernetesResource bad = deployment("bad-creds");
        section(bad, "spec", "target").put("credentialsSecretRef", Map.of("name", "wrong-creds"));
        managed.create(bad);

        ModelDeploymentView md = managed.awaitCondition("bad-creds", "Ready", "False", "CredentialsInvalid");
        assertThat(md.conditionMessage("Ready")).contains(platform.failures().credentialsRefusal());
        managed.awaitEvent("bad-creds", "CredentialsInvalid");

        Instant since = Instant.now();
        Thread.sleep(10_000);
        assertThat(countSince(vendor.requests(), since, platform.failures().refusedForTheWrongSecret()))
                .as("requests refused for the wrong secret in 10 s").isLessThanOrEqualTo(1);
        ModelDeploymentView after = managed.md("bad-creds");
        assertThat(after.phase()).isEqualTo("Pending");
        assertThat(after.resource().toString()).doesNotContain(WRONG_SECRET);
        assertThat(ns.eventMessages("bad-creds")).noneMatch(m -> m.contains(WRONG_SECRET));

        // With the secret fixed, the finalizer can ask the vendor again and lets go.
        managed.writeSecret("wrong-creds", platform.credentials().valid());
        managed.deleteAndAwaitGone("bad-creds");
    }
}
