package io.modeldeploy.operator.provider.drun;

import com.fasterxml.jackson.databind.JsonNode;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.provider.VendorCall;
import io.modeldeploy.operator.provider.VendorCalls;
import io.modeldeploy.operator.provider.VendorCredentials;
import io.modeldeploy.operator.provider.VendorException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DRunRequestsTest {
    private static final Map<String, Object> OPTIONS = Map.of("region", "sh-02", "skuId", "sku-4090");

    @Test
    void quickStartBecomesTheModelServingCreate() throws VendorException {
        JsonNode body = DRunRequests.create(call(Fixtures.sglangQuickStart(), OPTIONS));

        assertThat(body.path("name").asText()).isEqualTo("vendor-name");
        assertThat(body.path("modelId").asText()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
        assertThat(body.path("region").asText()).isEqualTo("sh-02");
        assertThat(body.path("skuId").asText()).isEqualTo("sku-4090");
        assertThat(body.path("replicas").asInt()).isEqualTo(1);
        assertThat(body.path("paymentMethods").asText()).isEqualTo("PAY_AS_YOU_GO");
        assertThat(body.path("enableMetrics").asBoolean()).isFalse();
    }

    @Test
    void optionsOverrideTheModelIdAndMetrics() throws VendorException {
        JsonNode body = DRunRequests.create(call(Fixtures.sglangQuickStart(), Map.of("region", "r", "skuId", "s",
                "modelId", "public/llama-3.1-8b", "enableMetrics", true)));
        assertThat(body.path("modelId").asText()).isEqualTo("public/llama-3.1-8b");
        assertThat(body.path("enableMetrics").asBoolean()).isTrue();
    }

    @Test
    void whatDRunCannotExpressIsRefused() {
        assertThatThrownBy(() -> DRunRequests.create(call(Fixtures.vllmQuickStart(), OPTIONS)))
                .as("the fixture passes engine flags").hasMessageContaining("backendArgs");
        assertThatThrownBy(() -> DRunRequests.create(call(Fixtures.expert(), OPTIONS))).hasMessageContaining("spec.expert");
        assertThatThrownBy(() -> DRunRequests.create(call(Fixtures.lora(), OPTIONS))).hasMessageContaining("LoRA");
        ModelDeployment zero = Fixtures.sglangQuickStart();
        zero.getSpec().setReplicas(0);
        assertThatThrownBy(() -> DRunRequests.create(call(zero, OPTIONS))).hasMessageContaining("spec.stopped");
        assertThatThrownBy(() -> DRunRequests.create(call(Fixtures.sglangQuickStart(), Map.of("region", "r"))))
                .hasMessageContaining("skuId");
    }

    @Test
    void scaleAndActionBodies() throws VendorException {
        assertThat(DRunRequests.scale(3).toString()).isEqualTo("{\"replicas\":3}");
        assertThat(DRunRequests.action("STOP").toString()).isEqualTo("{\"action\":\"STOP\"}");
        assertThatThrownBy(() -> DRunRequests.scale(0)).isInstanceOf(VendorException.class);
    }

    private static VendorCall call(ModelDeployment md, Map<String, Object> options) {
        return VendorCalls.call(Provider.DRun, md, "vendor-name", URI.create("http://drun"), new VendorCredentials(Map.of("token", "t")),
                options);
    }

}
