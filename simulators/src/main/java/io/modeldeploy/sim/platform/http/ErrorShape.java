package io.modeldeploy.sim.platform.http;

/**
 * How one vendor words the errors the shared router produces itself (unknown path, wrong method, bad body,
 * injected faults, simulator bugs). Handlers build their own vendor errors directly.
 */
public interface ErrorShape {

    SimResponse routeNotFound(SimRequest request);

    SimResponse methodNotAllowed(SimRequest request);

    SimResponse invalidBody(SimRequest request, InvalidBody problem);

    /** An error injected through {@link Faults}: any status, 5xx and 429 included. */
    SimResponse injected(int status, String message);

    /** The simulator itself failed: a bug in the simulator, answered as the vendor's internal error. */
    SimResponse internalError(String message);
}
