package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.adapters.InstanceAdapters;
import io.modeldeploy.operator.api.gateway.PublishedKey;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator publishes each deployment's key into the gateway's namespace, and only there. */
class GatewayKeysTest {
    private static final String GATEWAY_NAMESPACE = "modeldeploy-system";

    private final FlowFixture f = new FlowFixture();
    private final ModelDeployment md = Fixtures.vllmQuickStart();

    private Secret published(String secret) {
        return f.cluster.get(Secret.class, PublishedKey.secretName(Fixtures.NAMESPACE, secret, "apiKey")).orElseThrow();
    }

    private static String value(Secret s) {
        return new String(Base64.getDecoder().decode(s.getData().get(PublishedKey.DATA_KEY)), StandardCharsets.UTF_8);
    }

    @Test
    void theKeyIsPublishedIntoTheGatewayNamespaceNamingItsSource() {
        f.gatewayKeys = gatewayKeys();
        InClusterFlow flow = f.inClusterFlow();

        f.reconcile(flow, md, new FakeContext().seeing(f.cluster).withDeployments(md));

        Secret copy = published(Fixtures.NAME + "-api-key");
        assertThat(copy.getMetadata().getNamespace()).isEqualTo(GATEWAY_NAMESPACE);
        assertThat(copy.getMetadata().getLabels()).containsEntry(PublishedKey.LABEL, "true");
        assertThat(copy.getMetadata().getAnnotations()).containsEntry(PublishedKey.SOURCE_NAMESPACE, Fixtures.NAMESPACE)
                .containsEntry(PublishedKey.SOURCE_SECRET, Fixtures.NAME + "-api-key")
                .containsEntry(PublishedKey.SOURCE_KEY, "apiKey");
        assertThat(copy.getMetadata().getOwnerReferences()).as("no owner across namespaces").isNullOrEmpty();
        String key = new String(Base64.getDecoder().decode(f.cluster.get(Secret.class, Fixtures.NAME + "-api-key")
                .orElseThrow().getData().get("apiKey")), StandardCharsets.UTF_8);
        assertThat(value(copy)).isEqualTo(key);
    }

    @Test
    void anUnchangedKeyIsNotWrittenAgainAndAChangedOneIs() {
        f.gatewayKeys = gatewayKeys();
        InClusterFlow flow = f.inClusterFlow();
        f.cluster.with(FlowFixture.secret("team-key", Map.of("apiKey", "sk-one")));
        io.modeldeploy.operator.api.v1alpha1.SecretKeyRef ref = new io.modeldeploy.operator.api.v1alpha1.SecretKeyRef();
        ref.setName("team-key");
        io.modeldeploy.operator.api.v1alpha1.ApiKey apiKey = new io.modeldeploy.operator.api.v1alpha1.ApiKey();
        apiKey.setSecretRef(ref);
        md.getSpec().setApiKey(apiKey);
        f.reconcile(flow, md, new FakeContext().seeing(f.cluster).withDeployments(md));
        f.cluster.forgetWrites();

        f.reconcile(flow, md, new FakeContext().seeing(f.cluster).withDeployments(md));
        assertThat(f.cluster.applied).noneMatch(w -> w.startsWith("Secret/"));

        f.cluster.with(FlowFixture.secret("team-key", Map.of("apiKey", "sk-two")));
        f.reconcile(flow, md, new FakeContext().seeing(f.cluster).withDeployments(md));
        assertThat(value(published("team-key"))).isEqualTo("sk-two");
    }

    private GatewayKeys gatewayKeys() {
        GatewayKeys keys = new GatewayKeys(Optional.of(GATEWAY_NAMESPACE), f.cluster);
        keys.readPublishedFrom(this::copies, ns -> ns.equals(Fixtures.NAMESPACE));
        return keys;
    }

    private List<Secret> copies() {
        return f.cluster.live().stream().filter(o -> o instanceof Secret s && s.getMetadata().getLabels() != null
                && s.getMetadata().getLabels().containsKey(PublishedKey.LABEL)).map(Secret.class::cast).toList();
    }

