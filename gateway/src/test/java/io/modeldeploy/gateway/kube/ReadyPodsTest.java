package io.modeldeploy.gateway.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadyPodsTest {

    private static Pod pod(String name, boolean ready, boolean deleting) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus().addNewCondition()
                .withType("Ready").withStatus(ready ? "True" : "False").endCondition().endStatus();
        if (deleting) {
            b.editMetadata().withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata();
        }
        return b.build();
    }

    @Test
    void onlyReadyPodsNotBeingDeletedCount() {
        assertThat(ReadyPods.count(List.of(pod("a", true, false), pod("b", false, false), pod("c", true, true),
                pod("d", true, false), new PodBuilder().withNewMetadata().withName("e").endMetadata().build())))
                .isEqualTo(2);
    }

    @Test
    void aSelectorOfEqualitiesIsReadAndAnythingElseRefused() {
        assertThat(ReadyPods.labels("app.kubernetes.io/name=gw, app.kubernetes.io/instance=prod"))
                .isEqualTo(Map.of("app.kubernetes.io/name", "gw", "app.kubernetes.io/instance", "prod"));
        assertThatThrownBy(() -> ReadyPods.labels("app!=gw")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReadyPods.labels("app")).isInstanceOf(IllegalArgumentException.class);
    }
}
