package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.modeldeploy.operator.api.gateway.PublishedKey;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.deployment.ApiKeySource;
import io.modeldeploy.operator.validate.DeploymentResolver;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which published key copies no deployment names any more: a deleted deployment's, or the old Secret of one whose
 * spec.apiKey changed. A copy stays while any live deployment of its source namespace names its Secret and field.
 */
final class PublishedKeySweep {
    private PublishedKeySweep() {
    }

    /**
     * @param watched the namespaces this operator sees; a copy from any other is never judged (its deployments are
     *                invisible here, not gone)
     */
    static List<Secret> orphans(Collection<Secret> published, Collection<ModelDeployment> deployments,
                                Predicate<String> watched) {
        Set<String> named = deployments.stream()
                .filter(md -> md.getMetadata().getDeletionTimestamp() == null)
                .map(md -> {
                    ApiKeySource key = DeploymentResolver.apiKeySourceOf(md);
                    return source(md.getMetadata().getNamespace(), key.secretName(), key.key());
                })
                .collect(Collectors.toSet());
        return published.stream().filter(copy -> {
            Map<String, String> a = copy.getMetadata().getAnnotations() == null ? Map.of()
                    : copy.getMetadata().getAnnotations();
            String namespace = a.get(PublishedKey.SOURCE_NAMESPACE);
            if (namespace == null || !watched.test(namespace)) {
                return false;
            }
            return !named.contains(source(namespace, a.get(PublishedKey.SOURCE_SECRET), a.get(PublishedKey.SOURCE_KEY)));
        }).toList();
    }

    static String source(String namespace, String secret, String field) {
        return namespace + "/" + secret + "/" + field;
    }
}
