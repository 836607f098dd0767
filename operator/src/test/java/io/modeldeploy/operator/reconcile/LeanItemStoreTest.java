package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The informer caches keep objects by namespace/name, without their managed fields, and nothing else changes. */
class LeanItemStoreTest {
    @Test
    void storedObjectsLoseTheirManagedFieldsOnly() {
        LeanItemStore<Pod> store = LeanItemStore.forNamespaces(Set.of(""));
        Pod pod = new PodBuilder().withNewMetadata().withNamespace("team-a").withName("qwen-0")
                .withResourceVersion("42").addToLabels("app", "qwen")
                .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubelet").withOperation("Update").build())
                .endMetadata().withNewStatus().withPodIP("10.0.0.7").endStatus().build();

        store.put(store.getKey(pod), pod);

        Pod cached = store.get("team-a/qwen-0");
        assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(cached.getMetadata().getResourceVersion()).isEqualTo("42");
        assertThat(cached.getMetadata().getLabels()).containsEntry("app", "qwen");
        assertThat(cached.getStatus().getPodIP()).isEqualTo("10.0.0.7");
    }

    @Test
    void informersOfSeveralNamespacesKeepTheirOwnDefaultStores() {
        assertThat(LeanItemStore.<Pod>forNamespaces(Set.of("team-a"))).isNotNull();
        // One store shared by two informers: one's relist would drop the other's objects.
        assertThat(LeanItemStore.<Pod>forNamespaces(Set.of("team-a", "team-b"))).isNull();
    }
}
