package io.modeldeploy.e2e.tenancy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.modeldeploy.e2e.support.TestNamespace;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What tenancy.md promises about a whole hostile run, checked once the tests of a class are over:
 * <ul>
 *   <li>no credential or API key used in the tenant's namespace (every value of every Secret that appeared there,
 *   plus what tests register, e.g. a key written into backendArgs) appears, as its exact bytes, in the operator's
 *   log of the run, in an Event of the namespace or in any ModelDeployment status seen during the run;</li>
 *   <li>nothing outside the tenant's deployments changed: bystander objects in the namespace (one of them a
 *   properly labelled vendor-credentials Secret no deployment names) and in a neighbour namespace keep their
 *   resourceVersion, and nothing appears in the neighbour namespace.</li>
 * </ul>
 * Statuses and Events are collected by watches for the whole run, since deployments come and go. Register it
 * after the {@link TestNamespace}: it then starts once the namespace exists and checks before it is deleted.
 */
final class TenantWatch implements BeforeAllCallback, AfterAllCallback {
    /** Shorter values (ports, "true", a namespace name) are no secrets and would match by chance. */
    private static final int SHORTEST_SECRET = 8;
    /** Public or non-secret parts of a ServiceAccount token Secret. */
    private static final Set<String> NOT_SECRET_KEYS = Set.of("ca.crt", "namespace");

    private final TestNamespace ns;
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    private final List<String> published = Collections.synchronizedList(new ArrayList<>());
    private final List<Watch> watches = new ArrayList<>();
    private final Map<String, String> bystanders = new LinkedHashMap<>();
    private long logStart;
    private String neighbour;

    TenantWatch(TestNamespace ns) {
        this.ns = ns;
    }

    /** A credential a test uses outside a Secret (e.g. in a spec): it must not come back out either. */
    String secret(String value) {
        secrets.add(value);
        return value;
    }

    /** The labelled credentials Secret no deployment names: its token must never be read or sent. */
    static final String BYSTANDER = "bystander";

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        KubernetesClient client = ns.client();
        logStart = ns.harness().operator().logSize();
        watches.add(client.secrets().inNamespace(ns.name()).watch(watcher(this::remember)));
        watches.add(client.v1().events().inNamespace(ns.name()).watch(watcher(e -> published.add(describe(e)))));
        watches.add(ns.mds().watch(watcher(md -> published.add(Serialization.asJson(md.getAdditionalProperties().get("status"))))));

        neighbour = ns.cluster().createNamespace(ns.name() + "-next");
        for (String namespace : List.of(ns.name(), neighbour)) {
            remember(create(client, new SecretBuilder().withNewMetadata().withName(BYSTANDER).withNamespace(namespace)
                    .addToLabels("modeldeploy.io/secret-type", "vendor-credentials").endMetadata()
                    .withStringData(Map.of("token", secret("bystander-token-" + namespace), "apiKey", secret("bystander-key-" + namespace)))
                    .build()));
            create(client, new ConfigMapBuilder().withNewMetadata().withName(BYSTANDER).withNamespace(namespace).endMetadata()
                    .withData(Map.of("k", "v")).build());
            create(client, new ServiceBuilder().withNewMetadata().withName(BYSTANDER).withNamespace(namespace).endMetadata()
                    .withNewSpec().addNewPort().withPort(8000).endPort().endSpec().build());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        watches.forEach(Watch::close);
        try {
            KubernetesClient client = ns.client();
            client.v1().events().inNamespace(ns.name()).list().getItems().forEach(e -> published.add(describe(e)));
            ns.mds().list().getItems().forEach(md -> published.add(Serialization.asJson(md.getAdditionalProperties().get("status"))));
            String log = operatorLogOfTheRun();
            // The haystacks are real: the Events and statuses of the run were seen (a refused spec may log nothing).
            assertThat(published).as("Events and statuses of the run").anyMatch(text -> text.contains("Ready"));
            assertThat(secrets).as("credentials and keys used in the run").hasSizeGreaterThan(4);
            for (String secret : secrets) {
                assertThat(log).as("the operator log of the run").doesNotContain(secret);
                synchronized (published) {
                    assertThat(published).as("Events and statuses of the run").noneMatch(text -> text.contains(secret));
                }
            }
            bystanders.forEach((key, version) -> assertThat(currentVersion(client, key))
                    .as("bystander " + key + " unchanged").isEqualTo(version));
            assertThat(objectsIn(client, neighbour)).as("objects in the neighbour namespace")
                    .containsExactlyInAnyOrder("Secret/" + BYSTANDER, "ConfigMap/" + BYSTANDER, "Service/" + BYSTANDER);
        } finally {
            ns.cluster().deleteNamespace(neighbour);
        }
    }

    private void remember(Secret secret) {
        if (secret == null || secret.getData() == null) {
            return;
        }
        secret.getData().forEach((key, value) -> {
            String decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            if (!NOT_SECRET_KEYS.contains(key) && decoded.length() >= SHORTEST_SECRET) {
                secrets.add(decoded);
            }
        });
    }

    private <T extends HasMetadata> T create(KubernetesClient client, T object) {
        T created = client.resource(object).create();
        bystanders.put(key(created), created.getMetadata().getResourceVersion());
        return created;
    }

    private static String key(HasMetadata o) {
        return o.getKind() + "/" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
    }

    private static String currentVersion(KubernetesClient client, String key) {
        String[] parts = key.split("/");
        HasMetadata current = switch (parts[0]) {
            case "Secret" -> client.secrets().inNamespace(parts[1]).withName(parts[2]).get();
            case "ConfigMap" -> client.configMaps().inNamespace(parts[1]).withName(parts[2]).get();
            case "Service" -> client.services().inNamespace(parts[1]).withName(parts[2]).get();
            default -> throw new IllegalArgumentException(key);
        };
        return current == null ? "deleted" : current.getMetadata().getResourceVersion();
    }

    /** What a tenant's deployment could have put next door; what the cluster itself puts there is left out. */
    private static List<String> objectsIn(KubernetesClient client, String namespace) {
        Stream<HasMetadata> all = Stream.of(
                client.secrets().inNamespace(namespace).list().getItems().stream()
                        .filter(s -> !"kubernetes.io/service-account-token".equals(s.getType())),
                client.configMaps().inNamespace(namespace).list().getItems().stream()
                        .filter(c -> !"kube-root-ca.crt".equals(c.getMetadata().getName())),
                client.services().inNamespace(namespace).list().getItems().stream(),
                client.apps().deployments().inNamespace(namespace).list().getItems().stream(),
                client.pods().inNamespace(namespace).list().getItems().stream(),
                client.network().v1().ingresses().inNamespace(namespace).list().getItems().stream(),
                client.network().v1().networkPolicies().inNamespace(namespace).list().getItems().stream())
                .flatMap(s -> s.map(HasMetadata.class::cast));
        return all.map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
    }

    private String operatorLogOfTheRun() {
        assertThat(ns.harness().operator().logSize()).as("the operator log, not cut during the run")
                .isGreaterThanOrEqualTo(logStart);
        return ns.harness().operator().logSince(logStart);
    }

    private static String describe(Event e) {
        return e.getReason() + " " + e.getMessage() + " " + Serialization.asJson(e.getInvolvedObject());
    }

    private static <T> Watcher<T> watcher(Consumer<T> onEvent) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, T resource) {
                onEvent.accept(resource);
            }

            @Override
            public void onClose(WatcherException cause) {
                // The run's end closes the watches; a watch the server closed early loses nothing the final lists miss
                // for Events and current statuses.
            }
        };
    }
}
