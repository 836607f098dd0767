package io.modeldeploy.sim.node;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a container's environment the way the kubelet does: literal values with {@code $(VAR)}
 * expansion, Secret and ConfigMap references (read from the API server), the downward API, and
 * {@code envFrom}. A missing non-optional reference fails like the kubelet's CreateContainerConfigError.
 */
final class ContainerEnvironment {
    private static final Pattern VAR_REF = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)");
    private static final Pattern FIELD_MAP_KEY = Pattern.compile("metadata\\.(labels|annotations)\\['(.+)'\\]");

    static final class ConfigError extends Exception {
        ConfigError(String message) {
            super(message);
        }
    }

    private final KubernetesClient client;

    ContainerEnvironment(KubernetesClient client) {
        this.client = client;
    }

    Map<String, String> resolve(Pod pod, Container container, String podIp) throws ConfigError {
        String namespace = pod.getMetadata().getNamespace();
        Map<String, String> env = new LinkedHashMap<>();
        if (container.getEnvFrom() != null) {
            for (EnvFromSource from : container.getEnvFrom()) {
                String prefix = from.getPrefix() == null ? "" : from.getPrefix();
                if (from.getSecretRef() != null) {
                    Secret secret = secret(namespace, from.getSecretRef().getName(), isTrue(from.getSecretRef().getOptional()));
                    if (secret != null) {
                        decoded(secret).forEach((k, v) -> env.put(prefix + k, v));
                    }
                }
                if (from.getConfigMapRef() != null) {
                    ConfigMap cm = configMap(namespace, from.getConfigMapRef().getName(), isTrue(from.getConfigMapRef().getOptional()));
                    if (cm != null && cm.getData() != null) {
                        cm.getData().forEach((k, v) -> env.put(prefix + k, v));
                    }
                }
            }
        }
        if (container.getEnv() != null) {
            for (EnvVar var : container.getEnv()) {
                String value = var.getValueFrom() == null
                        ? expand(var.getValue() == null ? "" : var.getValue(), env)
                        : valueFrom(pod, var.getName(), var.getValueFrom(), podIp);
                if (value != null) {
                    env.put(var.getName(), value);
                }
            }
        }
        return env;
    }

    /** Expands {@code $(VAR)} in command and args as the kubelet does; unknown references stay literal. */
    static List<String> expandAll(List<String> values, Map<String, String> env) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            values.forEach(v -> out.add(expand(v, env)));
        }
        return out;
    }

    static String expand(String value, Map<String, String> env) {
        Matcher m = VAR_REF.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String replacement = env.getOrDefault(m.group(1), m.group(0));
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private String valueFrom(Pod pod, String name, EnvVarSource source, String podIp) throws ConfigError {
        String namespace = pod.getMetadata().getNamespace();
        if (source.getSecretKeyRef() != null) {
            var ref = source.getSecretKeyRef();
            Secret secret = secret(namespace, ref.getName(), isTrue(ref.getOptional()));
            String value = secret == null ? null : decoded(secret).get(ref.getKey());
            if (value == null && secret != null && !isTrue(ref.getOptional())) {
                throw new ConfigError("couldn't find key " + ref.getKey() + " in Secret " + namespace + "/" + ref.getName());
            }
            return value;
        }
        if (source.getConfigMapKeyRef() != null) {
            var ref = source.getConfigMapKeyRef();
            ConfigMap cm = configMap(namespace, ref.getName(), isTrue(ref.getOptional()));
            String value = cm == null || cm.getData() == null ? null : cm.getData().get(ref.getKey());
            if (value == null && cm != null && !isTrue(ref.getOptional())) {
                throw new ConfigError("couldn't find key " + ref.getKey() + " in ConfigMap " + namespace + "/" + ref.getName());
            }
            return value;
        }
        if (source.getFieldRef() != null) {
            return fieldValue(pod, source.getFieldRef().getFieldPath(), podIp);
        }
        throw new ConfigError("env " + name + ": this simulator resolves secretKeyRef, configMapKeyRef and fieldRef only");
    }

    private static String fieldValue(Pod pod, String path, String podIp) throws ConfigError {
        switch (path) {
            case "metadata.name": return pod.getMetadata().getName();
            case "metadata.namespace": return pod.getMetadata().getNamespace();
            case "metadata.uid": return pod.getMetadata().getUid();
            case "spec.nodeName": return pod.getSpec().getNodeName();
            case "spec.serviceAccountName": return pod.getSpec().getServiceAccountName();
            case "status.podIP": return podIp;
            case "status.hostIP": return pod.getStatus() == null ? null : pod.getStatus().getHostIP();
            default:
                Matcher m = FIELD_MAP_KEY.matcher(path);
                if (m.matches()) {
                    Map<String, String> map = "labels".equals(m.group(1))
                            ? pod.getMetadata().getLabels() : pod.getMetadata().getAnnotations();
                    return map == null ? "" : map.getOrDefault(m.group(2), "");
                }
                throw new ConfigError("unsupported fieldRef " + path);
        }
    }

    private Secret secret(String namespace, String name, boolean optional) throws ConfigError {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null && !optional) {
            throw new ConfigError("secret \"" + name + "\" not found");
        }
        return secret;
    }

    private ConfigMap configMap(String namespace, String name, boolean optional) throws ConfigError {
        ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
        if (cm == null && !optional) {
            throw new ConfigError("configmap \"" + name + "\" not found");
        }
        return cm;
    }

    private static Map<String, String> decoded(Secret secret) {
        Map<String, String> out = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            out.putAll(secret.getStringData());
        }
        return out;
    }

    private static boolean isTrue(Boolean b) {
        return Boolean.TRUE.equals(b);
    }
}
