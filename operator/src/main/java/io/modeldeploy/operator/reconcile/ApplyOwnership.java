package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hands the fields a create gave the operator to its server-side apply. A create records its fields under an
 * {@code Update} entry, which a later apply does not replace: a field the operator stops rendering would stay owned
 * and never be removed. Merging that entry into the operator's {@code Apply} entry (what client-go's csaupgrade does
 * for kubectl) lets the next apply remove it. Pure: the caller sends the result.
 */
final class ApplyOwnership {
    static final String APPLY = "Apply";
    static final String UPDATE = "Update";

    private ApplyOwnership() {
    }

    /**
     * The managed fields with {@code manager}'s update entries on the object itself (not a subresource) merged into
     * its apply entry; empty when there is none, which is every object but one created and not applied since.
     */
    static Optional<List<ManagedFieldsEntry>> upgraded(List<ManagedFieldsEntry> entries, String manager) {
        if (entries == null || entries.stream().noneMatch(e -> ours(e, manager, UPDATE))) {
            return Optional.empty();
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        ManagedFieldsEntry template = null;
        List<ManagedFieldsEntry> others = new ArrayList<>();
        for (ManagedFieldsEntry e : entries) {
            if (ours(e, manager, UPDATE) || ours(e, manager, APPLY)) {
                merge(fields, e.getFieldsV1() == null ? Map.of() : e.getFieldsV1().getAdditionalProperties());
                if (template == null || APPLY.equals(e.getOperation())) {
                    template = e;
                }
            } else {
                others.add(e);
            }
        }
        FieldsV1 merged = new FieldsV1();
        fields.forEach(merged::setAdditionalProperty);
        ManagedFieldsEntry apply = new ManagedFieldsEntry(template.getApiVersion(), "FieldsV1", merged, manager,
                APPLY, null, template.getTime());
        List<ManagedFieldsEntry> result = new ArrayList<>(others);
        result.add(apply);
        return Optional.of(result);
    }

    private static boolean ours(ManagedFieldsEntry e, String manager, String operation) {
        return manager.equals(e.getManager()) && operation.equals(e.getOperation())
                && (e.getSubresource() == null || e.getSubresource().isEmpty());
    }

    /** A field set is a tree of maps whose leaves are empty maps: the union of two is the union of their keys. */
    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> from) {
        from.forEach((key, value) -> {
            Object existing = into.get(key);
            if (existing instanceof Map<?, ?> a && value instanceof Map<?, ?> b) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) a);
                merge(copy, (Map<String, Object>) b);
                into.put(key, copy);
            } else {
                into.put(key, value instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : value);
            }
        });
    }

    private static Map<String, Object> deepCopy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        merge(copy, map);
        return copy;
    }
}
