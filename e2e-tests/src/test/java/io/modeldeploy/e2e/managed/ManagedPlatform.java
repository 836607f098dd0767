package io.modeldeploy.e2e.managed;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.sim.platform.http.PlatformSimulator;
import io.modeldeploy.sim.platform.http.RecordedRequest;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One managed vendor platform, described once as data for the scenarios every managed target goes through
 * ({@link ManagedTargetScenarios}, {@link DeletableTargetScenarios}): how to start its SIMULATED API, the
 * {@code spec.target} and credentials Secret its deployments need, how to read its side, how it fails, and what it
 * can do. Each vendor's IT holds its own description.
 *
 * @param provider        {@code spec.target.provider}, as status and messages name it
 * @param namespacePrefix the test namespace's prefix, e.g. {@code "zstack"}
 * @param simulator       starts the simulator on 127.0.0.1, accepting {@link Credentials#secret()}
 * @param credentials     the Secret the vendor's deployments name
 * @param deployment      a one-replica deployment on the simulator with that Secret, not created yet
 * @param services        reading the simulator's side
 * @param failures        how the vendor fails and refuses
 * @param release         what happens to the deployments left before the namespace goes
 * @param deletion        present for a vendor that publishes a delete call
 * @param <S>             the vendor's simulator
 */
record ManagedPlatform<S extends PlatformSimulator>(String provider, String namespacePrefix, Supplier<S> simulator,
                                                    Credentials credentials, DeploymentOf<S> deployment,
                                                    Services<S> services, Failures failures, Release release,
                                                    Optional<Deletion<S>> deletion) {

    /** Never the right secret of any vendor; it must not show up in status or events. */
    static final String WRONG_SECRET = "not-the-secret";

    /** Where every simulator listens: 127.0.0.1, any free port. */
    static InetSocketAddress loopback() {
        return new InetSocketAddress("127.0.0.1", 0);
    }

    /**
     * @param secretName the Secret's name, as the vendor's sample names it
     * @param secret     the secret part of the credentials that the simulator accepts
     * @param withSecret the Secret's keys with a given secret (the simulator's other values fixed)
     */
    record Credentials(String secretName, String secret, Function<String, Map<String, String>> withSecret) {
        Map<String, String> valid() {
            return withSecret.apply(secret);
        }
    }

    @FunctionalInterface
    interface DeploymentOf<S> {
        GenericKubernetesResource named(S vendor, ManagedTargetSupport managed, String name);
    }

    /**
     * @param createOperation the operation (in the simulator's request log) that creates a vendor service
     * @param keyOf           what the vendor knows a deployment's service by, derived in the test from its uid
     *                        ({@link ExpectedVendorNames}), never read from status: the vendor is searched by it, and
     *                        the requests about the service name it
     * @param withKey         the ids of the vendor's services that carry this key
     * @param statusOf        the vendor's status of the service with this id
     */
    record Services<S>(String createOperation, Function<ModelDeploymentView, String> keyOf,
                       BiFunction<S, String, List<String>> withKey, BiFunction<S, String, String> statusOf) {

        /**
         * A vendor that keeps services by id and knows them by the name the operator gave them ({@link
         * ExpectedVendorNames#serviceName}); it accepts duplicate names, so a second create would show as a second
         * service of that name.
         */
        static <S, V> Services<S> byName(String createOperation, Function<S, List<V>> all, Function<V, String> id,
                                        Function<V, String> name, BiFunction<S, String, Optional<V>> byId,
                                        Function<V, String> status) {
            return new Services<>(createOperation, ExpectedVendorNames::serviceName,
                    (vendor, key) -> all.apply(vendor).stream().filter(s -> name.apply(s).equals(key)).map(id).toList(),
                    (vendor, serviceId) -> status.apply(byId.apply(vendor, serviceId).orElseThrow()));
        }
    }

    /**
     * @param failedStatus             the vendor's own status word for a service that failed to deploy, verbatim
     * @param throttling               the faults of the throttling scenario, in the vendor's operation names
     * @param refusedForTheWrongSecret whether the vendor refused this request for the wrong secret (or it carried it)
     * @param credentialsRefusal       what the Ready condition of a deployment with the wrong secret quotes of the
     *                                 vendor's refusal
     */
    record Failures(String failedStatus, Throttling throttling, Predicate<RecordedRequest> refusedForTheWrongSecret,
                    String credentialsRefusal) {
    }

    /**
     * The faults of the throttling scenario, in the vendor's operation names.
     *
     * @param retryAfter the {@code Retry-After} of the throttled lookups (whole seconds), chosen per vendor
     */
    record Throttling(String lookupOperation, int throttledLookups, Duration retryAfter, int createFailureStatus,
                      boolean lookupIsOnlyBeforeCreate) {
    }

    /** Before the namespace goes, while the simulator and the credentials still answer the finalizers. */
    enum Release {
        /** Every deployment is deleted, the vendor's service with it. */
        DELETE_ALL,
        /** Every service stays, so no finalizer waits for the vendor (e.g. one that deletes only in its console). */
        RETAIN_ALL
    }

    /**
     * @param onTheVendor          whether the simulator has this service at all (being deleted or not)
     * @param beingDeletedOnVendor whether the simulator is deleting this service (a vendor that deletes at once never
     *                             is)
     */
    record Deletion<S>(BiPredicate<S, String> onTheVendor, BiPredicate<S, String> beingDeletedOnVendor) {
    }

    /** A vendor whose credentials travel in the Authorization header: a request with the wrong one carries it. */
    static Predicate<RecordedRequest> carriesTheWrongSecret() {
        return request -> request.header("Authorization").orElse("").contains(WRONG_SECRET);
    }
}
