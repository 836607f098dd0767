package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.MutableClock;
import io.modeldeploy.operator.adapters.AdapterReports;
import io.modeldeploy.operator.adapters.LoadBackoff;
import io.modeldeploy.operator.engine.EngineConnector;
import io.modeldeploy.operator.provider.ManagedProvider;
import io.modeldeploy.operator.provider.Providers;
import io.modeldeploy.operator.validate.DeploymentResolver;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The flows wired as the operator wires them, on fakes: a cluster and a vendor in memory, recorded Events,
 * a clock the test moves. Each test gets its own.
 */
final class FlowFixture {
    final MutableClock clock = new MutableClock();
    final RecordingEvents events = new RecordingEvents();
    final FakeCluster cluster = new FakeCluster();
    final FakeProvider vendor = new FakeProvider();
    final FakeCredentialsHold credentials = new FakeCredentialsHold();
    final AdapterReports reports = new AdapterReports();
    final Providers providers;
    final DeploymentResolver resolver;
    final StatusUpdates statusUpdates = new StatusUpdates(clock, events);

    FlowFixture() {
        this(List.of());
    }

    /** @param others providers beside the fake one (the others are left out, so they count as not implemented) */
    FlowFixture(List<ManagedProvider> others) {
        List<ManagedProvider> all = new java.util.ArrayList<>(others);
        all.add(vendor);
        providers = new Providers(all, Map.of());
        resolver = new DeploymentResolver(providers);
    }

    ManagedFlow managedFlow() {
        return new ManagedFlow(providers, credentials, cluster, new ManagedLoraBases(), statusUpdates);
    }

    LoraServiceFlow loraServiceFlow() {
        return new LoraServiceFlow(new LoraServiceCatalog(resolver), reports, statusUpdates);
    }

    InClusterFlow inClusterFlow(EngineConnector engines) {
        return new InClusterFlow(Fixtures.settings(), engines, cluster, new LoraServiceCatalog(resolver),
                new LoadBackoff(clock), reports, statusUpdates, clock);
    }

    static Secret secret(String name, Map<String, String> values) {
        Map<String, String> data = new java.util.LinkedHashMap<>();
        values.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace(Fixtures.NAMESPACE).endMetadata()
                .withData(data).build();
    }
}
