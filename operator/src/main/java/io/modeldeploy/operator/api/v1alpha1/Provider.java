package io.modeldeploy.operator.api.v1alpha1;

/** Where a model runs: in this cluster, or on a managed platform reached through its REST API. */
public enum Provider {
    InCluster, AlayaNeW, ZStack, Qianfan, DRun
}
