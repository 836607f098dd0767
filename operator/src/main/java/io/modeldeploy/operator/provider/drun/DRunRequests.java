package io.modeldeploy.operator.provider.drun;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.deployment.Workload;
import io.modeldeploy.operator.provider.VendorCall;
import io.modeldeploy.operator.provider.VendorException;

/**
 * A ModelDeployment as d.run's create body (vendors.md section 4): name, modelId, region, skuId, replicas,
 * paymentMethods, enableMetrics. d.run picks the engine and its flags from the model and the compute
 * unit (skuId), so quickStart's backend, version and resources are not sent (skuId says what runs), and
 * what would change the engine is refused: engine flags, expert templates, LoRA, a model from outside the
 * platform. d.run names the model clients send itself ({@code accessModelName}, which replaces
 * spec.model.servedNames in status.servedNames): there is no field for served names. Pure.
 */
public final class DRunRequests {
    private static final String PAY_AS_YOU_GO = "PAY_AS_YOU_GO";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private DRunRequests() {
    }

    public static ObjectNode create(VendorCall call) throws VendorException {
        ResolvedDeployment d = call.deployment();
        if (d.expert().isPresent()) {
            throw VendorException.refused("d.run runs its own engine: spec.expert cannot be expressed, use quickStart"
                    + " with spec.target.dRun.skuId");
        }
        if (d.loraService().isPresent() || !d.adapters().isEmpty()) {
            throw VendorException.refused("d.run publishes no LoRA or adapter API");
        }
        Workload.QuickStart qs = d.quickStart()
                .orElseThrow(() -> VendorException.refused("d.run needs spec.quickStart"));
        if (!qs.backendArgs().isEmpty()) {
            throw VendorException.refused("d.run takes no engine flags: spec.quickStart.backendArgs cannot be expressed");
        }
        if (!d.model().uri().equals("hf://" + d.model().id())) {
            throw VendorException.refused("d.run serves models from its catalogue by id: spec.model.uri cannot be expressed");
        }
        ObjectNode body = JSON.objectNode();
        body.put("name", call.vendorName());
        body.put("modelId", call.option("modelId", d.model().id()));
        body.put("region", call.option("region"));
        body.put("skuId", call.option("skuId"));
        body.put("replicas", replicas(d.replicas()));
        body.put("paymentMethods", paymentMethod(call.option("paymentMethods", PAY_AS_YOU_GO)));
        body.put("enableMetrics", Boolean.parseBoolean(call.option("enableMetrics", "false")));
        return body;
    }

    /**
     * The Swagger's {@code v1alpha1PaymentMethod}: one string of an enum whose only billing value is
     * {@code PAY_AS_YOU_GO} ({@code PAYMENT_METHOD_UNSPECIFIED} is the protobuf zero, not a choice).
     */
    static String paymentMethod(String written) throws VendorException {
        if (!PAY_AS_YOU_GO.equals(written)) {
            throw VendorException.refused("spec.target.dRun.paymentMethods must be " + PAY_AS_YOU_GO
                    + " (the only payment method d.run's API defines), not '" + written + "'");
        }
        return written;
    }

    public static ObjectNode scale(int replicas) throws VendorException {
        ObjectNode body = JSON.objectNode();
        body.put("replicas", replicas(replicas));
        return body;
    }

    /** {@code START} or {@code STOP}. */
    public static ObjectNode action(String action) {
        ObjectNode body = JSON.objectNode();
        body.put("action", action);
        return body;
    }

    private static int replicas(int replicas) throws VendorException {
        if (replicas < 1) {
            throw VendorException.refused("d.run needs at least one replica; to stop serving set spec.stopped: true");
        }
        return replicas;
    }
}
