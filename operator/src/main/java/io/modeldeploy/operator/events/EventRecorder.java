package io.modeldeploy.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * Core v1 Events on a ModelDeployment, shown by {@code kubectl describe md}. The name is derived from
 * the object, reason and message, so a repeat bumps the count of one Event instead of adding another.
 * Messages must never carry a secret; callers pass only what is safe to show.
 */
@jakarta.inject.Singleton
public final class EventRecorder implements Events {
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);
    private static final int MAX_MESSAGE = 1024;
    public static final String COMPONENT = "modeldeploy-operator";

    private final KubernetesClient client;
    private final Clock clock;

    public EventRecorder(KubernetesClient client) {
        this(client, Clock.systemUTC());
    }

    @Inject
    public EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public void normal(HasMetadata object, String reason, String message) {
        record(object, "Normal", reason, message);
    }

    @Override
    public void warning(HasMetadata object, String reason, String message) {
        record(object, "Warning", reason, message);
    }

    private void record(HasMetadata object, String type, String reason, String message) {
        String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 3) + "..." : message;
        String namespace = object.getMetadata().getNamespace();
        String name = object.getMetadata().getName() + "." + digest(object.getMetadata().getUid() + type + reason + text);
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        var events = client.v1().events().inNamespace(namespace);
        try {
            // Most Events are new: created at once, and only a repeat (409) is read to bump its count.
            events.resource(new EventBuilder()
                    .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                    .withNewInvolvedObject()
                    .withApiVersion(object.getApiVersion()).withKind(object.getKind())
                    .withName(object.getMetadata().getName()).withNamespace(namespace)
                    .withUid(object.getMetadata().getUid())
                    .endInvolvedObject()
                    .withType(type).withReason(reason).withMessage(text)
                    .withNewSource().withComponent(COMPONENT).endSource()
                    .withReportingComponent(COMPONENT)
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .build()).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                repeated(events.withName(name), now);
            } else {
                // An Event is a courtesy: failing to write one must never fail the reconcile.
                LOG.debugf("could not record event %s on %s/%s: %s", reason, namespace, object.getMetadata().getName(),
                        e.getMessage());
            }
        }
    }

    private static void repeated(io.fabric8.kubernetes.client.dsl.Resource<Event> event, String now) {
        try {
            event.edit(e -> new EventBuilder(e).withCount((e.getCount() == null ? 1 : e.getCount()) + 1)
                    .withLastTimestamp(now).build());
        } catch (KubernetesClientException e) {
            LOG.debugf("could not count a repeated event %s: %s", event, e.getMessage());
        }
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
