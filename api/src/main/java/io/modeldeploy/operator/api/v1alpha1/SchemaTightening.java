package io.modeldeploy.operator.api.v1alpha1;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema rules the generator's annotations cannot say (tenancy.md, "Bad input never escapes"). All are
 * structural-schema rules a 1.20 API server enforces; none needs CEL.
 */
final class SchemaTightening {
    private SchemaTightening() {
    }

    static void apply(JSONSchemaProps root) {
        restrictName(root);
        JSONSchemaProps spec = root.getProperties().get("spec");
        requireExactlyOneMode(spec);
        adaptersKeyedByName(spec.getProperties().get("adapters"));
        capItems(spec.getProperties().get("model").getProperties().get("servedNames"), SchemaRules.MAX_TEXT_LENGTH);
        capItems(spec.getProperties().get("quickStart").getProperties().get("backendArgs"), SchemaRules.MAX_ARG_LENGTH);
    }

    /**
     * The resource's name becomes its Service's name (a DNS-1035 label) and a label value. A structural schema
     * may restrict metadata.name, and nothing else of metadata.
     */
    private static void restrictName(JSONSchemaProps root) {
        Map<String, JSONSchemaProps> properties = new LinkedHashMap<>(root.getProperties());
        properties.put("metadata", new JSONSchemaPropsBuilder().withType("object")
                .addToProperties("name", new JSONSchemaPropsBuilder().withType("string")
                        .withMaxLength((long) SchemaRules.MAX_LABEL_LENGTH)
                        .withPattern(SchemaRules.DNS_1035_LABEL).build())
                .build());
        root.setProperties(properties);
    }

    /** Each branch only requires a property the schema already declares, which keeps the schema structural. */
    private static void requireExactlyOneMode(JSONSchemaProps spec) {
        spec.setOneOf(List.of("quickStart", "expert", "lora").stream()
                .map(mode -> new JSONSchemaPropsBuilder().withRequired(mode).build())
                .toList());
    }

    /** Adapter names are unique: the API server refuses a second one with the same name. */
    private static void adaptersKeyedByName(JSONSchemaProps adapters) {
        adapters.setXKubernetesListType("map");
        adapters.setXKubernetesListMapKeys(List.of("name"));
    }

    private static void capItems(JSONSchemaProps list, int maxLength) {
        list.getItems().getSchema().setMaxLength((long) maxLength);
    }
}
