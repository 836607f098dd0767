package io.modeldeploy.gateway.catalog;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.modeldeploy.operator.api.v1alpha1.Adapter;
import io.modeldeploy.operator.api.v1alpha1.Autoscaling;
import io.modeldeploy.operator.api.v1alpha1.InstanceStatus;
import io.modeldeploy.operator.api.v1alpha1.LocalObjectReference;
import io.modeldeploy.operator.api.v1alpha1.Lora;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentSpec;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;

import java.util.Arrays;
import java.util.List;

/** ModelDeployments as the operator leaves them, for the gateway's tests. */
public final class Deployments {
    private Deployments() {
    }

    public static ModelDeployment served(String namespace, String name, String... servedNames) {
        ModelDeployment md = new ModelDeployment();
        md.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        md.setSpec(new ModelDeploymentSpec());
        ModelDeploymentStatus status = new ModelDeploymentStatus();
        status.setServedNames(List.of(servedNames));
        status.setApiKeySecret(name + "-api-key");
        md.setStatus(status);
        return md;
    }

    /** With {@code spec.autoscaling}, and a Ready condition saying {@code readyMessage} (none when null). */
    public static ModelDeployment autoscaled(ModelDeployment md, String readyMessage) {
        Autoscaling autoscaling = new Autoscaling();
        autoscaling.setMaxReplicas(2);
        md.getSpec().setAutoscaling(autoscaling);
        if (readyMessage != null) {
            md.getStatus().setConditions(List.of(new ConditionBuilder().withType("Progressing").withStatus("True")
                    .withMessage("rolling").build(), new ConditionBuilder().withType("Ready").withStatus("False")
                    .withMessage(readyMessage).build()));
        }
        return md;
    }

    public static ModelDeployment withAdapters(ModelDeployment md, String... adapters) {
        md.getSpec().setAdapters(Arrays.stream(adapters).map(a -> {
            Adapter adapter = new Adapter();
            adapter.setName(a);
            return adapter;
        }).toList());
        return md;
    }

    public static ModelDeployment loraService(String namespace, String name, String base, String... adapters) {
        ModelDeployment md = withAdapters(served(namespace, name, adapters), adapters);
        Lora lora = new Lora();
        LocalObjectReference ref = new LocalObjectReference();
        ref.setName(base);
        lora.setBaseRef(ref);
        md.getSpec().setLora(lora);
        md.getStatus().setApiKeySecret(base + "-api-key");
        return md;
    }

    public static ModelDeployment holding(ModelDeployment md, String instance, String... adapters) {
        InstanceStatus i = new InstanceStatus();
        i.setInstanceId(instance);
        i.setReady(true);
        i.setLoraModels(List.of(adapters));
        List<InstanceStatus> all = new java.util.ArrayList<>(md.getStatus().getInstances() == null ? List.of()
                : md.getStatus().getInstances());
        all.add(i);
        md.getStatus().setInstances(all);
        return md;
    }
}
