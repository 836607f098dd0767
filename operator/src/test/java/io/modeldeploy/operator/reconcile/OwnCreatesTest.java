package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.modeldeploy.operator.deployment.Labels;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Each create reaches the informer of its type, and only when that informer runs and watches such objects. */
class OwnCreatesTest {
    private final OwnCreates creates = new OwnCreates();
    private final List<ResourceID> secrets = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);

    OwnCreatesTest() {
        creates.<Secret>follow(Secret.class, running::get, (id, secret) -> secrets.add(id));
    }

    @Test
    void aCreatedObjectReachesTheInformerOfItsType() {
        creates.created(secret("key", true));
        creates.created(new ConfigMapBuilder().withNewMetadata().withName("other").withNamespace("team")
                .addToLabels(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE).endMetadata().build());

        assertThat(secrets).containsExactly(new ResourceID("key", "team"));
    }

    @Test
    void anObjectTheInformerDoesNotWatchIsNotHandedToIt() {
        creates.created(secret("unlabelled", false));

        assertThat(secrets).isEmpty();
    }

    @Test
    void anInformerThatIsNotRunningIsLeftAlone() {
        running.set(false);
        creates.created(secret("key", true));

        assertThat(secrets).isEmpty();
    }

    @Test
    void aTypeWithoutInformerIsIgnored() {
        ConfigMap unfollowed = new ConfigMapBuilder().withNewMetadata().withName("c").withNamespace("team").endMetadata()
                .build();

        creates.created(unfollowed);

        assertThat(secrets).isEmpty();
    }

    private static Secret secret(String name, boolean managed) {
        SecretBuilder secret = new SecretBuilder().withNewMetadata().withName(name).withNamespace("team").endMetadata();
        if (managed) {
            secret.editMetadata().addToLabels(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE).endMetadata();
        }
        return secret.build();
    }
}
