package io.modeldeploy.e2e.support;

import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A kubeconfig like the admin's (same server and CA) that authenticates as a ServiceAccount, with a token the API
 * server issues for it: a process run with it has exactly that account's RBAC, as in a pod.
 */
public final class ServiceAccountKubeconfig {
    private ServiceAccountKubeconfig() {
    }

    public static Path write(KubernetesClient admin, String namespace, String serviceAccount, Path file) {
        String token = admin.serviceAccounts().inNamespace(namespace).withName(serviceAccount)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
        Config adminConfig = admin.getConfiguration();
        try {
            String ca = adminConfig.getCaCertData() != null ? adminConfig.getCaCertData()
                    : java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(adminConfig.getCaCertFile())));
            Files.writeString(file, """
                    apiVersion: v1
                    kind: Config
                    clusters: [{name: local, cluster: {server: %s, certificate-authority-data: %s}}]
                    users: [{name: %s, user: {token: %s}}]
                    contexts: [{name: local, context: {cluster: local, user: %s, namespace: %s}}]
                    current-context: local
                    """.formatted(adminConfig.getMasterUrl(), ca, serviceAccount, token, serviceAccount, namespace));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
