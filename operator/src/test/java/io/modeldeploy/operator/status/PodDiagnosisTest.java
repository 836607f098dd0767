package io.modeldeploy.operator.status;

import org.junit.jupiter.api.Test;

import static io.modeldeploy.operator.status.Pods.INSUFFICIENT_GPU;
import static org.assertj.core.api.Assertions.assertThat;

class PodDiagnosisTest {

    @Test
    void readyPodIsScheduledReadyAndHasNoProblem() {
        PodDiagnosis pod = PodDiagnosis.of(Pods.ready("p"));

        assertThat(pod.scheduled()).isTrue();
        assertThat(pod.ready()).isTrue();
        assertThat(pod.terminating()).isFalse();
        assertThat(pod.problem()).isEmpty();
    }

    @Test
    void podLoadingItsModelIsNotAProblem() {
        assertThat(PodDiagnosis.of(Pods.loading("p")).problem()).isEmpty();
    }

    @Test
    void unschedulablePodKeepsTheSchedulerMessage() {
        PodDiagnosis pod = PodDiagnosis.of(Pods.unschedulable("p", INSUFFICIENT_GPU));

        assertThat(pod.scheduled()).isFalse();
        assertThat(pod.unscheduledMessage()).isEqualTo(INSUFFICIENT_GPU);
        assertThat(pod.problem()).hasValueSatisfying(p -> assertThat(p.reason()).isEqualTo("Unschedulable"));
    }

    @Test
    void errImagePullCountsAsImagePullBackOff() {
        assertThat(PodDiagnosis.of(Pods.waitingWith("p", "ErrImagePull")).problem())
                .hasValueSatisfying(p -> assertThat(p.reason()).isEqualTo("ImagePullBackOff"));
    }

    @Test
    void missingSecretOrConfigIsAContainerConfigError() {
        assertThat(PodDiagnosis.of(Pods.waitingWith("p", "CreateContainerConfigError")).problem())
                .hasValueSatisfying(p -> assertThat(p.reason()).isEqualTo("ContainerConfigError"));
    }

    @Test
    void containerCreatingIsNotAProblem() {
        assertThat(PodDiagnosis.of(Pods.waitingWith("p", "ContainerCreating")).problem()).isEmpty();
    }

    @Test
    void readinessLostAfterTheContainerStartedIsAProblem() {
        assertThat(PodDiagnosis.of(Pods.readinessLost("p")).problem())
                .hasValueSatisfying(p -> assertThat(p.reason()).isEqualTo("ReadinessProbeFailing"));
    }

    @Test
    void terminatingPodIsRecognised() {
        assertThat(PodDiagnosis.of(Pods.terminating(Pods.ready("p"))).terminating()).isTrue();
    }
}
