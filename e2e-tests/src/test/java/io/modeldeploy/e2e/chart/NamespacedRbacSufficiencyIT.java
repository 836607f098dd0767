package io.modeldeploy.e2e.chart;

import io.modeldeploy.e2e.support.OperatorHarness;
import org.junit.jupiter.api.Test;

/** A list of watched namespaces: Roles only there, nothing cluster-wide but reading the CRD. */
class NamespacedRbacSufficiencyIT extends RbacSufficiencyCheck {
    @Override
    protected String values(String ns) {
        return "watchNamespaces: [" + ns + "]\n";
    }

    @Test
    void nothingOutsideTheWatchedNamespace() {
        assertForbidden(() -> asOperator.genericKubernetesResources(OperatorHarness.API_VERSION, "ModelDeployment")
                .inAnyNamespace().list());
        assertForbidden(() -> asOperator.pods().inNamespace(release).list());
        assertForbidden(() -> asOperator.secrets().inNamespace("default").withName("anything").get());
    }
}
