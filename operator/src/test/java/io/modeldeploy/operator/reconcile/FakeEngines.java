package io.modeldeploy.operator.reconcile;

import io.modeldeploy.operator.adapters.FakeEngine;
import io.modeldeploy.operator.adapters.FakeSidecar;
import io.modeldeploy.operator.engine.AdapterSidecar;
import io.modeldeploy.operator.engine.Engine;
import io.modeldeploy.operator.engine.EngineAdmin;
import io.modeldeploy.operator.engine.EngineConnector;
import io.modeldeploy.operator.engine.EngineCredential;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The engines and adapter-sync sidecars of the pods, by pod IP, in memory; logs which ones were opened. */
final class FakeEngines implements EngineConnector {
    private final Map<String, FakeEngine> engines = new LinkedHashMap<>();
    private final Map<String, FakeSidecar> sidecars = new LinkedHashMap<>();
    /** "engine ip:port" and "sidecar ip:port", in the order they were opened. */
    final List<String> opened = new ArrayList<>();
    /** The keys the engines were called with. */
    final List<String> credentials = new ArrayList<>();

    FakeEngine at(String podIp) {
        return engines.computeIfAbsent(podIp, ip -> new FakeEngine());
    }

    FakeSidecar sidecarAt(String podIp) {
        return sidecars.computeIfAbsent(podIp, ip -> new FakeSidecar());
    }

    @Override
    public EngineAdmin engine(String podIp, int port, Engine engine, EngineCredential credential) {
        opened.add("engine " + podIp + ":" + port);
        credentials.add(credential.value());
        return at(podIp);
    }

    @Override
    public AdapterSidecar sidecar(String podIp, int port) {
        opened.add("sidecar " + podIp + ":" + port);
        return sidecarAt(podIp);
    }
}
