package io.modeldeploy.e2e.managed;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.modeldeploy.e2e.support.InNamespace;
import io.modeldeploy.sim.platform.http.PlatformSimulator;
import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.modeldeploy.e2e.managed.ManagedTargetSupport.TIMEOUT;
import static io.modeldeploy.e2e.support.Manifests.section;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared scenarios plus deletion, for targets whose vendor publishes a delete call (their
 * {@link ManagedPlatform#deletion()}): deleting a deployment deletes its vendor service, unless its deletion policy is
 * Retain. (Qianfan deletes only in its console, so QianfanIT has deletion tests of its own.)
 *
 * @param <S> the vendor's simulator
 */
abstract class DeletableTargetScenarios<S extends PlatformSimulator> extends ManagedTargetScenarios<S> {
    private final ManagedPlatform.Deletion<S> deletion;

    protected DeletableTargetScenarios(ManagedPlatform<S> platform) {
        super(platform);
        this.deletion = platform.deletion()
                .orElseThrow(() -> new IllegalArgumentException(platform.provider() + " publishes no delete call"));
    }

    private boolean onTheVendor(String externalId) {
        return deletion.onTheVendor().test(vendor, externalId);
    }

    private boolean beingDeletedOnTheVendor(String externalId) {
        return deletion.beingDeletedOnVendor().test(vendor, externalId);
    }

    @Test
    void deleteRemovesTheVendorServiceAndRetainKeepsIt() {
        GenericKubernetesResource retained = deployment("stays");
        section(retained, "spec", "target").put("deletionPolicy", "Retain");
        managed.create(deployment("goes-away"));
        managed.create(retained);
        String gone = serviceAtTheVendor(managed.awaitRunning("goes-away"));
        String kept = serviceAtTheVendor(managed.awaitRunning("stays"));
        assertThat(onTheVendor(gone)).as("goes-away on the vendor before the delete").isTrue();

        managed.delete("goes-away");
        managed.delete("stays");
        managed.awaitGone("goes-away");
        managed.awaitGone("stays");

        assertThat(onTheVendor(gone)).as("goes-away on the vendor").isFalse();
        assertThat(onTheVendor(kept)).as("stays on the vendor").isTrue();
        assertThat(beingDeletedOnTheVendor(kept)).as("stays being deleted on the vendor").isFalse();
        assertThat(ns.eventReasons("stays")).contains("VendorServiceRetained");
    }

    /**
     * The namespace controller deletes the credentials Secret together with the deployment, whose finalizer
     * still has to call the vendor with them: the operator holds the Secret until that call is done, so the
     * namespace goes and takes the vendor service with it.
     */
    @Test
    void deletingTheWholeNamespaceDeletesTheVendorServiceAndEnds() {
        String credentialsSecret = platform.credentials().secretName();
        InNamespace other = new InNamespace(harness, harness.cluster().createNamespace(platform.namespacePrefix() + "-whole"));
        ManagedTargetSupport there = new ManagedTargetSupport(other);
        there.writeSecret(credentialsSecret, platform.credentials().valid());
        there.create(deployment("whole-ns"));
        String id = serviceAtTheVendor(there.awaitRunning("whole-ns"));
        assertThat(held(other, credentialsSecret)).as("the Secret is held while a deployment names it").isTrue();

        // Named no more, the first Secret is let go; the one named now is held.
        there.writeSecret("rotated-credentials", platform.credentials().valid());
        other.patchSpec("whole-ns", Map.of("target", Map.of("credentialsSecretRef", Map.of("name", "rotated-credentials"))));
        Await.until("the first Secret let go, the rotated one held", TIMEOUT,
                () -> !held(other, credentialsSecret) && held(other, "rotated-credentials"));

        harness.cluster().deleteNamespace(other.name());

        assertThat(onTheVendor(id)).as("whole-ns on the vendor after its namespace went").isFalse();
    }

    private boolean held(InNamespace in, String secret) {
        Secret s = harness.client().secrets().inNamespace(in.name()).withName(secret).get();
        return s != null && s.getMetadata().getFinalizers() != null && s.getMetadata().getLabels() != null
                && s.getMetadata().getFinalizers().contains("modeldeploy.io/credentials-in-use")
                && "true".equals(s.getMetadata().getLabels().get("modeldeploy.io/credentials-in-use"));
    }
}