    private static ModelDeployment withTeamKey(ModelDeployment md) {
        io.modeldeploy.operator.api.v1alpha1.SecretKeyRef ref = new io.modeldeploy.operator.api.v1alpha1.SecretKeyRef();
        ref.setName("team-key");
        io.modeldeploy.operator.api.v1alpha1.ApiKey apiKey = new io.modeldeploy.operator.api.v1alpha1.ApiKey();
        apiKey.setSecretRef(ref);
        md.getSpec().setApiKey(apiKey);
        return md;
    }

    @Test
    void aCopyNoLiveDeploymentNamesIsRemovedAndPublishedAgainWhenNamedAgain() {
        f.gatewayKeys = gatewayKeys();
        InClusterFlow flow = f.inClusterFlow();
        f.cluster.with(FlowFixture.secret("team-key", Map.of("apiKey", "sk-team")));
        ModelDeployment other = withTeamKey(Fixtures.vllmQuickStart());
        other.getMetadata().setName("other");
        f.reconcile(flow, md, new FakeContext().seeing(f.cluster).withDeployments(md, other));
        f.reconcile(flow, other, new FakeContext().seeing(f.cluster).withDeployments(md, other));
        assertThat(copies()).hasSize(2);

        md.getMetadata().setDeletionTimestamp("2026-11-30T00:00:00Z");
        f.gatewayKeys.sweep(List.of(md, other));

        assertThat(copies()).singleElement().satisfies(c -> assertThat(c.getMetadata().getAnnotations())
                .containsEntry(PublishedKey.SOURCE_SECRET, "team-key"));
        ModelDeployment again = Fixtures.vllmQuickStart();
        f.reconcile(flow, again, new FakeContext().seeing(f.cluster).withDeployments(again, other));
        assertThat(copies()).as("a copy removed is forgotten, so it is written again").hasSize(2);
    }

    @Test
    void aDeletedDeploymentIsForgottenAndAsksForASweep() {
        f.reconcile(f.inClusterFlow(), md, new FakeContext().seeing(f.cluster).withDeployments(md));
        ResourceID id = ResourceID.fromResource(md);
        f.reports.publish(id, Map.of("qwen-chat-a", InstanceAdapters.unreachable("connection refused")));
        AtomicInteger sweeps = new AtomicInteger();
        DeletedDeployments deletions = new DeletedDeployments(f.reports, new Autoscaled(f.scaleBook, f.clock), f.gate,
                sweeps::incrementAndGet);

        deletions.onResourceDeleted(md);

        assertThat(f.reports.of(id)).isEmpty();
        assertThat(sweeps).hasValue(1);
    }

    @Test
    void aChangedKeySecretLeavesNoCopyOfTheOldOneAndUnwatchedNamespacesAreNotJudged() {
        f.gatewayKeys = gatewayKeys();
        InClusterFlow flow = f.inClusterFlow();
        f.reconcile(flow, md, new FakeContext().seeing(f.cluster).withDeployments(md));
        f.cluster.apply(io.modeldeploy.operator.render.GatewayKeyRenderer.render(GATEWAY_NAMESPACE, "elsewhere",
                "their-key", "apiKey", "sk-elsewhere"));
        f.cluster.with(FlowFixture.secret("team-key", Map.of("apiKey", "sk-team")));
        withTeamKey(md);
        f.reconcile(flow, md, new FakeContext().seeing(f.cluster).withDeployments(md));

        f.gatewayKeys.sweep(List.of(md));

        assertThat(copies()).extracting(c -> c.getMetadata().getAnnotations().get(PublishedKey.SOURCE_SECRET))
                .containsExactlyInAnyOrder("team-key", "their-key");
    }

    @Test
    void withoutAGatewayNothingIsPublished() {
        InClusterFlow flow = f.inClusterFlow();
        f.reconcile(flow, md, new FakeContext().seeing(f.cluster).withDeployments(md));
        assertThat(f.cluster.live()).noneMatch(o -> o instanceof Secret s && s.getMetadata().getLabels() != null
                && s.getMetadata().getLabels().containsKey(PublishedKey.LABEL));
    }
}
