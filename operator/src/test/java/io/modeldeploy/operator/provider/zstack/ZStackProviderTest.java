package io.modeldeploy.operator.provider.zstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.provider.VendorCall;
import io.modeldeploy.operator.provider.VendorCalls;
import io.modeldeploy.operator.provider.VendorCredentials;
import io.modeldeploy.operator.provider.VendorDocExamples;
import io.modeldeploy.operator.provider.VendorException;
import io.modeldeploy.operator.provider.VendorHttp;
import io.modeldeploy.operator.provider.VendorService;
import io.modeldeploy.operator.provider.zstack.ScriptedZStack.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ZStack provider against a scripted management node: templates, success/error in replies, error codes. */
class ZStackProviderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** quickStart vLLM, cpu 7500m, memory 16Gi. */
    private static final String SPEC = ZStackMappingTest.SPEC;
    private static final String ZONE = "0f3c2a1b4d5e6f708192a3b4c5d6e7f8";
    private static final String GROUP = ZStackIds.groupUuid(Fixtures.UID);
    private static final String GROUPS = "/ai/model-services/instances/groups/" + GROUP;

    private final ScriptedZStack zstack = new ScriptedZStack();

    @AfterEach
    void stop() {
        zstack.close();
    }

    private static Map<String, Object> registering() {
        return new HashMap<>(Map.of("zoneUuid", ZONE, "modelCenterUuid", "mc-1", "installPath", "/opt/models/qwen"));
    }

    private static Map<String, Object> withTemplate() {
        return new HashMap<>(Map.of("zoneUuid", ZONE, "modelServiceUuid", "f".repeat(32)));
    }

    private VendorCall call(ModelDeployment md, Map<String, Object> options) {
        return VendorCalls.call(Provider.ZStack, md, VendorCalls.VENDOR_NAME, zstack.endpoint(),
                new VendorCredentials(Map.of("accountName", "admin", "password", "pw")), options);
    }

    private VendorCall call(Map<String, Object> options) {
        return call(Fixtures.modelDeployment(SPEC), options);
    }

    private static ZStackProvider provider(Duration jobWait) {
        return new ZStackProvider(new VendorHttp(), jobWait);
    }

    private static Reply ok(String body) {
        return new Reply(200, body);
    }

    private static String error(String code, String description, String details) {
        return "{\"code\":\"%s\",\"description\":\"%s\",\"details\":\"%s\",\"elaboration\":null,\"opaque\":null,\"cause\":null}"
                .formatted(code, description, details);
    }

    private static Reply groupDeploying() {
        return ok("{\"inventories\":[{\"uuid\":\"" + GROUP + "\",\"status\":\"Deploying\",\"instances\":[]}]}");
    }

    private static JsonNode body(ScriptedZStack.Request request) throws Exception {
        return JSON.readTree(request.body());
    }

    /** The template the operator would register for this call: its uuid is what the lookup and deploy use. */
    private static String templateOf(VendorCall call) throws VendorException {
        return ZStackModelServices.uuidOf(ZStackModelServices.add(call, ZStackLaunch.of(call.deployment())));
    }

    @Test
    void aQuickStartWithoutTemplateRegistersOneAndDeploysIt() throws Exception {
        VendorCall call = call(registering());
        String template = templateOf(call);
        zstack.on("GET /ai/model-services/" + template, ok("{\"inventories\":[]}"))
                // The page's own example answer, which carries no uuid.
                .on("POST /ai/model-services", ok(VendorDocExamples.read("zstack-add-model-service.response.example.json")))
                .on("PUT /ai/model-services/" + template, ok("{\"inventory\":{\"uuid\":\"" + GROUP + "\"}}"))
                .on("GET " + GROUPS, groupDeploying());

        VendorService created = provider(Duration.ofSeconds(2)).create(call);

        assertThat(created.externalId()).isEqualTo(GROUP);
        assertThat(created.state().phase()).contains(Phase.Starting);
        JsonNode add = body(zstack.requests("POST", "/ai/model-services").get(0));
        assertThat(add.path("param").path("resourceUuid").asText()).isEqualTo(template).matches("[0-9a-f]{32}");
        assertThat(add.path("param").path("name").asText()).isEqualTo(VendorCalls.VENDOR_NAME);
        assertThat(add.path("param").path("requestCpu").asInt()).as("7500m rounded up").isEqualTo(8);
        assertThat(add.path("param").path("requestMemory").asLong()).as("16Gi in MiB").isEqualTo(16 * 1024);
        assertThat(add.path("param").path("modelCenterUuid").asText()).isEqualTo("mc-1");
        assertThat(add.path("param").path("installPath").asText()).isEqualTo("/opt/models/qwen");
        assertThat(add.path("param").path("startCommand").asText()).isEqualTo("python3 -m vllm.entrypoints.openai.api_server"
                + " --model Qwen/Qwen2.5-7B-Instruct --served-model-name qwen --host 0.0.0.0 --port 8000"
                + " --tensor-parallel-size 1");
        assertThat(add.path("param").path("yaml").asText()).contains("engine: \"vllm\"").contains("model: \"Qwen/Qwen2.5-7B-Instruct\"");
        JsonNode deploy = body(zstack.requests("PUT", "/ai/model-services/" + template).get(0)).path("deployModelService");
        assertThat(deploy.path("resourceUuid").asText()).isEqualTo(GROUP);
        assertThat(deploy.path("cpuNum").asInt()).isEqualTo(8);
        assertThat(deploy.path("memorySize").asLong()).as("bytes").isEqualTo(16L << 30);
    }

    @Test
    void aTemplateAlreadyRegisteredIsDeployedWithoutAddingAnother() throws Exception {
        VendorCall call = call(registering());
        String template = templateOf(call);
        zstack.on("GET /ai/model-services/" + template, ok("{\"inventories\":[{\"uuid\":\"" + template + "\"}]}"))
                .on("PUT /ai/model-services/" + template, ok("{\"inventory\":{\"uuid\":\"" + GROUP + "\"}}"))
                .on("GET " + GROUPS, groupDeploying());

        provider(Duration.ofSeconds(2)).create(call);

        assertThat(zstack.requests("POST", "/ai/model-services")).isEmpty();
        assertThat(zstack.requests("PUT", "/ai/model-services/" + template)).hasSize(1);
    }

    @Test
    void anAddWhoseFirstAnswerWasLostFindsItsTemplate() throws Exception {
        VendorCall call = call(registering());
        String template = templateOf(call);
        zstack.on("GET /ai/model-services/" + template, ok("{\"inventories\":[]}"),
                        ok("{\"inventories\":[{\"uuid\":\"" + template + "\"}]}"))
                .on("POST /ai/model-services", ok("{\"success\":false,\"error\":"
                        + error("SYS.1007", "One or more API argument is invalid", "resourceUuid has been occupied") + "}"))
                .on("PUT /ai/model-services/" + template, ok("{\"inventory\":{\"uuid\":\"" + GROUP + "\"}}"))
                .on("GET " + GROUPS, groupDeploying());

        assertThat(provider(Duration.ofSeconds(2)).create(call).externalId()).isEqualTo(GROUP);
    }

    @Test
    void aRefusedAddIsRefusedWithTheVendorsWordsAndNothingIsDeployed() {
        VendorCall call = call(registering());
        zstack.on("GET /ai/model-services/" + templateOfUnchecked(call), ok("{\"inventories\":[]}"))
                .on("POST /ai/model-services", ok("{\"success\":false,\"error\":"
                        + error("SYS.1007", "One or more API argument is invalid", "modelCenterUuid[mc-1] not found")
                        + ",\"inventory\":null}"));

        assertThatThrownBy(() -> provider(Duration.ofSeconds(2)).create(call))
                .isInstanceOfSatisfying(VendorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(VendorException.Kind.REFUSED);
                    assertThat(e.getMessage()).isEqualTo("AddModelService: SYS.1007: One or more API argument is invalid:"
                            + " modelCenterUuid[mc-1] not found");
                });
        assertThat(zstack.requests().stream().filter(r -> r.method().equals("PUT") && !r.path().contains("login")))
                .isEmpty();
    }

    private static String templateOfUnchecked(VendorCall call) {
        try {
            return templateOf(call);
        } catch (VendorException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aDeployAnsweredWithSuccessFalseIsRefusedWithTheVendorsWords() {
        zstack.on("PUT /ai/model-services/" + "f".repeat(32), ok("{\"success\":false,\"error\":{\"code\":\"SYS.1006\","
                        + "\"description\":\"Operation failure\",\"details\":\"no host has 8 free CPUs\","
                        + "\"elaboration\":null,\"opaque\":null,\"cause\":" + error("HOST.1001", "Not enough capacity", "x")
                        + "},\"inventory\":null}"))
                .on("GET " + GROUPS, ok("{\"inventories\":[]}"));

        assertThatThrownBy(() -> provider(Duration.ofSeconds(2)).create(call(withTemplate())))
                .isInstanceOfSatisfying(VendorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(VendorException.Kind.REFUSED);
                    assertThat(e.getMessage()).isEqualTo("DeployModelService: SYS.1006: Operation failure: no host has"
                            + " 8 free CPUs (cause HOST.1001: Not enough capacity)");
                });
    }

    @Test
    void errorsAnsweredWith503AreClassifiedByTheirCode() {
        Map<String, VendorException.Kind> expected = Map.of(
                "SYS.1007", VendorException.Kind.REFUSED,
                "SYS.1003", VendorException.Kind.REFUSED,
                "SYS.1000", VendorException.Kind.TRANSIENT,
                "SYS.1012", VendorException.Kind.TRANSIENT,
                "ID.1002", VendorException.Kind.CREDENTIALS,
                "AI.1042", VendorException.Kind.REFUSED);
        expected.forEach((code, kind) -> {
            try (ScriptedZStack node = new ScriptedZStack()) {
                node.on("GET " + GROUPS, new Reply(503, "{\"error\":" + error(code, "d", "why") + "}"));
                VendorCall call = VendorCalls.call(Provider.ZStack, Fixtures.modelDeployment(SPEC), VendorCalls.VENDOR_NAME,
                        node.endpoint(), new VendorCredentials(Map.of("accountName", "admin", "password", "pw")),
                        withTemplate());
                assertThatThrownBy(() -> provider(Duration.ofSeconds(2)).findByName(call)).as(code)
                        .isInstanceOfSatisfying(VendorException.class, e -> {
                            assertThat(e.kind()).as(code).isEqualTo(kind);
                            assertThat(e.getMessage()).contains(code + ": d: why");
                        });
            }
        });
    }

    @Test
    void aJobThatFailedForAPassingReasonIsRetriedAsANewJob() throws Exception {
        String template = "f".repeat(32);
        zstack.on("PUT /ai/model-services/" + template,
                        new Reply(202, "{\"location\":\"" + zstack.jobLocation("job-1") + "\"}"),
                        ok("{\"inventory\":{\"uuid\":\"" + GROUP + "\"}}"))
                .on("GET /api-jobs/job-1", new Reply(503, "{\"error\":" + error("SYS.1000", "An internal error happened",
                        "database hiccup") + "}"))
                .on("GET " + GROUPS, ok("{\"inventories\":[]}"), ok("{\"inventories\":[]}"), groupDeploying());
        ZStackProvider provider = provider(Duration.ofSeconds(2));

        assertThatThrownBy(() -> provider.create(call(withTemplate())))
                .isInstanceOfSatisfying(VendorException.class,
                        e -> assertThat(e.kind()).isEqualTo(VendorException.Kind.TRANSIENT));
        provider.create(call(withTemplate()));

        List<ScriptedZStack.Request> deploys = zstack.requests("PUT", "/ai/model-services/" + template);
        assertThat(deploys).hasSize(2);
        assertThat(deploys.get(1).jobUuid()).isNotEqualTo(deploys.get(0).jobUuid());
    }

    @Test
    void theSameDeployInTheSameSessionIsTheSameJob() throws Exception {
        String template = "f".repeat(32);
        zstack.on("PUT /ai/model-services/" + template, ok("{\"success\":false,\"error\":"
                        + error("SYS.1007", "One or more API argument is invalid", "zone not found") + "}"))
                .on("GET " + GROUPS, ok("{\"inventories\":[]}"));
        ZStackProvider provider = provider(Duration.ofSeconds(2));
        Map<String, Object> otherZone = withTemplate();
        otherZone.put("zoneUuid", "e".repeat(32));

        for (Map<String, Object> options : List.of(withTemplate(), withTemplate(), otherZone)) {
            assertThatThrownBy(() -> provider.create(call(options))).isInstanceOf(VendorException.class);
        }

        List<Optional<String>> jobs = zstack.requests("PUT", "/ai/model-services/" + template).stream()
                .map(ScriptedZStack.Request::jobUuid).toList();
        assertThat(jobs.get(1)).as("a refused call repeated").isEqualTo(jobs.get(0));
        assertThat(jobs.get(2)).as("a changed request").isNotEqualTo(jobs.get(0));
    }

    @Test
    void aDeployJobThatFailsLaterMakesTheDeploymentFailedWithTheVendorsWords() throws Exception {
        zstack.on("PUT /ai/model-services/" + "f".repeat(32),
                        new Reply(202, "{\"location\":\"" + zstack.jobLocation("job-2") + "\"}"))
                .on("GET /api-jobs/job-2", new Reply(202, ""), new Reply(503, "{\"error\":"
                        + error("SYS.1006", "Operation failure", "the image cannot be pulled") + "}"))
                .on("GET " + GROUPS, ok("{\"inventories\":[]}"));
        ZStackProvider provider = provider(Duration.ZERO);
        VendorCall call = call(withTemplate());

        VendorService accepted = provider.create(call);
        assertThat(accepted.state().phase()).contains(Phase.Pending);
        Optional<VendorService> failed = provider.get(call, GROUP);

        assertThat(failed).hasValueSatisfying(service -> {
            assertThat(service.state().phase()).contains(Phase.Failed);
            assertThat(service.vendorStatus()).isEqualTo("SYS.1006: Operation failure: the image cannot be pulled");
        });
        assertThat(provider.get(call, GROUP)).as("still Failed on the next read")
                .hasValueSatisfying(service -> assertThat(service.state().phase()).contains(Phase.Failed));
    }

    @Test
    void aQueryRefusingTheSessionInA200LogsInAgain() throws Exception {
        zstack.on("GET " + GROUPS, ok("{\"success\":false,\"error\":" + error("ID.1001", "Invalid session",
                "Session expired") + "}"), ok("{\"inventories\":[]}"));

        assertThat(provider(Duration.ofSeconds(2)).findByName(call(withTemplate()))).isEmpty();

        assertThat(zstack.requests("PUT", "/accounts/login")).hasSize(2);
    }

    @Test
    void anExpertContainerIsRegisteredWithItsCommandArgsImageAndEnv() throws Exception {
        VendorCall call = call(Fixtures.modelDeployment("""
                model: {id: mistralai/Mistral-7B-Instruct-v0.3, servedNames: [mistral]}
                expert:
                  port: 8000
                  template:
                    spec:
                      containers:
                        - name: server
                          image: vllm/vllm-openai:v0.8.4
                          command: ["vllm", "serve", "mistralai/Mistral-7B-Instruct-v0.3"]
                          args: ["--port", "8000", "--chat-template", "{{ messages }}"]
                          env: [{name: HF_HUB_OFFLINE, value: "1"}]
                          ports: [{name: http, containerPort: 8000}]
                          resources: {limits: {cpu: "4", memory: 24Gi}}
                """), registering());
        String template = templateOf(call);
        zstack.on("GET /ai/model-services/" + template, ok("{\"inventories\":[]}"))
                .on("POST /ai/model-services", ok("{\"inventory\":{\"uuid\":\"" + template + "\"}}"))
                .on("PUT /ai/model-services/" + template, ok("{\"inventory\":{\"uuid\":\"" + GROUP + "\"}}"))
                .on("GET " + GROUPS, groupDeploying());

        provider(Duration.ofSeconds(2)).create(call);

        JsonNode param = body(zstack.requests("POST", "/ai/model-services").get(0)).path("param");
        assertThat(param.path("startCommand").asText())
                .isEqualTo("vllm serve mistralai/Mistral-7B-Instruct-v0.3 --port 8000 --chat-template '{{ messages }}'");
        assertThat(param.path("containerCommand").asText()).isEqualTo("vllm serve mistralai/Mistral-7B-Instruct-v0.3");
        assertThat(param.path("containerArgs").asText()).isEqualTo("--port 8000 --chat-template '{{ messages }}'");
        assertThat(param.path("requestCpu").asInt()).isEqualTo(4);
        assertThat(param.path("requestMemory").asLong()).isEqualTo(24 * 1024);
        JsonNode deploy = body(zstack.requests("PUT", "/ai/model-services/" + template).get(0)).path("deployModelService");
        assertThat(deploy.path("dockerImage").asText()).isEqualTo("vllm/vllm-openai:v0.8.4");
        assertThat(deploy.path("environmentVariables")).isEqualTo(JSON.readTree("{\"HF_HUB_OFFLINE\":\"1\"}"));
    }
}
