package io.modeldeploy.e2e.managed;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.modeldeploy.e2e.support.Await;
import io.modeldeploy.e2e.support.InNamespace;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.OperatorHarness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

/** What the managed-target integration tests share: samples with overrides, credentials, and the lost write. */
final class VendorTestSupport {
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final OperatorHarness harness;
    private final InNamespace ns;

    VendorTestSupport(OperatorHarness harness, InNamespace ns) {
        this.harness = harness;
        this.ns = ns;
    }

    /** A sample from {@code samples/} as a user wrote it, renamed, for the test to point at its simulator. */
    GenericKubernetesResource sample(String file, String name) {
        try {
            String yaml = Files.readString(harness.cluster().root().resolve("samples").resolve(file));
            GenericKubernetesResource md = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
            md.getMetadata().setName(name);
            return md;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(GenericKubernetesResource md, String... path) {
        Map<String, Object> at = md.getAdditionalProperties();
        for (String key : path) {
            at = (Map<String, Object>) at.get(key);
        }
        return at;
    }

    void createSecret(String name, Map<String, String> values) {
        harness.client().secrets().inNamespace(ns.name()).resource(new SecretBuilder()
                .withNewMetadata().withName(name).endMetadata().withStringData(values).build()).serverSideApply();
    }

    void create(GenericKubernetesResource md) {
        harness.mds(ns.name()).resource(md).create();
    }

    ModelDeploymentView awaitRunning(String name) {
        return harness.awaitPhase(ns.name(), name, "Running");
    }

    @SuppressWarnings("unchecked")
    static String externalId(ModelDeploymentView md) {
        Object target = md.statusField("target");
        return target == null ? null : (String) ((Map<String, Object>) target).get("externalId");
    }

    /** The operator's status write lost, as after a crash between the vendor's answer and the write. */
    void loseExternalId(String name) {
        harness.mds(ns.name()).withName(name).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"status\":{\"target\":{\"externalId\":null}}}");
    }

    void awaitCondition(String name, String type, String status, String reason) {
        Await.until(name + " " + type + "=" + status + " " + reason, TIMEOUT, () -> {
            ModelDeploymentView md = harness.md(ns.name(), name);
            if (!md.conditionIs(type, status, reason)) {
                throw new AssertionError("status is " + md.status());
            }
            return true;
        });
    }

    void awaitEvent(String name, String reason) {
        Await.until("a " + reason + " Event on " + name, TIMEOUT, () -> ns.eventReasons(name).contains(reason));
    }

    void awaitGone(String name) {
        Await.until(name + " gone", TIMEOUT, () -> harness.mds(ns.name()).withName(name).get() == null);
    }

    void setDeletionPolicy(String name, String policy) {
        ns.patchSpec(name, Map.of("target", Map.of("deletionPolicy", policy)));
    }

    /** Before the namespace goes: every vendor service stays, so no finalizer waits for a vendor. */
    void retainAll() {
        harness.mds(ns.name()).list().getItems().forEach(md -> setDeletionPolicy(md.getMetadata().getName(), "Retain"));
    }
}
