package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialsGuardTest {

    private static ModelDeployment managed(String name, String uid, String secret) {
        return Fixtures.manifest("""
                apiVersion: modeldeploy.io/v1alpha1
                kind: ModelDeployment
                metadata: {name: %s, uid: %s}
                spec:
                  model: {id: Qwen/Qwen2.5-7B-Instruct}
                  target:
                    provider: DRun
                    credentialsSecretRef: {name: %s}
                    dRun: {region: sh-02, skuId: sku-4090-1}
                  quickStart:
                    backend: vllm
                    resources: {gpu: {type: H100, count: 1}}
                """.formatted(name, uid, secret));
    }

    @Test
    void everyUnfinishedManagedDeploymentNeedsTheSecretItNames() {
        List<ModelDeployment> mds = List.of(managed("a", "uid-a", "vendor-creds"), managed("b", "uid-b", "other-creds"),
                Fixtures.vllmQuickStart());

        assertThat(CredentialsGuard.needed(mds, Set.of())).containsExactlyInAnyOrder("vendor-creds", "other-creds");
    }

    @Test
    void aSecretIsLetGoOnlyWhenTheLastDeploymentNamingItHasFinished() {
        List<ModelDeployment> mds = List.of(managed("a", "uid-a", "vendor-creds"), managed("b", "uid-b", "vendor-creds"));

        assertThat(CredentialsGuard.needed(mds, Set.of("uid-a"))).containsExactly("vendor-creds");
        assertThat(CredentialsGuard.needed(mds, Set.of("uid-a", "uid-b"))).isEmpty();
    }

    @Test
    void theSweepLetsGoOfTheHeldSecretsNoUnfinishedDeploymentNames() {
        FakeCredentialsCaches caches = new FakeCredentialsCaches().holding("team-a", "vendor-creds")
                .holding("team-a", "old-creds").holding("team-b", "old-creds");
        caches.deployments.add(inNamespace(managed("a", "uid-a", "vendor-creds"), "team-a"));
        List<String> letGo = new ArrayList<>();
        CredentialsGuard guard = new CredentialsGuard(s -> letGo.add(s.getMetadata().getNamespace() + "/" + s.getMetadata().getName()));
        guard.readFrom(caches);

        guard.sweep("team-a");

        assertThat(letGo).containsExactly("team-a/old-creds");
        assertThat(guard.namespacesHolding()).containsExactly("team-a", "team-b");
    }

    @Test
    void theLastOfTheDeploymentsNamingASecretToFinishLetsItGo() {
        FakeCredentialsCaches caches = new FakeCredentialsCaches().holding("team-a", "vendor-creds");
        ModelDeployment a = inNamespace(managed("a", "uid-a", "vendor-creds"), "team-a");
        ModelDeployment b = inNamespace(managed("b", "uid-b", "vendor-creds"), "team-a");
        caches.deployments.addAll(List.of(a, b));
        List<String> letGo = new ArrayList<>();
        CredentialsGuard guard = new CredentialsGuard(s -> letGo.add(s.getMetadata().getName()));
        guard.readFrom(caches);

        guard.release(a);
        assertThat(letGo).as("b still needs it").isEmpty();
        assertThat(guard.finished(a)).isTrue();

        guard.release(b);
        assertThat(letGo).containsExactly("vendor-creds");
    }

    @Test
    void aFinishedDeploymentThatIsGoneIsForgotten() {
        FakeCredentialsCaches caches = new FakeCredentialsCaches();
        ModelDeployment a = inNamespace(managed("a", "uid-a", "vendor-creds"), "team-a");
        caches.deployments.add(a);
        CredentialsGuard guard = new CredentialsGuard(s -> { });
        guard.readFrom(caches);
        guard.release(a);

        caches.deployments.clear();
        guard.sweep("team-a");

        assertThat(guard.finished(a)).isFalse();
    }

    private static ModelDeployment inNamespace(ModelDeployment md, String namespace) {
        md.getMetadata().setNamespace(namespace);
        return md;
    }

    @Test
    void inClusterDeploymentsNeedNoCredentials() {
        assertThat(CredentialsGuard.needed(List.of(Fixtures.vllmQuickStart()), Set.of())).isEmpty();
    }

    @Test
    void aSecretIsHeldByTheOperatorsFinalizerAlone() {
        Secret plain = new SecretBuilder().withNewMetadata().withName("s").withFinalizers("example.com/other").endMetadata().build();
        Secret held = new SecretBuilder(plain).editMetadata().addToFinalizers(CredentialsGuard.FINALIZER).endMetadata().build();

        assertThat(CredentialsGuard.held(plain)).isFalse();
        assertThat(CredentialsGuard.held(held)).isTrue();
    }

    @Test
    void guardingAddsAndRemovesOnlyTheOperatorsFinalizerAndLabel() {
        Secret user = new SecretBuilder().withNewMetadata().withName("s").withFinalizers("example.com/other")
                .withLabels(java.util.Map.of("team", "a")).endMetadata().build();

        Secret held = CredentialsGuard.guarded(user, true);
        assertThat(held.getMetadata().getFinalizers()).containsExactly("example.com/other", CredentialsGuard.FINALIZER);
        assertThat(held.getMetadata().getLabels()).containsEntry("team", "a").containsEntry(CredentialsGuard.LABEL, "true");

        Secret released = CredentialsGuard.guarded(held, false);
        assertThat(released.getMetadata().getFinalizers()).containsExactly("example.com/other");
        assertThat(released.getMetadata().getLabels()).containsExactly(java.util.Map.entry("team", "a"));
    }
}
