package io.modeldeploy.e2e.managed;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.modeldeploy.e2e.support.InNamespace;
import io.modeldeploy.e2e.support.Manifests;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.OperatorHarness;
import io.modeldeploy.sim.testing.Await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.modeldeploy.e2e.support.Manifests.section;

/**
 * What the managed-target integration tests do in their namespace besides what a user of any target does
 * ({@link InNamespace}): samples pointed at a simulator, credentials Secrets, the lost status write, waiting for
 * conditions, events and deletion, and cleaning up while the vendor still answers.
 */
final class ManagedTargetSupport {
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final OperatorHarness harness;
    private final InNamespace ns;

    ManagedTargetSupport(InNamespace ns) {
        this.harness = ns.harness();
        this.ns = ns;
    }

    // --- manifests -------------------------------------------------------------------------------------------

    /**
     * A sample from {@code samples/} as a user wrote it, renamed and pointed at a simulator's endpoint, for the test
     * to create.
     */
    GenericKubernetesResource sample(String file, String name, String endpoint) {
        GenericKubernetesResource md = Manifests.parse(readSample(file));
        md.getMetadata().setName(name);
        section(md, "spec", "target").put("endpoint", endpoint);
        return md;
    }

    /**
     * {@code spec.target} in YAML at the spec's top level: the provider, its endpoint (the simulator's), the
     * credentials Secret, and the vendor's own settings (one YAML line, e.g. {@code "dRun: {region: sh-02}"}).
     */
    static String targetSpec(String provider, String endpoint, String credentialsSecret, String vendorSettings) {
        return """
                target:
                  provider: %s
                  endpoint: %s
                  credentialsSecretRef: {name: %s}
                  %s
                """.formatted(provider, endpoint, credentialsSecret, vendorSettings);
    }

    /** Applies a sample from samples/ with kubectl, its documented vendor endpoint replaced by the simulator's. */
    void applySample(String file, String documentedEndpoint, String simulatorEndpoint) {
        String yaml = readSample(file);
        if (!yaml.contains(documentedEndpoint)) {
            throw new AssertionError(file + " does not name " + documentedEndpoint);
        }
        try {
            Path copy = Files.createTempFile("sample-", ".yaml");
            Files.writeString(copy, yaml.replace(documentedEndpoint, simulatorEndpoint));
            harness.kubectl().ok("apply", "-n", ns.name(), "-f", copy.toString());
            Files.delete(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String readSample(String file) {
        try {
            return Files.readString(harness.cluster().root().resolve("samples").resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- what a user does ------------------------------------------------------------------------------------

    /**
     * Creates the credentials Secret, labelled as the operator requires of vendor credentials, or replaces its values
     * (as when a user fixes a wrong key).
     */
    void writeSecret(String name, Map<String, String> values) {
        ns.client().secrets().inNamespace(ns.name()).resource(new SecretBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("modeldeploy.io/secret-type", "vendor-credentials")).endMetadata()
                .withStringData(values).build()).createOr(existing -> existing.update());
    }

    Optional<String> secretValue(String secret, String key) {
        var s = ns.client().secrets().inNamespace(ns.name()).withName(secret).get();
        if (s == null || s.getData() == null || s.getData().get(key) == null) {
            return Optional.empty();
        }
        return Optional.of(new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8));
    }

    void create(GenericKubernetesResource md) {
        ns.create(md);
    }

    void create(String yaml) {
        create(Manifests.parse(yaml));
    }

    /** Deletes without waiting: the finalizer may hold the resource. */
    void delete(String name) {
        ns.mds().withName(name).delete();
    }

    /** Deletes and waits until the finalizer let go. */
    void deleteAndAwaitGone(String name) {
        delete(name);
        awaitGone(name);
    }

    void setDeletionPolicy(String name, String policy) {
        ns.patchSpec(name, Map.of("target", Map.of("deletionPolicy", policy)));
    }

    /** The operator's status write lost, as after a crash between the vendor's answer and the write. */
    void loseExternalId(String name) {
        ns.mds().withName(name).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"status\":{\"target\":{\"externalId\":null}}}");
    }

    // --- what a user sees ------------------------------------------------------------------------------------

    ModelDeploymentView md(String name) {
        return ns.md(name);
    }

    boolean exists(String name) {
        return ns.mds().withName(name).get() != null;
    }

    ModelDeploymentView awaitPhase(String name, String phase) {
        return ns.awaitPhase(name, phase);
    }

    ModelDeploymentView awaitRunning(String name) {
        return awaitPhase(name, "Running");
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

    void awaitEvent(String name, String reason) {
        Await.until("a " + reason + " Event on " + name, TIMEOUT, () -> ns.eventReasons(name).contains(reason));
    }

    void awaitGone(String name) {
        Await.until(name + " gone", TIMEOUT, () -> !exists(name));
    }

    // --- before the namespace goes ---------------------------------------------------------------------------

    /**
     * Deletes every ModelDeployment and waits until their finalizers released them, while the vendor and
     * the credentials Secret still exist: deleting the namespace first would delete the Secret too, and a
     * finalizer without credentials cannot delete the vendor service.
     */
    void deleteAllDeployments() {
        ns.mds().delete();
        Await.until("every ModelDeployment in " + ns.name() + " deleted", TIMEOUT,
                () -> ns.mds().list().getItems().isEmpty());
    }

    /**
     * Deletes the deployments whose endpoint is on this simulator and waits until they are gone, while it still
     * answers: their services are deleted there, or ({@link ManagedPlatform.Release#RETAIN_ALL}) kept.
     */
    void releaseDeploymentsOn(String simulatorBaseUrl, ManagedPlatform.Release release) {
        List<String> names = ns.mds().list().getItems().stream()
                .filter(md -> String.valueOf(section(md, "spec", "target").get("endpoint")).startsWith(simulatorBaseUrl))
                .map(md -> md.getMetadata().getName()).toList();
        if (release == ManagedPlatform.Release.RETAIN_ALL) {
            names.forEach(name -> setDeletionPolicy(name, "Retain"));
        }
        names.forEach(this::delete);
        names.forEach(this::awaitGone);
    }

    /** Every vendor service stays, so no finalizer waits for a vendor (e.g. one that deletes only in its console). */
    void retainAll() {
        ns.mds().list().getItems().forEach(md -> setDeletionPolicy(md.getMetadata().getName(), "Retain"));
    }

    // --- reading status and simulators -----------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    static Object targetField(ModelDeploymentView md, String field) {
        Object target = md.statusField("target");
        return target == null ? null : ((Map<String, Object>) target).get(field);
    }

    /** {@code status.target.externalId}: the vendor's id of the service. */
    static String externalId(ModelDeploymentView md) {
        return (String) targetField(md, "externalId");
    }

}
