package io.modeldeploy.operator.provider.zstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.provider.VendorCall;
import io.modeldeploy.operator.provider.VendorCalls;
import io.modeldeploy.operator.provider.VendorCredentials;
import io.modeldeploy.operator.provider.VendorException;
import io.modeldeploy.operator.provider.VendorService;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The DeployModelService body, canned group inventories, ids and password hashing (vendors.md §2). */
class ZStackMappingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SPEC = """
            model: {id: Qwen/Qwen2.5-7B-Instruct, servedNames: [qwen]}
            quickStart:
              backend: vllm
              backendVersion: "0.8.4"
              resources: {cpu: "7500m", memory: 16Gi}
            """;

    private static VendorCall call(ModelDeployment md, Map<String, Object> options) {
        return VendorCalls.call(Provider.ZStack, md, Map.of("accountName", "admin", "password", "pw"), options);
    }

    /** A registered template in one zone, with pass-through fields and one the operator must not send. */
    private static Map<String, Object> options() {
        return new HashMap<>(Map.of("modelServiceUuid", "f".repeat(32), "zoneUuid", "z".repeat(32),
                "l3NetworkUuids", List.of("l3-a"), "environmentVariables", Map.of("HF_HOME", "/data"),
                "unknownField", "not sent"));
    }

    @Test
    void deployBodyUsesTheActionKeyTheDerivedUuidAndTheQuickStartResources() throws Exception {
        VendorCall call = call(Fixtures.modelDeployment(SPEC), options());
        String group = ZStackIds.groupUuid(Fixtures.UID);
        ObjectNode body = ZStackRequests.deploy(call, group, Optional.empty());

        assertThat(ZStackRequests.givenTemplate(call)).contains("f".repeat(32));
        assertThat(body).isEqualTo(JSON.readTree("""
                {"deployModelService":{"name":"qwen-chat-1a2b3c4d","zoneUuid":"%s","type":"Inference",
                 "description":"ModelDeployment team-a/qwen-chat","resourceUuid":"%s","cpuNum":8,
                 "memorySize":17179869184,"l3NetworkUuids":["l3-a"],"environmentVariables":{"HF_HOME":"/data"}}}
                """.formatted("z".repeat(32), group)));
    }

    @Test
    void optionsOverrideTheDerivedFields() throws Exception {
        Map<String, Object> options = options();
        options.put("type", "Custom");
        options.put("cpuNum", 2);
        ObjectNode params = (ObjectNode) ZStackRequests.deploy(call(Fixtures.modelDeployment(SPEC), options), "a".repeat(32), Optional.empty())
                .get("deployModelService");
        assertThat(params.get("type").asText()).isEqualTo("Custom");
        assertThat(params.get("cpuNum").asInt()).isEqualTo(2);
    }

    @Test
    void missingTemplateOrInexpressibleSpecIsRefused() {
        Map<String, Object> options = options();
        options.remove("zoneUuid");
        assertThatThrownBy(() -> ZStackRequests.deploy(call(Fixtures.modelDeployment(SPEC), options), "a".repeat(32), Optional.empty()))
                .isInstanceOfSatisfying(VendorException.class, e -> assertThat(e.getMessage()).contains("zoneUuid"));
        assertThatThrownBy(() -> ZStackRequests.deploy(call(Fixtures.lora(), options()), "a".repeat(32), Optional.empty()))
                .isInstanceOfSatisfying(VendorException.class, e -> assertThat(e.kind()).isEqualTo(VendorException.Kind.REFUSED));
        assertThatThrownBy(() -> ZStackRequests.deploy(call(Fixtures.vllmQuickStart(), options()), "a".repeat(32), Optional.empty()))
                .isInstanceOfSatisfying(VendorException.class, e -> assertThat(e.getMessage()).contains("backendArgs"));
    }

    @Test
    void groupInventoryIsReadWithInstancesAndUrl() throws Exception {
        VendorService group = ZStackResponses.group(JSON.readTree("""
                {"uuid":"g1","name":"qwen-chat-1a2b3c4d","status":"Running","instances":[
                  {"uuid":"i1","status":"Running","url":"http://10.0.0.5:8000","urlMaps":{"8000":"http://10.0.0.5:8000"}},
                  {"uuid":"i2","status":"Deploying","url":"http://10.0.0.6:8000"}]}
                """));

        assertThat(group.externalId()).isEqualTo("g1");
        assertThat(group.vendorStatus()).isEqualTo("Running");
        assertThat(group.state().phase()).contains(Phase.Running);
        assertThat(group.serviceUrl()).contains("http://10.0.0.5:8000");
        assertThat(group.replicas()).contains(2);
        assertThat(group.instances()).extracting(i -> i.getInstanceId() + "=" + i.getReady())
                .containsExactly("i1=true", "i2=false");
        assertThat(group.apiKey()).isEmpty();
    }

    @Test
    void emptyQueryMeansGone() throws Exception {
        assertThat(ZStackResponses.firstInventory(JSON.readTree("{\"inventories\":[]}"))).isEmpty();
        assertThat(ZStackResponses.firstInventory(JSON.readTree("{\"inventories\":[{\"uuid\":\"g\"}]}"))).isPresent();
        assertThat(ZStackResponses.accepted("g").state().phase()).contains(Phase.Pending);
    }

    @Test
    void passwordIsSentAsHexSha512() {
        assertThat(ZStackPasswords.sha512Hex("password")).isEqualTo(
                "b109f3bbbc244eb82441917ed06d618b9008dd09b3befd1b5e07394c706a8bb9"
                        + "80b1d7785e5976ec049b46df5f1326af5a2ea6d103fd07c95385ffab0cacbc86");
    }

    @Test
    void idsAreDeterministic32Hex() {
        String group = ZStackIds.groupUuid(Fixtures.UID);
        assertThat(group).matches("[0-9a-f]{32}").isEqualTo(ZStackIds.groupUuid(Fixtures.UID));
        assertThat(ZStackIds.groupUuid("another-uid")).isNotEqualTo(group);

        String job = ZStackIds.jobUuid("deployModelService", group, "session-1");
        assertThat(job).matches("[0-9a-f]{32}").isEqualTo(ZStackIds.jobUuid("deployModelService", group, "session-1"));
        assertThat(ZStackIds.jobUuid("deployModelService", group, "session-2")).isNotEqualTo(job);
        assertThat(ZStackIds.jobUuid("deleteModelServiceInstanceGroup", group, "session-1")).isNotEqualTo(job);
    }

    @Test
    void errorCodesAreReadFromTheErrorShape() {
        ZStackError error = new ZStackError();
        assertThat(error.read("{\"error\":{\"code\":\"ID.1001\",\"description\":\"Invalid session\",\"details\":\"Session expired\"}}"))
                .isEqualTo("ID.1001: Invalid session: Session expired");
        assertThat(error.is(ZStackError.INVALID_SESSION)).isTrue();
        ZStackError plain = new ZStackError();
        assertThat(plain.read("missing header 'Authorization'")).isEqualTo("missing header 'Authorization'");
        assertThat(plain.failure()).isEmpty();
    }

    @Test
    void aReplyFailsBySuccessFalseOrByAnErrorAndSucceedsOtherwise() throws Exception {
        assertThat(ZStackFailure.inReply(JSON.readTree("{\"success\":true,\"error\":null,\"inventory\":{}}"))).isEmpty();
        assertThat(ZStackFailure.inReply(JSON.readTree("{\"inventory\":{}}"))).isEmpty();
        assertThat(ZStackFailure.inReply(JSON.readTree("{\"success\":false}"))).hasValueSatisfying(f -> {
            assertThat(f.code()).isNull();
            assertThat(f.exception("X").kind()).isEqualTo(VendorException.Kind.REFUSED);
        });
        assertThat(ZStackFailure.inReply(JSON.readTree(
                "{\"error\":{\"code\":\"SYS.1001\",\"description\":\"Timeout\",\"details\":\"took too long\"}}")))
                .hasValueSatisfying(f -> {
                    assertThat(f.message()).isEqualTo("SYS.1001: Timeout: took too long");
                    assertThat(f.exception("X").kind()).isEqualTo(VendorException.Kind.TRANSIENT);
                });
    }

    @Test
    void memoryGoesToTheTemplateInMibAndToTheDeployInBytesRoundedUp() throws Exception {
        ZStackResources resources = new ZStackResources(Optional.of("1500m"), Optional.of("1G"));
        assertThat(resources.cores()).contains(2);
        assertThat(resources.mebibytes()).as("10^9 bytes, 953.67 MiB").contains(954L);
        assertThat(resources.memoryBytes()).contains(1_000_000_000L);
        assertThatThrownBy(() -> new ZStackResources(Optional.empty(), Optional.of("lots")).mebibytes())
                .isInstanceOfSatisfying(VendorException.class, e -> assertThat(e.getMessage()).contains("lots"));
    }

    @Test
    void whatAZStackModelServiceCannotRunIsRefusedNotDropped() {
        assertThatThrownBy(() -> ZStackLaunch.of(Fixtures.resolve(Fixtures.expert())))
                .isInstanceOfSatisfying(VendorException.class, e -> assertThat(e.getMessage()).contains("one container"));
        ModelDeployment expandsEnv = Fixtures.expert();
        expandsEnv.getSpec().getExpert().getTemplate().getSpec().getContainers().remove(1);
        assertThatThrownBy(() -> ZStackLaunch.of(Fixtures.resolve(expandsEnv)))
                .isInstanceOfSatisfying(VendorException.class,
                        e -> assertThat(e.getMessage()).contains("$(MODELDEPLOY_API_KEY)"));
        assertThatThrownBy(() -> ZStackLaunch.of(Fixtures.resolve(Fixtures.modelDeployment(SPEC.replace(
                "model: {id: Qwen/Qwen2.5-7B-Instruct,", "model: {id: Qwen/Qwen2.5-7B-Instruct, uri: pvc://weights/qwen,"))))
        ).isInstanceOfSatisfying(VendorException.class, e -> assertThat(e.getMessage()).contains("pvc://weights/qwen"));
        assertThatThrownBy(() -> ZStackLaunch.of(Fixtures.resolve(Fixtures.lora())))
                .isInstanceOfSatisfying(VendorException.class, e -> assertThat(e.getMessage()).contains("LoRA"));
    }
}
