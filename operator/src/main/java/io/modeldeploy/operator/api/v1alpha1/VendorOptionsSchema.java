package io.modeldeploy.operator.api.v1alpha1;

/**
 * The CRD schema of spec.target.&lt;provider&gt; option maps: an object with any fields of any type. Without it
 * the generator types a {@code Map<String, Object>}'s values as objects, and the API server refuses
 * {@code vksId: vks-1}.
 */
public final class VendorOptionsSchema {
    private VendorOptionsSchema() {
    }
}
