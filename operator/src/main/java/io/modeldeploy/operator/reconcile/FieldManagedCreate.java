package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.dsl.internal.OperationSupport;

import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * A create (POST) that names its field manager, which the client's own create does not: the fields it sets are then
 * the operator's, and {@link ApplyOwnership} can hand them to its server-side apply.
 */
final class FieldManagedCreate {
    private final KubernetesClient client;
    private final String fieldManager;

    FieldManagedCreate(KubernetesClient client, String fieldManager) {
        this.client = client;
        this.fieldManager = fieldManager;
    }

    /**
     * Creates {@code object}.
     *
     * @return the object as the API server made it; empty when an object of its name exists already, which is left as
     * it is
     */
    <R extends HasMetadata> Optional<R> create(R object) {
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder()
                .url(collectionUrl(object))
                .post("application/json", client.getKubernetesSerialization().asJson(object))
                .build();
        HttpResponse<String> response = send(request);
        if (response.isSuccessful()) {
            @SuppressWarnings("unchecked")
            Class<R> type = (Class<R>) object.getClass();
            return Optional.of(client.getKubernetesSerialization().unmarshal(response.body(), type));
        }
        if (response.code() == HttpURLConnection.HTTP_CONFLICT) {
            return Optional.empty();
        }
        throw OperationSupport.requestFailure(request,
                OperationSupport.createStatus(response, client.getKubernetesSerialization()));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.getHttpClient().sendAsync(request, String.class).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KubernetesClientException.launderThrowable(e);
        } catch (ExecutionException e) {
            throw KubernetesClientException.launderThrowable(e.getCause());
        }
    }

    private URL collectionUrl(HasMetadata object) {
        String apiVersion = object.getApiVersion();
        String path = (apiVersion.contains("/") ? "apis/" : "api/") + apiVersion
                + "/namespaces/" + object.getMetadata().getNamespace() + "/" + HasMetadata.getPlural(object.getClass())
                + "?fieldManager=" + URLEncoder.encode(fieldManager, StandardCharsets.UTF_8);
        try {
            return new URL(client.getMasterUrl(), path);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(path, e);
        }
    }
}
