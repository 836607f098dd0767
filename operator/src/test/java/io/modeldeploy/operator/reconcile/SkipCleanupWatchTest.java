package io.modeldeploy.operator.reconcile;

import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SkipCleanupWatchTest {

    private static ModelDeployment md(boolean deleting, String annotation) {
        ModelDeployment md = Fixtures.vllmQuickStart();
        if (deleting) {
            md.getMetadata().setDeletionTimestamp("2026-11-30T12:00:00Z");
        }
        if (annotation != null) {
            md.getMetadata().setAnnotations(Map.of(ManagedFlow.SKIP_VENDOR_CLEANUP, annotation));
        }
        return md;
    }

    @Test
    void onlyADeploymentBeingDeletedWithTheAnnotationTrueWakesItsCleanup() {
        assertThat(SkipCleanupWatch.skipping(md(true, "true"))).isTrue();
        assertThat(SkipCleanupWatch.skipping(md(false, "true"))).as("not being deleted").isFalse();
        assertThat(SkipCleanupWatch.skipping(md(true, "yes"))).isFalse();
        assertThat(SkipCleanupWatch.skipping(md(true, null))).isFalse();
    }
}
