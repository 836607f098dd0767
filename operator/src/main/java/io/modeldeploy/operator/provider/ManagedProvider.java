package io.modeldeploy.operator.provider;

import io.modeldeploy.operator.api.v1alpha1.Provider;

import java.net.URI;
import java.util.Optional;

/**
 * One managed inference platform behind its REST API (shared/design/vendors.md). Implementations hold
 * no state between calls: everything they need is in the {@link VendorCall}, and everything the
 * reconciler needs comes back as a {@link VendorService} or a {@link VendorException}.
 */
public interface ManagedProvider {

    /** What the provider is: the registry and the resolver know it by this alone. */
    Description description();

    /**
     * @param id              which spec.target.provider this implements
     * @param configKey       its key in the operator configuration ({@code modeldeploy.vendors.<key>.endpoint}, env
     *                        {@code MODELDEPLOY_VENDORS_<KEY>_ENDPOINT}): lower case letters and digits only, so the
     *                        env name maps back
     * @param defaultEndpoint the vendor's documented public API base; empty where every installation is private
     * @param basePath        the vendor's documented API base path, appended to an endpoint given as a host alone
     *                        (empty: calls go to the endpoint as written)
     * @param capabilities    what the vendor publishes beyond create, read and delete
     */
    record Description(Provider id, String configKey, Optional<URI> defaultEndpoint, String basePath,
                       Capabilities capabilities) {
        public Description {
            if (!configKey.matches("[a-z0-9]+")) {
                throw new IllegalArgumentException("config key '" + configKey + "' must be lower case letters and digits");
            }
            if (!basePath.isEmpty() && (!basePath.startsWith("/") || basePath.endsWith("/"))) {
                throw new IllegalArgumentException("base path '" + basePath + "' must start and not end with '/'");
            }
        }

        /** A vendor whose endpoint is always the whole API base. */
        public Description(Provider id, String configKey, Optional<URI> defaultEndpoint, Capabilities capabilities) {
            this(id, configKey, defaultEndpoint, "", capabilities);
        }
    }

    default Provider id() {
        return description().id();
    }

    default String configKey() {
        return description().configKey();
    }

    default Optional<URI> defaultEndpoint() {
        return description().defaultEndpoint();
    }

    default Capabilities capabilities() {
        return description().capabilities();
    }

    /**
     * The service this operator created for the call's resource, looked up by its deterministic name
     * ({@link VendorCall#vendorName()}): a create that crashed before its id reached status is found here.
     */
    Optional<VendorService> findByName(VendorCall call) throws VendorException;

    /** Creates the service; the answer carries at least the vendor's id. */
    VendorService create(VendorCall call) throws VendorException;

    /** The service now; empty when the vendor says it does not exist (404). */
    Optional<VendorService> get(VendorCall call, String externalId) throws VendorException;

    /** Only when {@link Capabilities#scale()}. */
    default void scale(VendorCall call, String externalId, int replicas) throws VendorException {
        throw VendorException.unsupported("scale");
    }

    /** Only when {@link Capabilities#stopStart()}. */
    default void stop(VendorCall call, String externalId) throws VendorException {
        throw VendorException.unsupported("stop");
    }

    /** Only when {@link Capabilities#stopStart()}. */
    default void start(VendorCall call, String externalId) throws VendorException {
        throw VendorException.unsupported("start");
    }

    /** Asks the vendor to delete it; true once the vendor says it is gone (a 404 counts). */
    boolean delete(VendorCall call, String externalId) throws VendorException;

    /** @param scale     replicas can be changed on a running service
     *  @param stopStart the service can be stopped and started again
     *  @param multiNode an instance can span several nodes (quickStart.resources.workers > 1) */
    record Capabilities(boolean scale, boolean stopStart, boolean multiNode) {
    }
}
