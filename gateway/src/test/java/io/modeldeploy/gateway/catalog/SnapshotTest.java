package io.modeldeploy.gateway.catalog;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.modeldeploy.gateway.keys.KeyDigest;
import io.modeldeploy.operator.api.gateway.PublishedKey;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static io.modeldeploy.gateway.catalog.Deployments.autoscaled;
import static io.modeldeploy.gateway.catalog.Deployments.holding;
import static io.modeldeploy.gateway.catalog.Deployments.loraService;
import static io.modeldeploy.gateway.catalog.Deployments.served;
import static io.modeldeploy.gateway.catalog.Deployments.withAdapters;
import static org.assertj.core.api.Assertions.assertThat;

class SnapshotTest {

    static Pod pod(String namespace, String name, String deployment, String ip, boolean ready, String role) {
        PodBuilder b = new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .addToLabels(PodInstances.DEPLOYMENT_LABEL, deployment).endMetadata()
                .withNewSpec().addNewContainer().withName("engine").addNewPort().withName("http").withContainerPort(8123)
                .endPort().endContainer().endSpec()
                .withNewStatus().withPodIP(ip).addNewCondition().withType("Ready").withStatus(ready ? "True" : "False")
                .endCondition().endStatus();
        if (role != null) {
            b.editMetadata().addToLabels("modeldeploy.io/role", role).endMetadata();
        }
        return b.build();
    }

    static Secret published(String namespace, String secret, String value) {
        return new SecretBuilder().withNewMetadata().withName(PublishedKey.secretName(namespace, secret, "apiKey"))
                .addToLabels(PublishedKey.LABEL, "true")
                .addToAnnotations(PublishedKey.SOURCE_NAMESPACE, namespace)
                .addToAnnotations(PublishedKey.SOURCE_SECRET, secret)
                .addToAnnotations(PublishedKey.SOURCE_KEY, "apiKey").endMetadata()
                .addToData(PublishedKey.DATA_KEY, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    @Test
    void onlyReadyLeaderPodsWithAnAddressAreInstancesAtTheirHttpPort() {
        ModelDeployment md = served("ns", "chat", "chat");
        Snapshot s = SnapshotBuilder.build(List.of(md), List.of(
                pod("ns", "chat-1", "chat", "127.0.0.5", true, null),
                pod("ns", "chat-2", "chat", "127.0.0.6", false, null),
                pod("ns", "chat-3", "chat", null, true, null),
                pod("ns", "group-0", "chat", "127.0.0.7", true, "leader"),
                pod("ns", "group-1", "chat", "127.0.0.8", true, "worker"),
                pod("other", "chat-1", "chat", "127.0.0.9", true, null)), List.of());
        DeploymentView v = s.deployments().iterator().next();
        assertThat(s.candidates(v, "chat")).containsExactly(
                new Instance("ns", "chat-1", "127.0.0.5", 8123), new Instance("ns", "group-0", "127.0.0.7", 8123));
    }

    @Test
    void anAdapterGoesOnlyToInstancesWhoseEngineHoldsIt() {
        ModelDeployment md = holding(holding(withAdapters(served("ns", "base", "base"), "sql"), "base-1", "sql"), "base-2");
        Snapshot s = SnapshotBuilder.build(List.of(md), List.of(pod("ns", "base-1", "base", "127.0.0.5", true, null),
                pod("ns", "base-2", "base", "127.0.0.6", true, null)), List.of());
        DeploymentView v = s.deployments().iterator().next();
        assertThat(s.candidates(v, "sql")).extracting(Instance::id).containsExactly("base-1");
        assertThat(s.candidates(v, "base")).extracting(Instance::id).containsExactly("base-1", "base-2");
    }

    @Test
    void publishedKeysAreCheckedByDigestAndOnlyForTheirSecret() {
        Snapshot s = SnapshotBuilder.build(List.of(), List.of(),
                List.of(published("ns", "chat-api-key", "s3cret"), published("other", "x-api-key", "other")));
        KeyRef chat = new KeyRef("ns", "chat-api-key", "apiKey");
        assertThat(s.keys().matches(chat, KeyDigest.of("s3cret"))).isTrue();
        assertThat(s.keys().matches(chat, KeyDigest.of("other"))).isFalse();
        assertThat(s.keys().matches(chat, KeyDigest.of("s3cre"))).isFalse();
        assertThat(s.keys().known(KeyDigest.of("other"))).isTrue();
        assertThat(s.keys().known(KeyDigest.of("nobody"))).isFalse();
        assertThat(s.keys().value(chat)).contains("s3cret");
    }

    @Test
    void aSecretWithoutItsSourceAnnotationsIsIgnored() {
        Secret broken = published("ns", "chat-api-key", "s3cret");
        broken.getMetadata().getAnnotations().remove(PublishedKey.SOURCE_SECRET);
        Snapshot s = SnapshotBuilder.build(List.of(), List.of(), List.of(broken));
        assertThat(s.keys().known(KeyDigest.of("s3cret"))).isFalse();
    }

    @Test
    void aLoraServiceAutoscalesWithItsBaseWhoseReadyInstancesDecide() {
        ModelDeployment base = autoscaled(withAdapters(served("ns", "base", "base"), "sql"), "no node has GPU type B200");
        ModelDeployment service = loraService("ns", "sql-svc", "base", "sql");
        ModelDeployment plain = served("ns", "plain", "plain");
        Snapshot cold = SnapshotBuilder.build(List.of(base, service, plain), List.of(), List.of());
        DeploymentView serviceView = cold.deployments().stream().filter(d -> d.name().equals("sql-svc")).findFirst()
                .orElseThrow();
        DeploymentView plainView = cold.deployments().stream().filter(d -> d.name().equals("plain")).findFirst()
                .orElseThrow();

        assertThat(cold.autoscaling(serviceView)).contains(new Autoscaled("ns", "base", true, "no node has GPU type B200"));
        assertThat(cold.autoscaling(plainView)).isEmpty();
        assertThat(cold.anyReady("ns/base")).isFalse();

        Snapshot warm = SnapshotBuilder.build(List.of(base, service, plain),
                List.of(pod("ns", "base-1", "base", "127.0.0.5", true, null)), List.of());
        assertThat(warm.anyReady("ns/base")).isTrue();
    }
}
