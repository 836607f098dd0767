package io.modeldeploy.e2e.managed;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.modeldeploy.e2e.support.Await;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.OperatorHarness;
import io.modeldeploy.sim.vendor.http.RecordedRequest;
import io.modeldeploy.sim.vendor.http.RequestLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** What the managed-target integration tests do in one namespace besides what a user of any target does. */
final class ManagedTargetSupport {
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final OperatorHarness harness;
    private final String ns;

    ManagedTargetSupport(OperatorHarness harness, String ns) {
        this.harness = harness;
        this.ns = ns;
    }

    void credentials(String name, Map<String, String> keys) {
        harness.client().secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(name)
                .endMetadata().withStringData(keys).build()).createOr(existing -> existing.update());
    }

    /** Deletes and waits until the finalizer let go. */
    void deleteAndAwaitGone(String name) {
        harness.mds(ns).withName(name).delete();
        awaitGone(name);
    }

    /** Applies a sample from samples/ with kubectl, its documented vendor endpoint replaced by the simulator's. */
    void applySample(String file, String documentedEndpoint, String simulatorEndpoint) {
        try {
            String yaml = Files.readString(harness.cluster().root().resolve("samples").resolve(file));
            if (!yaml.contains(documentedEndpoint)) {
                throw new AssertionError(file + " does not name " + documentedEndpoint);
            }
            Path copy = Files.createTempFile("sample-", ".yaml");
            Files.writeString(copy, yaml.replace(documentedEndpoint, simulatorEndpoint));
            harness.kubectl().ok("apply", "-n", ns, "-f", copy.toString());
            Files.delete(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void create(String yaml) {
        harness.mds(ns).resource(Serialization.unmarshal(yaml, GenericKubernetesResource.class)).create();
    }

    /** JSON merge patch of the spec, as {@code kubectl patch --type merge} does. */
    void patchSpec(String md, Map<String, Object> spec) {
        harness.mds(ns).withName(md).patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of("spec", spec)));
    }

    /** A status write that never happened: the vendor id is gone from status. */
    void forgetExternalId(String md) {
        harness.mds(ns).withName(md).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"status\":{\"target\":{\"externalId\":null}}}");
    }

    ModelDeploymentView md(String name) {
        return harness.md(ns, name);
    }

    ModelDeploymentView awaitPhase(String name, String phase) {
        return harness.awaitPhase(ns, name, phase);
    }

    ModelDeploymentView awaitCondition(String name, String type, String status, String reason) {
        return Await.until(name + " " + type + "=" + status + " " + reason, TIMEOUT, () -> {
            ModelDeploymentView md = md(name);
            if (!md.conditionIs(type, status, reason)) {
                throw new AssertionError("status is " + md.status());
            }
            return md;
        });
    }

    void awaitGone(String name) {
        Await.until(name + " deleted", TIMEOUT, () -> harness.mds(ns).withName(name).get() == null);
    }

    /**
     * Deletes every ModelDeployment and waits until their finalizers released them, while the vendor and
     * the credentials Secret still exist: deleting the namespace first would delete the Secret too, and a
     * finalizer without credentials cannot delete the vendor service.
     */
    void deleteAllDeployments() {
        harness.mds(ns).delete();
        Await.until("every ModelDeployment in " + ns + " deleted", TIMEOUT, () -> harness.mds(ns).list().getItems().isEmpty());
    }

    Optional<String> secretValue(String secret, String key) {
        var s = harness.client().secrets().inNamespace(ns).withName(secret).get();
        if (s == null || s.getData() == null || s.getData().get(key) == null) {
            return Optional.empty();
        }
        return Optional.of(new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8));
    }

    /** The requests that arrived in the window and match, e.g. those sending one credential. */
    static long countSince(RequestLog log, Instant since, Predicate<RecordedRequest> which) {
        return log.all().stream().filter(r -> !r.receivedAt().isBefore(since)).filter(which).count();
    }

    @SuppressWarnings("unchecked")
    static Object targetField(ModelDeploymentView md, String field) {
        Object target = md.statusField("target");
        return target == null ? null : ((Map<String, Object>) target).get(field);
    }
}
