package io.modeldeploy.gateway.hold;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class DemandGenerationTest {
    private final DemandGeneration generation = new DemandGeneration();
    private final AtomicInteger woken = new AtomicInteger();

    @Test
    void aWaiterOnTheCurrentValueIsWokenByTheNextBumpOnce() {
        generation.onChange(0, woken::incrementAndGet);
        assertThat(woken).hasValue(0);

        generation.bump();
        generation.bump();

        assertThat(woken).hasValue(1);
        assertThat(generation.value()).isEqualTo(2);
    }

    @Test
    void aWaiterOnAnOlderOrUnknownValueRunsAtOnce() {
        generation.bump();
        generation.onChange(0, woken::incrementAndGet);
        generation.onChange(7, woken::incrementAndGet);

        assertThat(woken).hasValue(2);
    }

    @Test
    void aCancelledWaiterIsNotWoken() {
        Runnable cancel = generation.onChange(0, woken::incrementAndGet);
        cancel.run();

        generation.bump();

        assertThat(woken).hasValue(0);
    }
}
