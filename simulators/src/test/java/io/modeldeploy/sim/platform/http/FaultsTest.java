package io.modeldeploy.sim.platform.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultsTest {

    @Test
    void errorsAreConsumedOnePerRequestInOrder() {
        Faults faults = new Faults().failNext(503, 2).throttleNext(1, Duration.ofSeconds(7));

        assertThat(faults.take("get").error()).contains(new Faults.InjectedError(503, Optional.empty()));
        assertThat(faults.take("list").error()).contains(new Faults.InjectedError(503, Optional.empty()));
        assertThat(faults.take("get").error())
                .contains(new Faults.InjectedError(429, Optional.of(Duration.ofSeconds(7))));
        assertThat(faults.take("get").error()).isEmpty();
    }

    @Test
    void anOperationFaultHitsOnlyThatOperation() {
        Faults faults = new Faults().failNext("create", 500, 1);

        assertThat(faults.take("get").error()).isEmpty();
        assertThat(faults.take("create").error()).isPresent();
        assertThat(faults.take("create").error()).isEmpty();
    }

    @Test
    void delaysAddUpWithSlowAnswersAndAreConsumed() {
        Faults faults = new Faults().delayAll(Duration.ofMillis(10)).delayNext(Duration.ofMillis(100), 1);

        Faults.Decision first = faults.take("get");
        assertThat(first.delay()).isEqualTo(Duration.ofMillis(110));
        assertThat(first.error()).as("a delay alone still answers normally").isEmpty();
        assertThat(faults.take("get").delay()).isEqualTo(Duration.ofMillis(10));
        faults.clear();
        assertThat(faults.take("get").delay()).isZero();
    }

    @Test
    void deploymentFaultsByNameStayAndByCountAreConsumed() {
        Faults faults = new Faults().failDeploymentOf("broken").failNextDeployments(1);

        assertThat(faults.deploymentFails("broken")).isTrue();
        assertThat(faults.deploymentFails("broken")).as("by name: every time").isTrue();
        assertThat(faults.deploymentFails("other")).as("the count").isTrue();
        assertThat(faults.deploymentFails("other")).isFalse();
    }

    @Test
    void onlyErrorStatusesCanBeInjected() {
        assertThatThrownBy(() -> new Faults().failNext(200, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStormFailsItsShareOfRequestsRepeatablyForTheSameSeed() {
        Faults first = new Faults().storm(0.3, 503, new java.util.Random(7));
        Faults second = new Faults().storm(0.3, 503, new java.util.Random(7));

        java.util.List<Boolean> failedFirst = java.util.stream.IntStream.range(0, 1000)
                .mapToObj(i -> first.take("get").error().isPresent()).toList();
        java.util.List<Boolean> failedSecond = java.util.stream.IntStream.range(0, 1000)
                .mapToObj(i -> second.take("get").error().isPresent()).toList();

        assertThat(failedFirst).isEqualTo(failedSecond);
        assertThat(failedFirst.stream().filter(f -> f).count()).isBetween(250L, 350L);
        first.clear();
        assertThat(first.take("get").error()).as("cleared").isEmpty();
    }

    @Test
    void aDownVendorAnswersEveryRequestUntilItIsUpAgain() {
        Faults faults = new Faults().down(503);

        assertThat(faults.take("create").error()).contains(new Faults.InjectedError(503, Optional.empty()));
        assertThat(faults.take("get").error()).contains(new Faults.InjectedError(503, Optional.empty()));
        faults.up();
        assertThat(faults.take("get").error()).isEmpty();
        assertThatThrownBy(() -> faults.down(200)).isInstanceOf(IllegalArgumentException.class);
    }
}
