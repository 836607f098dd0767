package io.modeldeploy.gateway.catalog;

import io.modeldeploy.operator.api.v1alpha1.ApiKey;
import io.modeldeploy.operator.api.v1alpha1.Backend;
import io.modeldeploy.operator.api.v1alpha1.GatewaySpec;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.api.v1alpha1.QuickStart;
import io.modeldeploy.operator.api.v1alpha1.RateLimit;
import io.modeldeploy.operator.api.v1alpha1.Routing;
import io.modeldeploy.operator.api.v1alpha1.RoutingStrategy;
import io.modeldeploy.operator.api.v1alpha1.SecretKeyRef;
import io.modeldeploy.operator.api.v1alpha1.Target;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static io.modeldeploy.gateway.catalog.Deployments.holding;
import static io.modeldeploy.gateway.catalog.Deployments.loraService;
import static io.modeldeploy.gateway.catalog.Deployments.served;
import static io.modeldeploy.gateway.catalog.Deployments.withAdapters;
import static org.assertj.core.api.Assertions.assertThat;

class DeploymentViewsTest {

    @Test
    void anInClusterDeploymentServesItsNamesFromItsOwnPodsWithItsKeySecret() {
        DeploymentView v = DeploymentViews.of(served("ns", "chat", "chat"), n -> Optional.empty()).orElseThrow();
        assertThat(v.clientNames()).containsExactly("chat");
        assertThat(v.podOwner()).isEqualTo("chat");
        assertThat(v.key()).contains(new KeyRef("ns", "chat-api-key", "apiKey"));
        assertThat(v.managed()).isEmpty();
        assertThat(v.strategy()).isEqualTo(RoutingStrategy.LeastInFlight);
        assertThat(v.limits()).isEqualTo(Limits.NONE);
    }

    @Test
    void noStatusOrNoServedNamesYetMeansNotCallable() {
        ModelDeployment md = served("ns", "chat", "chat");
        md.getStatus().setServedNames(List.of());
        assertThat(DeploymentViews.of(md, n -> Optional.empty())).isEmpty();
        md.setStatus(null);
        assertThat(DeploymentViews.of(md, n -> Optional.empty())).isEmpty();
    }

    @Test
    void aUserKeySecretIsReadAtItsOwnField() {
        ModelDeployment md = served("ns", "chat", "chat");
        ApiKey apiKey = new ApiKey();
        SecretKeyRef ref = new SecretKeyRef();
        ref.setName("mine");
        ref.setKey("token");
        apiKey.setSecretRef(ref);
        md.getSpec().setApiKey(apiKey);
        md.getStatus().setApiKeySecret("mine");
        assertThat(DeploymentViews.of(md, n -> Optional.empty()).orElseThrow().key())
                .contains(new KeyRef("ns", "mine", "token"));
    }

    @Test
    void adaptersOfABaseAreCalledByTheEnginesOwnNames() {
        ModelDeployment vllm = withAdapters(served("ns", "base", "base"), "sql");
        assertThat(DeploymentViews.of(vllm, n -> Optional.empty()).orElseThrow().adapters()).isEqualTo(Map.of("sql", "sql"));
        ModelDeployment sglang = withAdapters(served("ns", "base", "base"), "sql");
        QuickStart qs = new QuickStart();
        qs.setBackend(Backend.SGLANG);
        sglang.getSpec().setQuickStart(qs);
        assertThat(DeploymentViews.of(sglang, n -> Optional.empty()).orElseThrow().adapters())
                .isEqualTo(Map.of("base:sql", "sql"));
    }

    @Test
    void aLoraServiceIsServedByItsBasesPodsWithTheBasesKeyAndOnlyItsAdapters() {
        ModelDeployment base = withAdapters(served("ns", "base", "base"), "other");
        ModelDeployment service = holding(loraService("ns", "sql-svc", "base", "sql"), "base-pod-1", "sql");
        DeploymentView v = DeploymentViews.of(service, n -> n.equals("base") ? Optional.of(base) : Optional.empty())
                .orElseThrow();
        assertThat(v.podOwner()).isEqualTo("base");
        assertThat(v.clientNames()).containsExactly("sql");
        assertThat(v.adapterFor("sql")).contains("sql");
        assertThat(v.key()).contains(new KeyRef("ns", "base-api-key", "apiKey"));
        assertThat(v.heldAdapters()).isEqualTo(Map.of("base-pod-1", Set.of("sql")));
        assertThat(DeploymentViews.of(service, n -> Optional.empty())).as("no base: not callable").isEmpty();
    }

    @Test
    void aManagedDeploymentIsCalledAtItsServiceUrlOnlyWhileRunning() {
        ModelDeployment md = served("ns", "alaya", "alaya-chat");
        Target target = new Target();
        target.setProvider(Provider.AlayaNeW);
        md.getSpec().setTarget(target);
        md.getStatus().setServiceUrl("https://vendor.example/v1");
        md.getStatus().setPhase(Phase.Starting);
        assertThat(DeploymentViews.of(md, n -> Optional.empty()).orElseThrow().managed()).isEmpty();
        md.getStatus().setPhase(Phase.Running);
        ManagedTarget managed = DeploymentViews.of(md, n -> Optional.empty()).orElseThrow().managed().orElseThrow();
        assertThat(managed.serviceUrl()).isEqualTo("https://vendor.example/v1");
        assertThat(managed.authHeader()).isEqualTo("apiKey");
        assertThat(managed.authValue("k")).isEqualTo("k");
        assertThat(new ManagedTarget(Provider.DRun, "u").authValue("k")).isEqualTo("Bearer k");
        assertThat(new ManagedTarget(Provider.Qianfan, "u").authHeader()).isEqualTo("Authorization");
    }

    @Test
    void routingAndLimitsComeFromTheSpec() {
        ModelDeployment md = served("ns", "chat", "chat");
        Routing routing = new Routing();
        routing.setStrategy(RoutingStrategy.PrefixHash);
        md.getSpec().setRouting(routing);
        RateLimit limit = new RateLimit();
        limit.setRequestsPerMinute(60);
        GatewaySpec gateway = new GatewaySpec();
        gateway.setRateLimit(limit);
        md.getSpec().setGateway(gateway);
        DeploymentView v = DeploymentViews.of(md, n -> Optional.empty()).orElseThrow();
        assertThat(v.strategy()).isEqualTo(RoutingStrategy.PrefixHash);
        assertThat(v.limits()).isEqualTo(new Limits(OptionalInt.of(60), OptionalInt.empty()));
    }
}
