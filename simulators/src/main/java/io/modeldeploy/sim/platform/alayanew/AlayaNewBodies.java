package io.modeldeploy.sim.platform.alayanew;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.sim.platform.http.InvalidBody;
import io.modeldeploy.sim.platform.http.Require;

/** The required fields of Alaya NeW's request bodies, as the field tables of vendors.md §1 mark them. */
final class AlayaNewBodies {
    private AlayaNewBodies() {
    }

    /** {@code POST /deployment} and the QuickStart offline update. */
    static void checkQuickStart(ObjectNode body) {
        checkCommon(body);
        Require.oneOf(body, "backend", "vllm", "sglang");
        Require.text(body, "backendVersion");
        Require.texts(body, "backendArgs");
        Require.number(body, "resource.cpu");
        Require.number(body, "resource.mem");
        Require.text(body, "resource.gpu.gpuType");
        Require.number(body, "resource.gpu.count");
    }

    /** {@code POST /deployment/expert} and the Expert offline update. */
    static void checkExpert(ObjectNode body) {
        checkCommon(body);
        Require.text(body, "headConfig.image");
        checkScale(Require.object(body, "scale"), "scale");
        Require.object(body, "extensions");
    }

    /** {@code POST /deployment/lora} and the LoRA offline update. */
    static void checkLora(ObjectNode body) {
        Require.text(body, "baseServiceId");
        Require.text(body, "modelId");
        Require.text(body, "name");
        Require.nonEmptyTexts(body, "servedName");
    }

    /** {@code PUT /deployment/{id}/scale}: the body's {@code scale}, and its {@code serviceId} if sent. */
    static ObjectNode checkScaleRequest(ObjectNode body, String pathServiceId) {
        if (body.hasNonNull("serviceId") && !pathServiceId.equals(body.get("serviceId").asText())) {
            throw InvalidBody.invalid("serviceId in the body does not match the path");
        }
        ObjectNode scale = Require.object(body, "scale");
        checkScale(scale, "scale");
        return scale;
    }

    private static void checkCommon(ObjectNode body) {
        Require.text(body, "vksId");
        Require.text(body, "namespace");
        Require.text(body, "name");
        Require.nonEmptyTexts(body, "servedName");
        Require.text(body, "modelId");
    }

    private static void checkScale(ObjectNode scale, String path) {
        long min = Require.number(scale, "min");
        long max = Require.number(scale, "max");
        if (min < 0 || max < 1 || max < min) {
            throw InvalidBody.invalid(path + " needs 0 <= min <= max and max >= 1");
        }
    }
}
