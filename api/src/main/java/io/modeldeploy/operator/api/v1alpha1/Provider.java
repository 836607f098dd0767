package io.modeldeploy.operator.api.v1alpha1;

import java.util.Optional;

/**
 * Where a model runs: in this cluster, or on a managed platform reached through its REST API. A managed
 * platform has its own options block in spec.target, named here (the CRD schema is generated from it).
 */
public enum Provider {
    InCluster(null, null),
    AlayaNeW("alayaNew", "Alaya NeW options (vksId, namespace)."),
    ZStack("zstack", "ZStack options."),
    Qianfan("qianfan", "Baidu Qianfan options."),
    DRun("dRun", "DaoCloud d.run options.");

    private final String optionsField;
    private final String optionsDescription;

    Provider(String optionsField, String optionsDescription) {
        this.optionsField = optionsField;
        this.optionsDescription = optionsDescription;
    }

    /** The field of spec.target that holds this provider's options; empty for InCluster. */
    public Optional<String> optionsField() {
        return Optional.ofNullable(optionsField);
    }

    public String optionsDescription() {
        return optionsDescription;
    }
}
