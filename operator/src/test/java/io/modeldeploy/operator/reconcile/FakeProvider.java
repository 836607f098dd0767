package io.modeldeploy.operator.reconcile;

import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.provider.ManagedProvider;
import io.modeldeploy.operator.provider.VendorCall;
import io.modeldeploy.operator.provider.VendorException;
import io.modeldeploy.operator.provider.VendorService;
import io.modeldeploy.operator.provider.VendorState;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;

/**
 * A vendor in memory, standing in for Alaya NeW in the flows' unit tests: services by id and by the name the
 * operator gave them, scripted failures, and a log of every call.
 */
final class FakeProvider implements ManagedProvider {
    static final URI ENDPOINT = URI.create("https://vendor.example/api");

    final Map<String, VendorService> services = new LinkedHashMap<>();
    final Map<String, String> idsByName = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    /** Thrown, one per call, before the call does anything. */
    final Queue<VendorException> failures = new ArrayDeque<>();
    /** Thrown, one per call, by lookups by name only. */
    final Queue<VendorException> findFailures = new ArrayDeque<>();
    Capabilities capabilities = new Capabilities(true, true, false);
    boolean deleteCompletesAtOnce = true;
    private int nextId = 1;

    @Override
    public Description description() {
        return new Description(Provider.AlayaNeW, "fake", Optional.of(ENDPOINT), capabilities);
    }

    /** A service the vendor holds in {@code phase} with {@code replicas}, named as the operator would name it. */
    VendorService put(String id, String vendorName, Phase phase, int replicas) {
        VendorService service = service(id, phase, replicas, Optional.empty());
        services.put(id, service);
        idsByName.put(vendorName, id);
        return service;
    }

    static VendorService service(String id, Phase phase, int replicas, Optional<String> apiKey) {
        return new VendorService(id, phase.name(), VendorState.of(phase), Optional.of("https://" + id + ".vendor.example"),
                apiKey, Optional.of(replicas), List.of());
    }

    private void call(String what) throws VendorException {
        calls.add(what);
        VendorException failure = failures.poll();
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public Optional<VendorService> findByName(VendorCall call) throws VendorException {
        call("find " + call.vendorName());
        VendorException failure = findFailures.poll();
        if (failure != null) {
            throw failure;
        }
        return Optional.ofNullable(idsByName.get(call.vendorName())).map(services::get);
    }

    @Override
    public VendorService create(VendorCall call) throws VendorException {
        call("create " + call.vendorName());
        return put("svc-" + nextId++, call.vendorName(), Phase.Starting, call.deployment().replicas());
    }

    @Override
    public Optional<VendorService> get(VendorCall call, String externalId) throws VendorException {
        call("get " + externalId);
        return Optional.ofNullable(services.get(externalId));
    }

    @Override
    public void scale(VendorCall call, String externalId, int replicas) throws VendorException {
        call("scale " + externalId + " " + replicas);
    }

    @Override
    public void stop(VendorCall call, String externalId) throws VendorException {
        call("stop " + externalId);
    }

    @Override
    public void start(VendorCall call, String externalId) throws VendorException {
        call("start " + externalId);
    }

    @Override
    public boolean delete(VendorCall call, String externalId) throws VendorException {
        call("delete " + externalId);
        if (deleteCompletesAtOnce) {
            services.remove(externalId);
        }
        return deleteCompletesAtOnce;
    }
}
