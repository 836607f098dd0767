package io.modeldeploy.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One model served behind an OpenAI-compatible endpoint, in the cluster or on a managed platform. */
@Group(ModelDeployment.GROUP)
@Version(ModelDeployment.VERSION)
@ShortNames("md")
@AdditionalPrinterColumn(name = "Mode", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.mode")
@AdditionalPrinterColumn(name = "Backend", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.quickStart.backend")
@AdditionalPrinterColumn(name = "Model", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.model.id")
@AdditionalPrinterColumn(name = "GPU", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.gpu")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.ready")
@AdditionalPrinterColumn(name = "Phase", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "URL", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.serviceUrl")
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".metadata.creationTimestamp")
public class ModelDeployment extends CustomResource<ModelDeploymentSpec, ModelDeploymentStatus> implements Namespaced {
    public static final String GROUP = "modeldeploy.io";
    public static final String VERSION = "v1alpha1";

    @Override
    protected ModelDeploymentStatus initStatus() {
        return new ModelDeploymentStatus();
    }
}
