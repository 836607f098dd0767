package io.modeldeploy.operator.validate;

import io.modeldeploy.operator.api.v1alpha1.LocalObjectReference;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentSpec;
import io.modeldeploy.operator.api.v1alpha1.SchemaRules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The CRD schema's string rules ({@link SchemaRules}), checked again: a CRD from an older chart, or an object
 * stored before the rules, reaches the operator without them, and must still end in InvalidSpec rather than in
 * an object the API server refuses halfway through a reconcile. Only what the resolver does not check elsewhere.
 */
final class SchemaChecks {
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(SchemaRules.DNS_SUBDOMAIN);
    private static final Pattern SECRET_KEY = Pattern.compile(SchemaRules.SECRET_KEY);
    private static final Pattern ENDPOINT = Pattern.compile(SchemaRules.ENDPOINT);
    private static final Pattern HTTP_PATH = Pattern.compile(SchemaRules.HTTP_PATH);

    private SchemaChecks() {
    }

    static List<SpecError> check(ModelDeploymentSpec spec) {
        List<SpecError> errors = new ArrayList<>();
        if (spec.getModel() != null) {
            tooLong("spec.model.id", spec.getModel().getId(), SchemaRules.MAX_TEXT_LENGTH, errors);
            tooLong("spec.model.uri", spec.getModel().getUri(), SchemaRules.MAX_URI_LENGTH, errors);
            list("spec.model.servedNames", spec.getModel().getServedNames(), SchemaRules.MAX_TEXT_LENGTH, errors);
        }
        if (spec.getTarget() != null) {
            matches("spec.target.endpoint", spec.getTarget().getEndpoint(), ENDPOINT, SchemaRules.MAX_URI_LENGTH,
                    "is not an http:// or https:// base URL without user info, query or fragment", errors);
            objectName("spec.target.credentialsSecretRef.name", spec.getTarget().getCredentialsSecretRef(), errors);
        }
        if (spec.getApiKey() != null && spec.getApiKey().getSecretRef() != null) {
            var ref = spec.getApiKey().getSecretRef();
            matches("spec.apiKey.secretRef.name", ref.getName(), DNS_SUBDOMAIN, SchemaRules.MAX_SUBDOMAIN_LENGTH,
                    "is not a Secret name", errors);
            matches("spec.apiKey.secretRef.key", ref.getKey(), SECRET_KEY, SchemaRules.MAX_SUBDOMAIN_LENGTH,
                    "is not a Secret key (letters, digits, '-', '_' and '.')", errors);
        }
        if (spec.getLora() != null) {
            objectName("spec.lora.baseRef.name", spec.getLora().getBaseRef(), errors);
        }
        if (spec.getQuickStart() != null) {
            list("spec.quickStart.backendArgs", spec.getQuickStart().getBackendArgs(), SchemaRules.MAX_ARG_LENGTH, errors);
        }
        if (spec.getExpert() != null) {
            matches("spec.expert.healthPath", spec.getExpert().getHealthPath(), HTTP_PATH, SchemaRules.MAX_URI_LENGTH,
                    "is not an HTTP path starting with '/'", errors);
        }
        if (spec.getAdapters() != null) {
            if (spec.getAdapters().size() > SchemaRules.MAX_LIST_ITEMS) {
                errors.add(new SpecError("spec.adapters", "has " + spec.getAdapters().size() + " items; at most "
                        + SchemaRules.MAX_LIST_ITEMS + " are allowed"));
            }
            for (int i = 0; i < spec.getAdapters().size(); i++) {
                var adapter = spec.getAdapters().get(i);
                tooLong("spec.adapters[" + i + "].uri", adapter == null ? null : adapter.getUri(),
                        SchemaRules.MAX_URI_LENGTH, errors);
            }
        }
        if (spec.getExposure() != null && spec.getExposure().getIngress() != null) {
            var ingress = spec.getExposure().getIngress();
            tooLong("spec.exposure.ingress.host", ingress.getHost(), SchemaRules.MAX_SUBDOMAIN_LENGTH, errors);
            tooLong("spec.exposure.ingress.className", ingress.getClassName(), SchemaRules.MAX_SUBDOMAIN_LENGTH, errors);
            matches("spec.exposure.ingress.tlsSecretName", ingress.getTlsSecretName(), DNS_SUBDOMAIN,
                    SchemaRules.MAX_SUBDOMAIN_LENGTH, "is not a Secret name", errors);
        }
        return errors;
    }

    private static void objectName(String field, LocalObjectReference ref, List<SpecError> errors) {
        // A missing or blank name is reported where the reference is used, as "is required".
        if (ref != null && ref.getName() != null && !ref.getName().isBlank()) {
            matches(field, ref.getName(), DNS_SUBDOMAIN, SchemaRules.MAX_SUBDOMAIN_LENGTH,
                    "is not an object name (lower case letters, digits, '-' and '.')", errors);
        }
    }

    private static void matches(String field, String value, Pattern pattern, int maxLength, String why,
                                List<SpecError> errors) {
        if (value == null) {
            return;
        }
        if (value.length() > maxLength) {
            errors.add(tooLong(field, value, maxLength));
        } else if (!pattern.matcher(value).matches()) {
            errors.add(new SpecError(field, "'" + value + "' " + why));
        }
    }

    private static void list(String field, List<String> values, int maxLength, List<SpecError> errors) {
        if (values == null) {
            return;
        }
        if (values.size() > SchemaRules.MAX_LIST_ITEMS) {
            errors.add(new SpecError(field, "has " + values.size() + " items; at most " + SchemaRules.MAX_LIST_ITEMS
                    + " are allowed"));
        }
        for (int i = 0; i < values.size(); i++) {
            tooLong(field + "[" + i + "]", values.get(i), maxLength, errors);
        }
    }

    private static void tooLong(String field, String value, int maxLength, List<SpecError> errors) {
        if (value != null && value.length() > maxLength) {
            errors.add(tooLong(field, value, maxLength));
        }
    }

    /** The value is not quoted back: it is long by definition. */
    private static SpecError tooLong(String field, String value, int maxLength) {
        return new SpecError(field, "is " + value.length() + " characters long; at most " + maxLength + " are allowed");
    }
}
