package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ApplyOwnershipTest {
    private static final String US = "modeldeploy-operator";

    @Test
    void anObjectOnlyEverAppliedNeedsNothing() {
        List<ManagedFieldsEntry> entries = List.of(entry(US, "Apply", null, Map.of("f:spec", Map.of("f:replicas", Map.of()))),
                entry("kube-controller-manager", "Update", "status", Map.of("f:status", Map.of())));

        assertThat(ApplyOwnership.upgraded(entries, US)).isEmpty();
        assertThat(ApplyOwnership.upgraded(null, US)).isEmpty();
    }

    @Test
    void whatTheCreateSetBecomesTheApplysToo() {
        List<ManagedFieldsEntry> entries = List.of(
                entry(US, "Update", null, Map.of("f:metadata", Map.of("f:labels", Map.of("f:a", Map.of(), "f:old", Map.of())),
                        "f:spec", Map.of("f:replicas", Map.of()))),
                entry(US, "Apply", null, Map.of("f:metadata", Map.of("f:labels", Map.of("f:a", Map.of(), "f:b", Map.of())))),
                entry("kube-controller-manager", "Update", "status", Map.of("f:status", Map.of())),
                entry("kubectl-edit", "Update", null, Map.of("f:metadata", Map.of("f:annotations", Map.of()))));

        List<ManagedFieldsEntry> upgraded = ApplyOwnership.upgraded(entries, US).orElseThrow();

        assertThat(upgraded).extracting(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getOperation)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("kube-controller-manager", "Update"),
                        org.assertj.core.groups.Tuple.tuple("kubectl-edit", "Update"),
                        org.assertj.core.groups.Tuple.tuple(US, "Apply"));
        assertThat(upgraded.get(2).getFieldsV1().getAdditionalProperties()).isEqualTo(Map.of(
                "f:metadata", Map.of("f:labels", Map.of("f:a", Map.of(), "f:old", Map.of(), "f:b", Map.of())),
                "f:spec", Map.of("f:replicas", Map.of())));
    }

    @Test
    void aCreateNeverAppliedSinceBecomesTheApplyEntry() {
        List<ManagedFieldsEntry> entries = List.of(entry(US, "Update", null, Map.of("f:data", Map.of("f:k", Map.of()))));

        List<ManagedFieldsEntry> upgraded = ApplyOwnership.upgraded(entries, US).orElseThrow();

        assertThat(upgraded).singleElement().satisfies(e -> {
            assertThat(e.getOperation()).isEqualTo("Apply");
            assertThat(e.getFieldsType()).isEqualTo("FieldsV1");
            assertThat(e.getApiVersion()).isEqualTo("apps/v1");
            assertThat(e.getFieldsV1().getAdditionalProperties()).isEqualTo(Map.of("f:data", Map.of("f:k", Map.of())));
        });
    }

    @Test
    void anUpdateOfTheStatusSubresourceIsNotTheCreates() {
        List<ManagedFieldsEntry> entries = List.of(entry(US, "Update", "status", Map.of("f:status", Map.of())));

        assertThat(ApplyOwnership.upgraded(entries, US)).isEmpty();
    }

    private static ManagedFieldsEntry entry(String manager, String operation, String subresource, Map<String, Object> fields) {
        FieldsV1 fieldsV1 = new FieldsV1();
        fields.forEach(fieldsV1::setAdditionalProperty);
        return new ManagedFieldsEntry("apps/v1", "FieldsV1", fieldsV1, manager, operation, subresource, "2026-11-30T00:00:00Z");
    }
}
