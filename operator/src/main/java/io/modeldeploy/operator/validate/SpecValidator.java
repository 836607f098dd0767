package io.modeldeploy.operator.validate;

import io.fabric8.kubernetes.api.model.Quantity;
import io.modeldeploy.operator.api.v1alpha1.Adapter;
import io.modeldeploy.operator.api.v1alpha1.Backend;
import io.modeldeploy.operator.api.v1alpha1.Expert;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentSpec;
import io.modeldeploy.operator.api.v1alpha1.QuickStart;
import io.modeldeploy.operator.api.v1alpha1.Resources;
import io.modeldeploy.operator.render.AdapterLocation;
import io.modeldeploy.operator.render.ExpertPodRenderer;
import io.modeldeploy.operator.render.ModelLocation;
import io.modeldeploy.operator.render.ModelDeployments;
import io.modeldeploy.operator.render.MultiNode;
import io.modeldeploy.operator.render.QuickStartPodRenderer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything api.md asks of a spec that the CRD schema cannot say (the 1.20 API server drops CEL
 * rules), checked on every reconcile. Pure: the same spec always gives the same errors.
 */
public final class SpecValidator {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern IMAGE_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    private SpecValidator() {
    }

    public static List<SpecError> validate(ModelDeployment md) {
        List<SpecError> errors = new ArrayList<>();
        checkName(md.getMetadata().getName(), errors);
        ModelDeploymentSpec spec = md.getSpec();
        if (spec == null) {
            errors.add(new SpecError("spec", "is required"));
            return errors;
        }
        if (spec.getModel() == null || blank(spec.getModel().getId())) {
            errors.add(new SpecError("spec.model.id", "is required"));
        } else {
            checkModelUri(md, errors);
        }
        if (spec.getReplicas() != null && spec.getReplicas() < 0) {
            errors.add(new SpecError("spec.replicas", "must be >= 0"));
        }
        int modes = (spec.getQuickStart() != null ? 1 : 0) + (spec.getExpert() != null ? 1 : 0) + (spec.getLora() != null ? 1 : 0);
        if (modes != 1) {
            errors.add(new SpecError("spec", "set exactly one of quickStart, expert or lora (found " + modes + ")"));
        }
        if (spec.getQuickStart() != null) {
            checkQuickStart(md, spec.getQuickStart(), errors);
        }
        if (spec.getExpert() != null) {
            checkExpert(spec.getExpert(), errors);
        }
        if (spec.getLora() != null) {
            if (spec.getLora().getBaseRef() == null || blank(spec.getLora().getBaseRef().getName())) {
                errors.add(new SpecError("spec.lora.baseRef.name", "is required in lora mode"));
            }
            if (spec.getAdapters() == null || spec.getAdapters().isEmpty()) {
                errors.add(new SpecError("spec.adapters", "lora mode needs at least one adapter"));
            }
        }
        checkAdapters(spec.getAdapters(), errors);
        if (spec.getApiKey() != null && spec.getApiKey().getSecretRef() != null
                && blank(spec.getApiKey().getSecretRef().getName())) {
            errors.add(new SpecError("spec.apiKey.secretRef.name", "is required"));
        }
        if (spec.getExposure() != null && spec.getExposure().getIngress() != null) {
            String host = spec.getExposure().getIngress().getHost();
            if (blank(host) || !DNS_NAME.matcher(host).matches()) {
                errors.add(new SpecError("spec.exposure.ingress.host", "'" + host + "' is not a DNS name"));
            }
        }
        return errors;
    }

    /**
     * The API server accepts any DNS subdomain as the resource's name, but the name also becomes the
     * Service's name (a DNS-1035 label) and a label value (at most 63 characters).
     */
    private static void checkName(String name, List<SpecError> errors) {
        if (blank(name) || name.length() > 63 || !DNS_1035_LABEL.matcher(name).matches()) {
            errors.add(new SpecError("metadata.name", "'" + name + "' cannot name the Service: use at most 63 lower case"
                    + " letters, digits and '-', starting with a letter and ending with a letter or digit"));
        }
    }

    /** Multi-node groups: pod names (also DNS hostnames) must fit, and every node holds a share of the model on GPUs. */
    private static void checkMultiNode(ModelDeployment md, Resources res,
                                       List<SpecError> errors) {
        String name = md.getMetadata().getName();
        if (name != null && name.length() > MultiNode.MAX_NAME_LENGTH) {
            errors.add(new SpecError("metadata.name", "multi-node deployments (workers > 1) need a name of at most "
                    + MultiNode.MAX_NAME_LENGTH + " characters: their pod names, which add the group, incarnation and rank,"
                    + " are DNS hostnames"));
        }
        if (res.getGpu() == null || res.getGpu().getCount() == null || res.getGpu().getCount() < 1) {
            errors.add(new SpecError("spec.quickStart.resources.gpu.count", "must be >= 1 when workers > 1:"
                    + " a multi-node instance spreads the model over the GPUs of its nodes"));
        }
        if (md.getSpec().getAdapters() != null) {
            errors.add(new SpecError("spec.adapters", "LoRA adapters are not supported on multi-node instances"
                    + " (workers > 1) by this operator version"));
        }
    }

