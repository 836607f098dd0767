package io.modeldeploy.e2e.managed;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.modeldeploy.e2e.support.InNamespace;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.OperatorHarness;
import io.modeldeploy.sim.platform.http.PlatformSimulator;
import io.modeldeploy.sim.platform.http.RecordedRequest;
import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static io.modeldeploy.e2e.managed.ManagedPlatform.WRONG_SECRET;
import static io.modeldeploy.e2e.managed.ManagedTargetSupport.TIMEOUT;
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

    /** The simulators of the running test alone ({@link #ownVendor()}). */
    private final List<S> ownVendors = new ArrayList<>();

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
        return deploymentOn(vendor, name);
    }

    /** A one-replica deployment on this simulator (e.g. a test's {@link #ownVendor()}), not created yet. */
    protected GenericKubernetesResource deploymentOn(S simulator, String name) {
        return platform.deployment().named(simulator, managed, name);
    }

    /**
     * A simulator of the vendor for this test alone, so that its faults hit only this test's deployments and every
     * request it records is theirs, whatever earlier tests' deployments still do on the shared one. After the test,
     * its deployments are released while it still answers, then it stops.
     */
    protected S ownVendor() {
        S own = platform.simulator().get();
        ownVendors.add(own);
        return own;
    }

    @AfterEach
    void releaseOwnVendors() {
        try {
            ownVendors.forEach(own -> managed.releaseDeploymentsOn(own.baseUrl(), platform.release()));
        } finally {
            ownVendors.forEach(PlatformSimulator::close);
            ownVendors.clear();
        }
    }

    /** What the vendor knows this deployment's service by, derived from its uid ({@link ExpectedVendorNames}). */
    protected String vendorKey(ModelDeploymentView md) {
        return platform.services().keyOf().apply(md);
    }

    /**
     * The one service the vendor has under the key derived from the deployment's uid, found at the simulator without
     * asking status; status must name that service, as {@code target.externalId} and {@code serviceId}.
     *
     * @return the service's vendor id
     */
    protected String serviceAtTheVendor(S simulator, ModelDeploymentView md) {
        String key = vendorKey(md);
        List<String> ids = platform.services().withKey().apply(simulator, key);
        assertThat(ids).as("%s services known as %s", platform.provider(), key).hasSize(1);
        assertThat(externalId(md)).as("status.target.externalId").isEqualTo(ids.get(0));
        assertThat(md.statusField("serviceId")).as("status.serviceId").isEqualTo(ids.get(0));
        return ids.get(0);
    }

    protected String serviceAtTheVendor(ModelDeploymentView md) {
        return serviceAtTheVendor(vendor, md);
    }

    /**
     * Creates the vendor's {@link #deployment} {@code name} and waits until it is Running on the service the vendor
     * has under the name derived from its uid ({@link #serviceAtTheVendor}).
     */
    protected ModelDeploymentView createAndAwaitRunning(String name) {
        managed.create(deployment(name));
        ModelDeploymentView md = managed.awaitRunning(name);
        serviceAtTheVendor(md);
        return md;
    }

    /** A deployment Running on a vendor's service, and that service as the simulator has it. */
    protected record Serving<V>(ModelDeploymentView md, V service) {
    }

    /**
     * Applies a sample from {@code samples/} with kubectl, its documented endpoint replaced by the simulator's, and
     * waits until the deployment {@code name} is Running on the vendor's service found by its derived name
     * ({@link #serviceAtTheVendor}): status names that service (externalId, provider) and its URL with {@code /v1},
     * and it is Ready, VendorServing.
     */
    protected <V> Serving<V> applySampleAndAwaitServing(String file, String documentedEndpoint, String simulatorEndpoint,
                                                        String name, Function<String, Optional<V>> serviceById,
                                                        Function<V, String> urlOf) {
        managed.applySample(file, documentedEndpoint, simulatorEndpoint);
        ModelDeploymentView md = managed.awaitPhase(name, "Running");
        V service = serviceById.apply(serviceAtTheVendor(md)).orElseThrow();
        assertThat(targetField(md, "provider")).isEqualTo(platform.provider());
        assertThat(md.statusField("serviceUrl")).isEqualTo(urlOf.apply(service) + "/v1");
        assertThat(md.conditionIs("Ready", "True", "VendorServing")).isTrue();
        return new Serving<>(md, service);
    }

    private String createOperation() {
        return platform.services().createOperation();
    }

    // --- the scenarios ---------------------------------------------------------------------------------------

    @Test
    void aLostStatusWriteFindsTheServiceInsteadOfCreatingASecond() {
        ModelDeploymentView created = createAndAwaitRunning("lost-write");
        String id = externalId(created);
        String key = vendorKey(created);

        // As if the operator had crashed between the vendor's answer and the status write.
        harness.operator().stop();
        managed.loseExternalId("lost-write");
        assertThat(externalId(managed.md("lost-write"))).isNull();
        harness.operator().start();

        Await.until("the same vendor id back in status", TIMEOUT, () -> id.equals(externalId(managed.md("lost-write"))));
        assertThat(vendor.requests().count(createOperation(), key)).as("creates of " + key).isEqualTo(1);
        serviceAtTheVendor(managed.md("lost-write"));
    }

    /**
     * On a vendor of its own, so that the faults hit only this deployment and its requests are all the vendor saw: the
     * throttled lookups are answered 429 with the vendor's chosen {@code Retry-After}, and the operator's next call came
     * no sooner, by the simulator's arrival stamps.
     */
    @Test
    void throttlingIsWaitedOutAsRetryAfterSaysAndServerErrorsWithoutAStorm() {
        ManagedPlatform.Throttling faults = platform.failures().throttling();
        S own = ownVendor();
        own.faults().throttleNext(faults.lookupOperation(), faults.throttledLookups(), faults.retryAfter())
                .failNext(createOperation(), faults.createFailureStatus(), 1);

        managed.create(deploymentOn(own, "bumpy"));

        ModelDeploymentView md = managed.awaitRunning("bumpy");
        serviceAtTheVendor(own, md);
        List<RecordedRequest> requests = own.requests().all();
        List<Integer> throttled = IntStream.range(0, requests.size()).filter(i -> requests.get(i).status() == 429)
                .boxed().toList();
        assertThat(throttled).as("lookups answered 429").hasSize(faults.throttledLookups());
        throttled.forEach(i -> {
            assertThat(requests).as("a call after the 429 at %s", requests.get(i).receivedAt()).hasSizeGreaterThan(i + 1);
            assertThat(Duration.between(requests.get(i).receivedAt(), requests.get(i + 1).receivedAt()))
                    .as("wait after a 429 with Retry-After %s s before %s %s", faults.retryAfter().toSeconds(),
                            requests.get(i + 1).method(), requests.get(i + 1).path())
                    .isGreaterThanOrEqualTo(faults.retryAfter());
        });
        assertThat(own.requests().count(createOperation()))
                .as("one create refused by a " + faults.createFailureStatus() + ", one accepted").isEqualTo(2);
        assertThat(requests.size()).as("requests to reach Running").isLessThan(40);
        if (faults.lookupIsOnlyBeforeCreate()) {
            assertThat(own.requests().count(faults.lookupOperation()))
                    .as("lookups: the throttled ones, then one before each create")
                    .isBetween(faults.throttledLookups() + 2, faults.throttledLookups() + 4);
        }
    }

    /** On a vendor of its own: the one deployment that fails there is this test's. */
    @Test
    void aServiceThatFailsToDeployIsFailedWithTheVendorsStatus() {
        S own = ownVendor();
        own.faults().failNextDeployments(1);
        managed.create(deploymentOn(own, "broken"));

        ModelDeploymentView md = managed.awaitPhase("broken", "Failed");
        String id = serviceAtTheVendor(own, md);
        assertThat(md.conditionIs("Degraded", "True", "VendorFailed")).isTrue();
        String failedStatus = platform.failures().failedStatus();
        assertThat(md.conditionMessage("Degraded")).contains(platform.provider() + " reports '" + failedStatus + "'");
        assertThat(targetField(md, "vendorStatus")).isEqualTo(failedStatus);
        assertThat(platform.services().statusOf().apply(own, id)).as("the service on the vendor").isEqualTo(failedStatus);
    }

    /**
     * On a vendor of its own, so that every request it saw is this deployment's: the operator the harness starts
     * rechecks refused credentials every {@link OperatorHarness#CREDENTIALS_RECHECK} (the documented default is 5
     * minutes), and consecutive refused calls are at least that far apart by the simulator's arrival stamps.
     */
    @Test
    void wrongCredentialsAreCredentialsInvalidWithoutAHotLoop() {
        S own = ownVendor();
        managed.writeSecret("wrong-creds", platform.credentials().withSecret().apply(WRONG_SECRET));
        GenericKubernetesResource bad = deploymentOn(own, "bad-creds");
        section(bad, "spec", "target").put("credentialsSecretRef", Map.of("name", "wrong-creds"));
        managed.create(bad);

        ModelDeploymentView md = managed.awaitCondition("bad-creds", "Ready", "False", "CredentialsInvalid");
        assertThat(md.conditionMessage("Ready")).contains(platform.failures().credentialsRefusal());
        managed.awaitEvent("bad-creds", "CredentialsInvalid");

        Predicate<RecordedRequest> refused = platform.failures().refusedForTheWrongSecret();
        List<RecordedRequest> refusals = Await.until("three refused calls", TIMEOUT, () -> {
            List<RecordedRequest> seen = own.requests().all();
            return seen.stream().filter(refused).count() >= 3 ? seen : null;
        });
        assertThat(refusals).as("every call with the wrong secret refused, none other made").allMatch(refused);
        for (int i = 1; i < refusals.size(); i++) {
            assertThat(Duration.between(refusals.get(i - 1).receivedAt(), refusals.get(i).receivedAt()))
                    .as("between refused calls %d and %d", i, i + 1)
                    .isGreaterThanOrEqualTo(OperatorHarness.CREDENTIALS_RECHECK);
        }
        ModelDeploymentView after = managed.md("bad-creds");
        assertThat(after.phase()).isEqualTo("Pending");
        assertThat(after.resource().toString()).doesNotContain(WRONG_SECRET);
        assertThat(ns.eventMessages("bad-creds")).noneMatch(m -> m.contains(WRONG_SECRET));

        // With the secret fixed, the finalizer can ask the vendor again and lets go.
        managed.writeSecret("wrong-creds", platform.credentials().valid());
        managed.deleteAndAwaitGone("bad-creds");
    }
}
