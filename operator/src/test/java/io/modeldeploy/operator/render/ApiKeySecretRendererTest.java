package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.Secret;
import io.modeldeploy.operator.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import static io.modeldeploy.operator.Fixtures.API_KEY;
import static io.modeldeploy.operator.Fixtures.vllmQuickStart;
import static org.assertj.core.api.Assertions.assertThat;

class ApiKeySecretRendererTest {

    @Test
    void newKeyIsSkPrefixedWith43UrlSafeCharacters() {
        String key = ApiKeySecretRenderer.newApiKey();

        assertThat(key).startsWith("sk-").hasSize(3 + 43);
        assertThat(key.substring(3)).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void newKeysAreRandom() {
        Set<String> keys = new HashSet<>();
        IntStream.range(0, 100).forEach(i -> keys.add(ApiKeySecretRenderer.newApiKey()));

        assertThat(keys).hasSize(100);
    }

    @Test
    void secretIsNamedAfterTheResourceAndHoldsTheKeyBase64EncodedUnderApiKey() {
        Secret secret = ApiKeySecretRenderer.render(Fixtures.resolve(vllmQuickStart()), API_KEY);

        assertThat(secret.getMetadata().getName()).isEqualTo("qwen-chat-api-key");
        assertThat(secret.getMetadata().getNamespace()).isEqualTo("team-a");
        assertThat(secret.getType()).isEqualTo("Opaque");
        assertThat(secret.getData()).containsOnlyKeys("apiKey");
        assertThat(new String(Base64.getDecoder().decode(secret.getData().get("apiKey")), StandardCharsets.UTF_8))
                .isEqualTo(API_KEY);
    }

    @Test
    void secretIsOwnedByTheModelDeploymentAndLabelled() {
        Secret secret = ApiKeySecretRenderer.render(Fixtures.resolve(vllmQuickStart()), API_KEY);

        assertThat(secret.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getUid()).isEqualTo(Fixtures.UID);
            assertThat(o.getController()).isTrue();
        });
        assertThat(secret.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "modeldeploy-operator")
                .containsEntry("app.kubernetes.io/component", "api-key");
    }

    @Test
    void digestIsStable() {
        assertThat(ApiKeySecretRenderer.digest(API_KEY)).isEqualTo(ApiKeySecretRenderer.digest(API_KEY));
    }

    @Test
    void digestIsSixteenHexCharacters() {
        assertThat(ApiKeySecretRenderer.digest(API_KEY)).matches("[0-9a-f]{16}");
    }

    @Test
    void digestDiffersForDifferentKeys() {
        assertThat(ApiKeySecretRenderer.digest("sk-one")).isNotEqualTo(ApiKeySecretRenderer.digest("sk-two"));
    }

    @Test
    void digestDoesNotContainTheKey() {
        String key = ApiKeySecretRenderer.newApiKey();
        String digest = ApiKeySecretRenderer.digest(key);

        assertThat(digest).doesNotContain(key).doesNotContain(key.substring(3, 3 + 16));
    }
}
