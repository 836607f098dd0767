package io.modeldeploy.operator.provider;

import java.util.List;
import java.util.Optional;

/**
 * The one place vendor words leave a provider: every failure message, and the vendor's status text, with the
 * deployment's credentials and what was derived from them masked ({@link SecretMask}) and cut to an excerpt. A vendor
 * echoing a request (its Authorization header, a login body) in an error can then never carry a credential into a
 * status, an Event or a log.
 */
final class MaskingProvider implements ManagedProvider {
    /** Room for the operator's own words around the vendor's excerpt. */
    private static final int MAX_MESSAGE = 2 * SecretMask.MAX_EXCERPT;

    private final ManagedProvider delegate;

    MaskingProvider(ManagedProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public Description description() {
        return delegate.description();
    }

    @Override
    public Optional<VendorService> findByName(VendorCall call) throws VendorException {
        try {
            return delegate.findByName(call).map(s -> masked(s, call));
        } catch (VendorException e) {
            throw masked(e, call);
        }
    }

    @Override
    public VendorService create(VendorCall call) throws VendorException {
        try {
            return masked(delegate.create(call), call);
        } catch (VendorException e) {
            throw masked(e, call);
        }
    }

    @Override
    public Optional<VendorService> get(VendorCall call, String externalId) throws VendorException {
        try {
            return delegate.get(call, externalId).map(s -> masked(s, call));
        } catch (VendorException e) {
            throw masked(e, call);
        }
    }

    @Override
    public void scale(VendorCall call, String externalId, int replicas) throws VendorException {
        try {
            delegate.scale(call, externalId, replicas);
        } catch (VendorException e) {
            throw masked(e, call);
        }
    }

    @Override
    public void stop(VendorCall call, String externalId) throws VendorException {
        try {
            delegate.stop(call, externalId);
        } catch (VendorException e) {
            throw masked(e, call);
        }
    }

    @Override
    public void start(VendorCall call, String externalId) throws VendorException {
        try {
            delegate.start(call, externalId);
        } catch (VendorException e) {
            throw masked(e, call);
        }
    }

    @Override
    public boolean delete(VendorCall call, String externalId) throws VendorException {
        try {
            return delegate.delete(call, externalId);
        } catch (VendorException e) {
            throw masked(e, call);
        }
    }

    /** The same failure, its message masked and cut; the cause is dropped, since its text is the vendor's too. */
    static VendorException masked(VendorException e, VendorCall call) {
        String message = SecretMask.excerpt(call.credentials().mask().hide(e.getMessage()), MAX_MESSAGE);
        return new VendorException(e.kind(), message, e.retryAfter().orElse(null), null);
    }

    /** The vendor's status words masked; ids, URLs and the issued API key (which goes to its Secret) are kept. */
    private static VendorService masked(VendorService service, VendorCall call) {
        SecretMask mask = call.credentials().mask();
        VendorState state = new VendorState(service.state().phase(),
                service.state().detail().map(d -> SecretMask.excerpt(mask.hide(d), SecretMask.MAX_EXCERPT)));
        return new VendorService(service.externalId(), mask.hide(service.vendorStatus()), state, service.serviceUrl(),
                service.apiKey(), service.replicas(), service.instances() == null ? List.of() : service.instances(),
                service.servedNames());
    }
}
