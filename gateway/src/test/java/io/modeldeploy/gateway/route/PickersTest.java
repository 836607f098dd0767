package io.modeldeploy.gateway.route;

import io.modeldeploy.gateway.catalog.Instance;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PickersTest {
    private static final List<Instance> THREE = IntStream.range(0, 3)
            .mapToObj(i -> new Instance("ns", "pod-" + i, "127.0.0." + i, 8000)).toList();

    private final Random random = new Random(42);
    private final LeastInFlight least = new LeastInFlight(random::nextInt);

    @Test
    void leastInFlightTakesTheLeastLoaded() {
        Map<String, Integer> load = Map.of("ns/pod-0", 3, "ns/pod-1", 1, "ns/pod-2", 2);
        assertThat(least.pick(THREE, "", i -> load.get(i.key()))).contains(THREE.get(1));
    }

    @Test
    void leastInFlightBreaksTiesAtRandomOverAllTiedInstances() {
        Set<String> chosen = new HashSet<>();
        for (int n = 0; n < 200; n++) {
            least.pick(THREE, "", i -> i.id().equals("pod-2") ? 5 : 0).ifPresent(i -> chosen.add(i.id()));
        }
        assertThat(chosen).containsExactlyInAnyOrder("pod-0", "pod-1");
    }

    @Test
    void prefixHashKeepsAPrefixOnOneInstanceWhileLoadIsBalanced() {
        PrefixHash hash = new PrefixHash(1.25, least);
        Instance first = hash.pick(THREE, "system: you are a SQL expert", i -> 0).orElseThrow();
        for (int n = 0; n < 20; n++) {
            assertThat(hash.pick(THREE, "system: you are a SQL expert", i -> 1)).contains(first);
        }
    }

    @Test
    void prefixHashSpreadsDifferentPrefixes() {
        PrefixHash hash = new PrefixHash(1.25, least);
        Map<String, Integer> counts = new HashMap<>();
        for (int n = 0; n < 300; n++) {
            counts.merge(hash.pick(THREE, "prompt number " + n, i -> 0).orElseThrow().id(), 1, Integer::sum);
        }
        assertThat(counts).hasSize(3);
        assertThat(counts.values()).allMatch(c -> c > 50);
    }

    @Test
    void aHotPrefixMovesOnOnceItsInstanceCarriesMoreThanTheBound() {
        PrefixHash hash = new PrefixHash(1.25, least);
        Instance home = hash.pick(THREE, "hot", i -> 0).orElseThrow();
        // home has 4 in flight, the others 0: the bound is ceil(1.25 * 5 / 3) = 3, so home is full.
        Instance moved = hash.pick(THREE, "hot", i -> i.equals(home) ? 4 : 0).orElseThrow();
        assertThat(moved).isNotEqualTo(home);
    }

    @Test
    void removingAnInstanceMovesOnlyThePrefixesItHeld() {
        PrefixHash hash = new PrefixHash(1.25, least);
        List<Instance> two = THREE.subList(0, 2);
        int moved = 0;
        for (int n = 0; n < 300; n++) {
            Instance before = hash.pick(THREE, "p" + n, i -> 0).orElseThrow();
            Instance after = hash.pick(two, "p" + n, i -> 0).orElseThrow();
            if (!before.equals(THREE.get(2)) && !before.equals(after)) {
                moved++;
            }
        }
        assertThat(moved).isZero();
    }

    @Test
    void theLoadFactorCannotBeBelowOne() {
        assertThatThrownBy(() -> new PrefixHash(0.9, least)).isInstanceOf(IllegalArgumentException.class);
    }
}
