package io.modeldeploy.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs at build time inside the CRD generator. It sorts printer columns by JSON path: they are put back in
 * the order {@link ModelDeployment} declares them, the order api.md gives for {@code kubectl get md}. And
 * spec.target gets one options field per managed {@link Provider}, so that adding a provider adds its field.
 * Last, {@link SchemaTightening} adds the rules no generator annotation says.
 */
public class CrdColumnOrder implements CRDPostProcessor {

    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
        if (crd instanceof CustomResourceDefinition definition) {
            definition.getSpec().getVersions().forEach(v -> addProviderOptions(
                    v.getSchema().getOpenAPIV3Schema().getProperties().get("spec").getProperties().get("target")));
            definition.getSpec().getVersions().forEach(v -> SchemaTightening.apply(v.getSchema().getOpenAPIV3Schema()));
            List<String> declared = Arrays.stream(ModelDeployment.class.getAnnotationsByType(AdditionalPrinterColumn.class))
                    .map(AdditionalPrinterColumn::name).toList();
            definition.getSpec().getVersions().forEach(v -> {
                if (v.getAdditionalPrinterColumns() != null) {
                    v.getAdditionalPrinterColumns().sort(Comparator.comparingInt(
                            (CustomResourceColumnDefinition c) -> declared.indexOf(c.getName())));
                }
            });
        }
        return crd;
    }

    /** An object with any fields of any type per provider (a typed Map would refuse {@code vksId: vks-1}). */
    private static void addProviderOptions(JSONSchemaProps target) {
        target.setXKubernetesPreserveUnknownFields(null);
        target.setAdditionalProperties(null);
        Map<String, JSONSchemaProps> properties = new TreeMap<>(target.getProperties());
        for (Provider provider : Provider.values()) {
            provider.optionsField().ifPresent(field -> properties.put(field, new JSONSchemaPropsBuilder()
                    .withDescription(provider.optionsDescription())
                    .withType("object")
                    .withXKubernetesPreserveUnknownFields(true)
                    .build()));
        }
        target.setProperties(new LinkedHashMap<>(properties));
    }
}
