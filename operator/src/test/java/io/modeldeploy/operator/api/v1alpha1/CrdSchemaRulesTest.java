package io.modeldeploy.operator.api.v1alpha1;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed CRD (CrdUpToDateIT keeps it equal to the generated one) carries the rules tenancy.md asks of the
 * schema, all of them structural rules a 1.20 API server enforces: no CEL.
 */
class CrdSchemaRulesTest {
    private static JSONSchemaProps root;
    private static JSONSchemaProps spec;

    @BeforeAll
    static void readCrd() throws IOException {
        CustomResourceDefinition crd = Serialization.unmarshal(
                Files.readString(Path.of("..", "crds", "modeldeployments.modeldeploy.io-v1.yml")),
                CustomResourceDefinition.class);
        root = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
        spec = root.getProperties().get("spec");
    }

    private static JSONSchemaProps at(String path) {
        JSONSchemaProps node = spec;
        for (String part : path.split("\\.")) {
            node = part.equals("[]") ? node.getItems().getSchema() : node.getProperties().get(part);
        }
        return node;
    }

    @Test
    void exactlyOneModeBlockIsRequiredByBranchesThatOnlyRequire() {
        assertThat(spec.getOneOf()).extracting(JSONSchemaProps::getRequired)
                .containsExactly(List.of("quickStart"), List.of("expert"), List.of("lora"));
        // Structural: a branch may not declare types or properties of its own.
        assertThat(spec.getOneOf()).allSatisfy(b -> {
            assertThat(b.getType()).isNull();
            assertThat(b.getProperties()).isNullOrEmpty();
        });
    }

    @Test
    void adapterNamesAreListMapKeys() {
        JSONSchemaProps adapters = at("adapters");
        assertThat(adapters.getXKubernetesListType()).isEqualTo("map");
        assertThat(adapters.getXKubernetesListMapKeys()).containsExactly("name");
        assertThat(adapters.getItems().getSchema().getRequired()).contains("name");
        assertThat(at("adapters.[].name").getMaxLength()).isEqualTo(63L);
    }

    @Test
    void theNameFitsAServiceName() {
        JSONSchemaProps name = root.getProperties().get("metadata").getProperties().get("name");
        assertThat(name.getMaxLength()).isEqualTo(63L);
        assertThat(name.getPattern()).isEqualTo(SchemaRules.DNS_1035_LABEL);
    }

    @Test
    void numbersHaveCeilings() {
        assertThat(at("replicas").getMaximum()).isEqualTo(SchemaRules.MAX_REPLICAS);
        assertThat(at("quickStart.resources.workers").getMaximum()).isEqualTo(SchemaRules.MAX_WORKERS);
        assertThat(at("quickStart.resources.gpu.count").getMaximum()).isEqualTo(SchemaRules.MAX_GPUS_PER_NODE);
    }

    @Test
    void stringsThatBecomeNamesLabelsQuantitiesOrUrlsHavePatternsAndLengths() {
        assertThat(at("quickStart.resources.cpu").getPattern()).isEqualTo(SchemaRules.QUANTITY);
        assertThat(at("quickStart.resources.memory").getPattern()).isEqualTo(SchemaRules.QUANTITY);
        assertThat(at("quickStart.resources.gpu.type").getPattern()).isEqualTo(SchemaRules.LABEL_VALUE);
        assertThat(at("quickStart.resources.gpu.type").getMaxLength()).isEqualTo(63L);
        assertThat(at("quickStart.backendVersion").getPattern()).isEqualTo(SchemaRules.IMAGE_TAG);
        assertThat(at("target.endpoint").getPattern()).isEqualTo(SchemaRules.ENDPOINT);
        assertThat(at("model.uri").getPattern()).isEqualTo(SchemaRules.MODEL_URI);
        assertThat(at("adapters.[].uri").getPattern()).isEqualTo(SchemaRules.ADAPTER_URI);
        assertThat(at("exposure.ingress.host").getPattern()).isEqualTo(SchemaRules.DNS_SUBDOMAIN);
        assertThat(at("exposure.ingress.host").getMaxLength()).isEqualTo(253L);
        assertThat(at("target.credentialsSecretRef.name").getPattern()).isEqualTo(SchemaRules.DNS_SUBDOMAIN);
        assertThat(at("apiKey.secretRef.key").getPattern()).isEqualTo(SchemaRules.SECRET_KEY);
        assertThat(at("quickStart.backendArgs.[]").getMaxLength()).isEqualTo((long) SchemaRules.MAX_ARG_LENGTH);
        assertThat(at("model.servedNames.[]").getMaxLength()).isEqualTo((long) SchemaRules.MAX_TEXT_LENGTH);
    }

    @Test
    void noRuleIsCel() {
        assertThat(Serialization.asYaml(root)).doesNotContain("x-kubernetes-validations");
    }
}
