package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.EventHandler;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.LocalObjectReference;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A change of one deployment wakes the deployments LoRA links it to, and no other. */
class LoraLinksTest {
    private final ModelDeployment base = FlowFixture.loraBase("qwen-base", Phase.Running);
    private final ModelDeployment other = FlowFixture.loraBase("other-base", Phase.Running);
    private final ModelDeployment service = Fixtures.lora();
    private final List<String> woken = new ArrayList<>();
    private final LoraLinks links = new LoraLinks(new FakeContext().withDeployments(base, other, service).getPrimaryCache());

    LoraLinksTest() {
        links.setEventHandler(new EventHandler() {
            @Override
            public void handleEvent(Event event) {
                woken.add(event.getRelatedCustomResourceID().getName());
            }
        });
        links.start();
    }

    @Test
    void aServiceWakesItsBaseAndABaseItsServices() {
        links.onResourceCreated(service);
        assertThat(woken).containsExactly("qwen-base");

        woken.clear();
        links.onResourceUpdated(base, base);
        assertThat(woken).containsExactly(service.getMetadata().getName());

        woken.clear();
        links.onResourceDeleted(other);
        assertThat(woken).isEmpty();
    }

    @Test
    void aServiceMovedToAnotherBaseWakesBoth() {
        ModelDeployment moved = Serialization.clone(service);
        LocalObjectReference ref = new LocalObjectReference();
        ref.setName("other-base");
        moved.getSpec().getLora().setBaseRef(ref);

        links.onResourceUpdated(moved, service);

        assertThat(woken).containsExactlyInAnyOrder("other-base", "qwen-base");
    }
}
