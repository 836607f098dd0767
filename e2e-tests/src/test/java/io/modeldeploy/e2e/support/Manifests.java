package io.modeldeploy.e2e.support;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.Map;

/**
 * ModelDeployment manifests as a user writes them, in YAML and untyped, so the tests exercise the CRD and not the
 * operator's Java types; not created yet.
 */
public final class Manifests {
    private Manifests() {
    }

    /** A manifest written whole as YAML. */
    public static GenericKubernetesResource parse(String yaml) {
        return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    }

    /** A ModelDeployment named {@code name} whose spec is this YAML (written at its own top level). */
    public static GenericKubernetesResource modelDeployment(String name, String spec) {
        return parse("""
                apiVersion: %s
                kind: %s
                metadata: {name: %s}
                spec:
                %s""".formatted(OperatorHarness.API_VERSION, OperatorHarness.KIND, name, spec.indent(2)));
    }

    /**
     * A quickStart deployment of {@code model} on one backend and version, with {@code resources} as the YAML flow
     * map of {@code spec.quickStart.resources}, e.g. {@code {cpu: "2", memory: 8Gi, gpu: {type: L40S, count: 1}}};
     * {@code moreSpec} (YAML at the spec's top level: replicas, target, adapters...) follows.
     */
    public static GenericKubernetesResource quickStart(String name, String model, String backend, String backendVersion,
                                                       String resources, String moreSpec) {
        return modelDeployment(name, """
                model: {id: %s}
                quickStart:
                  backend: %s
                  backendVersion: "%s"
                  resources: %s
                %s""".formatted(model, backend, backendVersion, resources, moreSpec));
    }

    /** The map at {@code path} in an untyped resource, e.g. {@code section(md, "spec", "target")}, to edit. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> section(GenericKubernetesResource md, String... path) {
        Map<String, Object> at = md.getAdditionalProperties();
        for (String key : path) {
            at = (Map<String, Object>) at.get(key);
        }
        return at;
    }
}
