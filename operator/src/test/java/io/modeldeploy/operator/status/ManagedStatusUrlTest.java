package io.modeldeploy.operator.status;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** status.serviceUrl of a managed target is the OpenAI base, whether the vendor gives a host or a versioned base. */
class ManagedStatusUrlTest {

    @Test
    void aHostGetsV1() {
        assertThat(ManagedStatus.openAiBase("http://10.0.0.5:8000/")).isEqualTo("http://10.0.0.5:8000/v1");
    }

    @Test
    void aVersionedBaseIsKept() {
        assertThat(ManagedStatus.openAiBase("https://qianfan.baidubce.com/v2")).isEqualTo("https://qianfan.baidubce.com/v2");
    }
}
