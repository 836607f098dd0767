package io.modeldeploy.operator.api.v1alpha1;

/**
 * Only the CRD schema of spec.target.&lt;vendor&gt;: an object whose values may be of any type (strings, numbers,
 * lists, maps), which the generator cannot infer from {@code Map<String, Object>} (it makes every value an
 * object, so {@code zoneUuid: "…"} would be refused by the API server).
 */
final class VendorOptionsSchema {
    private VendorOptionsSchema() {
    }
}
