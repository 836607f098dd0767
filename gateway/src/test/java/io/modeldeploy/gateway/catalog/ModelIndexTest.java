package io.modeldeploy.gateway.catalog;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.modeldeploy.gateway.catalog.Deployments.served;
import static org.assertj.core.api.Assertions.assertThat;

class ModelIndexTest {
    private static DeploymentView view(io.modeldeploy.operator.api.v1alpha1.ModelDeployment md) {
        return DeploymentViews.of(md, n -> Optional.empty()).orElseThrow();
    }

    private final DeploymentView chatA = view(served("team-a", "chat", "chat", "chat-alias"));
    private final DeploymentView chatB = view(served("team-b", "chat", "chat"));
    private final DeploymentView qwen = view(served("team-a", "qwen", "Qwen/Qwen2.5-7B"));
    private final ModelIndex index = new ModelIndex(List.of(chatA, chatB, qwen));

    @Test
    void aNameUniqueInTheClusterWorksAsIs() {
        assertThat(index.resolve("chat-alias")).isEqualTo(new Resolution.Found(chatA, "chat-alias"));
    }

    @Test
    void theNamespacedFormAlwaysWorksAndSendsTheBareName() {
        assertThat(index.resolve("team-b/chat")).isEqualTo(new Resolution.Found(chatB, "chat"));
        assertThat(index.resolve("team-a/chat-alias")).isEqualTo(new Resolution.Found(chatA, "chat-alias"));
    }

    @Test
    void aNameInTwoNamespacesIsAmbiguousNamingBoth() {
        assertThat(index.resolve("chat")).isEqualTo(new Resolution.Ambiguous(List.of("team-a/chat", "team-b/chat")));
    }

    @Test
    void aServedNameWithASlashStillResolvesWhenNoNamespaceMatches() {
        assertThat(index.resolve("Qwen/Qwen2.5-7B")).isEqualTo(new Resolution.Found(qwen, "Qwen/Qwen2.5-7B"));
        assertThat(index.resolve("team-a/Qwen/Qwen2.5-7B")).isEqualTo(new Resolution.Found(qwen, "Qwen/Qwen2.5-7B"));
    }

    @Test
    void unknownNamesAndWrongNamespacesAreUnknown() {
        assertThat(index.resolve("nope")).isEqualTo(new Resolution.Unknown());
        assertThat(index.resolve("team-c/chat")).isEqualTo(new Resolution.Unknown());
        assertThat(index.resolve("team-b/chat-alias")).isEqualTo(new Resolution.Unknown());
    }
}