    private static void checkModelUri(ModelDeployment md, List<SpecError> errors) {
        try {
            ModelLocation.parse(ModelDeployments.modelUri(md));
        } catch (IllegalArgumentException e) {
            errors.add(new SpecError("spec.model.uri", e.getMessage()));
        }
    }

    private static void checkQuickStart(ModelDeployment md, QuickStart qs, List<SpecError> errors) {
        if (qs.getBackend() == null) {
            errors.add(new SpecError("spec.quickStart.backend", "is required (vllm or sglang)"));
        }
        if (blank(qs.getBackendVersion()) || !IMAGE_TAG.matcher(qs.getBackendVersion()).matches()) {
            errors.add(new SpecError("spec.quickStart.backendVersion", "'" + qs.getBackendVersion() + "' is not a valid image tag"));
        }
        if (qs.getBackend() == Backend.SGLANG && ModelDeployments.servedNames(md).size() > 1) {
            errors.add(new SpecError("spec.model.servedNames", "sglang serves exactly one name"));
        }
        try {
            QuickStartPodRenderer.userPort(qs.getBackendArgs());
        } catch (IllegalArgumentException e) {
            errors.add(new SpecError("spec.quickStart.backendArgs", e.getMessage()));
        }
        var res = qs.getResources();
        if (res == null) {
            errors.add(new SpecError("spec.quickStart.resources", "is required"));
            return;
        }
        if (res.getWorkers() != null && res.getWorkers() < 1) {
            errors.add(new SpecError("spec.quickStart.resources.workers", "must be >= 1"));
        } else if (res.getWorkers() != null && res.getWorkers() > 1) {
            switch (ModelDeployments.provider(md)) {
                case InCluster -> checkMultiNode(md, res, errors);
                // Alaya NeW's deployment API takes resource.workers itself.
                case AlayaNeW -> { }
                default -> errors.add(new SpecError("spec.quickStart.resources.workers", ModelDeployments.provider(md)
                        + " publishes no multi-node instances: workers must be 1 on this target"));
            }
        }
        checkQuantity("spec.quickStart.resources.cpu", res.getCpu(), errors);
        checkQuantity("spec.quickStart.resources.memory", res.getMemory(), errors);
        if (res.getGpu() != null) {
            Integer count = res.getGpu().getCount();
            if (count != null && count < 0) {
                errors.add(new SpecError("spec.quickStart.resources.gpu.count", "must be >= 0"));
            }
            if (count != null && count > 0 && blank(res.getGpu().getType())) {
                errors.add(new SpecError("spec.quickStart.resources.gpu.type", "is required when gpu.count > 0"));
            }
        }
    }

    private static void checkExpert(Expert expert, List<SpecError> errors) {
        var template = expert.getTemplate();
        if (template == null || template.getSpec() == null || template.getSpec().getContainers() == null
                || template.getSpec().getContainers().isEmpty()) {
            errors.add(new SpecError("spec.expert.template.spec.containers", "needs at least one container"));
            return;
        }
        int port = ExpertPodRenderer.servingPort(expert);
        if (ExpertPodRenderer.servingContainer(template, port).isEmpty()) {
            errors.add(new SpecError("spec.expert.port", "no container in spec.expert.template declares containerPort " + port));
        }
    }

    private static void checkAdapters(List<Adapter> adapters, List<SpecError> errors) {
        if (adapters == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < adapters.size(); i++) {
            String name = adapters.get(i).getName();
            String field = "spec.adapters[" + i + "].name";
            if (blank(name) || name.length() > 63 || !DNS_LABEL.matcher(name).matches()) {
                errors.add(new SpecError(field, "'" + name + "' is not DNS-safe (lower case letters, digits and '-')"));
            } else if (!seen.add(name)) {
                errors.add(new SpecError(field, "'" + name + "' is listed twice"));
            }
            if (blank(adapters.get(i).getUri())) {
                errors.add(new SpecError("spec.adapters[" + i + "].uri", "is required"));
            } else if (!blank(name)) {
                try {
                    AdapterLocation.of(adapters.get(i));
                } catch (IllegalArgumentException e) {
                    errors.add(new SpecError("spec.adapters[" + i + "].uri", e.getMessage()));
                }
            }
        }
    }

    private static void checkQuantity(String field, String value, List<SpecError> errors) {
        if (value == null) {
            return;
        }
        try {
            if (Quantity.getAmountInBytes(new Quantity(value)).signum() <= 0) {
                errors.add(new SpecError(field, "'" + value + "' must be positive"));
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            errors.add(new SpecError(field, "'" + value + "' is not a Kubernetes quantity"));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
