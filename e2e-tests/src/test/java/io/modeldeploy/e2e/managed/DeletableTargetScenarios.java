package io.modeldeploy.e2e.managed;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.modeldeploy.sim.vendor.http.VendorSimulator;
import org.junit.jupiter.api.Test;

import static io.modeldeploy.e2e.managed.ManagedTargetSupport.externalId;
import static io.modeldeploy.e2e.managed.ManagedTargetSupport.section;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared scenarios plus deletion, for targets whose vendor publishes a delete call: deleting a deployment
 * deletes its vendor service, unless its deletion policy is Retain. (Qianfan deletes only in its console, so
 * QianfanIT has deletion tests of its own.)
 *
 * @param <S> the vendor's simulator
 */
abstract class DeletableTargetScenarios<S extends VendorSimulator> extends ManagedTargetScenarios<S> {

    /** Whether the simulator has this service at all (being deleted or not). */
    protected abstract boolean onTheVendor(String externalId);

    /** Whether the simulator is deleting this service (a vendor that deletes at once never is). */
    protected abstract boolean beingDeletedOnTheVendor(String externalId);

    @Test
    void deleteRemovesTheVendorServiceAndRetainKeepsIt() {
        GenericKubernetesResource retained = deployment("stays");
        section(retained, "spec", "target").put("deletionPolicy", "Retain");
        managed.create(deployment("goes-away"));
        managed.create(retained);
        String gone = externalId(managed.awaitRunning("goes-away"));
        String kept = externalId(managed.awaitRunning("stays"));
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
}
