package io.modeldeploy.operator.provider.zstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.provider.VendorCall;
import io.modeldeploy.operator.provider.VendorCalls;
import io.modeldeploy.operator.provider.VendorDocExamples;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published AddModelService page (../shared/vendor-docs/zstack-add-model-service.txt) against the operator:
 * its example answer read as it is, its request shape (fields, types, required marks, read from the page itself)
 * against the body the operator sends.
 */
class ZStackDocExamplesTest {
    private static final Path PAGE = Path.of("../../shared/vendor-docs/zstack-add-model-service.txt");
    private static final String REQUEST = "zstack-add-model-service.request.example.json";
    private static final String RESPONSE = "zstack-add-model-service.response.example.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A param field line of the page: "• requestCpuInteger必填" (name, type, required mark). */
    private static final Pattern FIELD = Pattern.compile("•\\s*([a-zA-Z]+?)(String|Integer|Long|Boolean|List|Map|Object)(必填)?\\s*$");

    private record Field(String type, boolean required) {
    }

    private static String page() throws IOException {
        return Files.readString(PAGE, StandardCharsets.UTF_8);
    }

    /** The fields of {@code param} as the page lists them, between "param 请求体结构" and the body's systemTags. */
    private static Map<String, Field> documentedParam() throws IOException {
        String page = page();
        String section = page.substring(page.indexOf("param 请求体结构"), page.indexOf("systemTagsList"));
        Map<String, Field> fields = new LinkedHashMap<>();
        for (String line : section.split("\n")) {
            Matcher m = FIELD.matcher(line.strip());
            if (m.find()) {
                fields.put(m.group(1), new Field(m.group(2), m.group(3) != null));
            }
        }
        return fields;
    }

    private static VendorCall registeringCall() {
        return VendorCalls.call(Provider.ZStack, Fixtures.modelDeployment("""
                model: {id: Qwen/Qwen2.5-7B-Instruct, servedNames: [qwen]}
                quickStart:
                  backend: vllm
                  backendVersion: "0.8.4"
                  backendArgs: ["--max-model-len=8192"]
                  resources: {cpu: "8", memory: 32Gi}
                """), Map.of("accountName", "admin", "password", "pw"),
                Map.of("zoneUuid", "z".repeat(32), "modelCenterUuid", "mc-1", "installPath", "/opt/models/qwen",
                        "modelService", Map.of("gpuComputeCapability", "8.0", "supportDistributed", false)));
    }

    @Test
    void theCopiedExamplesAreVerbatimInThePage() throws IOException {
        assertThat(PAGE).as("../shared beside the checkout").isRegularFile();
        for (String example : List.of(REQUEST, RESPONSE)) {
            assertThat(page()).as(example).contains(VendorDocExamples.read(example).stripTrailing());
        }
    }

    @Test
    void theDocumentedAnswerIsReadAsItIs() throws IOException {
        JsonNode reply = JSON.readTree(VendorDocExamples.read(RESPONSE));

        assertThat(ZStackFailure.inReply(reply)).as("neither success: false nor an error").isEmpty();
        ZStackModelServices.Template template = ZStackModelServices.template(reply).orElseThrow();
        assertThat(template.name()).isEqualTo("text to text model service");
        assertThat(template.requestCpu()).contains(4);
        assertThat(template.requestMemory()).contains(1024L);
        assertThat(template.uuid()).as("the example has none: the uuid the operator chose is used").isEmpty();
    }

    @Test
    void theRequestHasTheDocumentedShapeFieldByField() throws Exception {
        JsonNode documented = JSON.readTree(VendorDocExamples.read(REQUEST));
        Map<String, Field> fields = documentedParam();
        assertThat(fields).as("the page's param fields").hasSize(documented.path("param").size());

        ObjectNode sent = ZStackModelServices.add(registeringCall(), ZStackLaunch.of(registeringCall().deployment()));

        assertThat(fieldNames(sent)).isEqualTo(fieldNames(documented));
        sent.fields().forEachRemaining(top -> assertThat(top.getValue().getNodeType()).as(top.getKey())
                .isEqualTo(documented.get(top.getKey()).getNodeType()));
        JsonNode param = sent.path("param");
        param.fields().forEachRemaining(field -> {
            assertThat(fields).as("documented param fields").containsKey(field.getKey());
            assertThat(field.getValue().getNodeType()).as(field.getKey())
                    .isEqualTo(documented.path("param").get(field.getKey()).getNodeType());
            assertThat(typeMatches(fields.get(field.getKey()).type(), field.getValue())).as(field.getKey()).isTrue();
        });
        fields.forEach((name, field) -> {
            if (field.required()) {
                assertThat(param.hasNonNull(name)).as("required " + name).isTrue();
            }
        });
        assertThat(param.path("requestMemory").asLong()).as("32Gi in MiB").isEqualTo(32768);
        assertThat(param.path("startCommand").asText()).endsWith("--max-model-len 8192");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static boolean typeMatches(String documentedType, JsonNode value) {
        return switch (documentedType) {
            case "String" -> value.isTextual();
            case "Integer" -> value.isInt();
            case "Long" -> value.isIntegralNumber();
            case "Boolean" -> value.isBoolean();
            case "List" -> value.isArray();
            case "Map", "Object" -> value.isObject();
            default -> false;
        };
    }
}
