package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.modeldeploy.operator.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every pod the operator renders meets the Pod Security Standards level of its configured profile. */
class PodSecurityProfileTest {
    private static final RenderSettings BASELINE = Fixtures.settings();
    private static final RenderSettings RESTRICTED = Fixtures.settings().withPodSecurity(PodSecurityProfile.RESTRICTED);

    @Test
    void underBaselineEveryRenderedPodMeetsBaseline() {
        Map<String, PodSpec> pods = RenderedPods.all(BASELINE);

        assertThat(pods).hasSize(8);
        pods.forEach((name, pod) -> assertThat(PodSecurityStandards.violations(pod, PodSecurityStandards.Level.BASELINE))
                .as(name).isEmpty());
    }

    /** Baseline pods run as the image's user (root in the public engine images): restricted would refuse them. */
    @Test
    void baselinePodsAreNotRestricted() {
        assertThat(PodSecurityStandards.violations(RenderedPods.all(BASELINE).get("vllm quickStart"),
                PodSecurityStandards.Level.RESTRICTED)).anyMatch(v -> v.startsWith("runAsNonRoot"));
    }

    @Test
    void underRestrictedEveryRenderedPodMeetsRestricted() {
        RenderedPods.all(RESTRICTED).forEach((name, pod) -> assertThat(PodSecurityStandards.violations(pod,
                PodSecurityStandards.Level.RESTRICTED)).as(name).isEmpty());
    }

    @Test
    void restrictedPodsRunAsANonRootUserWithTheirVolumesGroupAndWriteOnlyOnVolumes() {
        RenderedPods.all(RESTRICTED).forEach((name, pod) -> {
            assertThat(pod.getSecurityContext().getRunAsUser()).as(name).isEqualTo(1000L);
            assertThat(pod.getSecurityContext().getFsGroup()).as(name).isEqualTo(1000L);
            for (Container c : pod.getContainers()) {
                String home = c.getEnv().stream().filter(e -> e.getName().equals("HOME")).map(EnvVar::getValue)
                        .findFirst().orElseThrow(() -> new AssertionError(name + " " + c.getName() + ": no HOME"));
                assertThat(c.getVolumeMounts()).extracting(VolumeMount::getMountPath).as(name + " " + c.getName())
                        .contains(home, "/tmp");
                c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(home) || m.getMountPath().equals("/tmp"))
                        .forEach(m -> assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals(m.getName()))
                                .singleElement().satisfies(v -> assertThat(v.getEmptyDir()).isNotNull()));
            }
        });
    }

    @Test
    void aModelDownloadStillLandsInTheModelVolumeUnderRestricted() {
        PodSpec pod = RenderedPods.all(RESTRICTED).get("vllm quickStart");

        assertThat(pod.getContainers().get(0).getEnv()).extracting(EnvVar::getName).contains("HF_HOME", "HOME");
    }

    /** The checker itself: a test that cannot fail proves nothing. */
    @Test
    void theCheckerFlagsWhatEachLevelForbids() {
        PodSpec hostile = new PodSpecBuilder().withHostNetwork(true)
                .addNewVolume().withName("root").withNewHostPath().withPath("/").endHostPath().endVolume()
                .addNewContainer().withName("c").withNewSecurityContext().withPrivileged(true)
                .withNewCapabilities().addToAdd("SYS_ADMIN").endCapabilities().endSecurityContext()
                .addNewPort().withContainerPort(80).withHostPort(80).endPort().endContainer()
                .build();
        assertThat(PodSecurityStandards.violations(hostile, PodSecurityStandards.Level.BASELINE))
                .anyMatch(v -> v.startsWith("host namespaces")).anyMatch(v -> v.startsWith("hostPath"))
                .anyMatch(v -> v.startsWith("privileged")).anyMatch(v -> v.startsWith("capability SYS_ADMIN"))
                .anyMatch(v -> v.startsWith("host port"));

        PodSpec plain = new PodSpecBuilder().addNewContainer().withName("c").endContainer().build();
        assertThat(PodSecurityStandards.violations(plain, PodSecurityStandards.Level.BASELINE)).isEmpty();
        assertThat(PodSecurityStandards.violations(plain, PodSecurityStandards.Level.RESTRICTED))
                .anyMatch(v -> v.startsWith("allowPrivilegeEscalation")).anyMatch(v -> v.startsWith("runAsNonRoot"))
                .anyMatch(v -> v.startsWith("seccomp")).anyMatch(v -> v.startsWith("capabilities not dropping ALL"));
    }

    @Test
    void profilesAreParsedAndAnUnknownOneIsRefused() {
        assertThat(PodSecurityProfile.parse("Restricted")).isEqualTo(PodSecurityProfile.RESTRICTED);
        assertThat(PodSecurityProfile.parse("baseline")).isEqualTo(PodSecurityProfile.BASELINE);
        assertThatThrownBy(() -> PodSecurityProfile.parse("privileged")).hasMessageContaining("baseline nor restricted");
    }
}
