package io.modeldeploy.e2e.chart;

/** The chart's default shape: every namespace watched, one ClusterRole. */
class RbacSufficiencyIT extends RbacSufficiencyCheck {
    @Override
    protected String values(String ns) {
        return "";
    }
}
