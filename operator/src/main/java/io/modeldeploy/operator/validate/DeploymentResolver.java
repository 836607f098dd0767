package io.modeldeploy.operator.validate;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.modeldeploy.operator.api.v1alpha1.Adapter;
import io.modeldeploy.operator.api.v1alpha1.Backend;
import io.modeldeploy.operator.api.v1alpha1.DeletionPolicy;
import io.modeldeploy.operator.api.v1alpha1.Expert;
import io.modeldeploy.operator.api.v1alpha1.Mode;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentSpec;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.api.v1alpha1.QuickStart;
import io.modeldeploy.operator.api.v1alpha1.Resources;
import io.modeldeploy.operator.api.v1alpha1.SchemaRules;
import io.modeldeploy.operator.api.v1alpha1.Target;
import io.modeldeploy.operator.deployment.AdapterLocation;
import io.modeldeploy.operator.deployment.ApiKeySource;
import io.modeldeploy.operator.deployment.AutoscalePolicy;
import io.modeldeploy.operator.deployment.ComputeResources;
import io.modeldeploy.operator.deployment.DeploymentRef;
import io.modeldeploy.operator.deployment.IngressSpec;
import io.modeldeploy.operator.deployment.ModelLocation;
import io.modeldeploy.operator.deployment.Names;
import io.modeldeploy.operator.deployment.Placement;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.deployment.ResolvedModel;
import io.modeldeploy.operator.deployment.Workload;
import io.modeldeploy.operator.engine.Engine;
import io.modeldeploy.operator.engine.Engines;
import io.modeldeploy.operator.provider.AppliedSpec;
import io.modeldeploy.operator.provider.EndpointRefused;
import io.modeldeploy.operator.provider.Providers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses a ModelDeployment once: either every field error api.md and the engines ask for (the 1.20 API
 * server drops CEL rules, so the CRD schema cannot say them), or the {@link ResolvedDeployment} the rest of
 * the operator reads. Pure: the same resource always resolves the same way.
 */
public final class DeploymentResolver {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern IMAGE_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final int DEFAULT_EXPERT_PORT = 8000;

    private static final Pattern QUANTITY = Pattern.compile(SchemaRules.QUANTITY);

    private final Providers providers;
    private final TenantPolicy policy;
    private final boolean multiNodeEnabled;
    private final SpecLimits limits;
    private final AutoscalingRules autoscalingRules;

    /** A resolver that allows a tenant's expert template nothing beyond a plain pod. */
    public DeploymentResolver(Providers providers) {
        this(providers, TenantPolicy.STRICT);
    }

    public DeploymentResolver(Providers providers, TenantPolicy policy) {
        this(providers, policy, true);
    }

    /** @param multiNodeEnabled false: the installation gave the operator no pod rights, so workers > 1 is refused */
    public DeploymentResolver(Providers providers, TenantPolicy policy, boolean multiNodeEnabled) {
        this(providers, policy, multiNodeEnabled, SpecLimits.DEFAULT);
    }

    /** @param limits how much one deployment may ask for in this installation */
    public DeploymentResolver(Providers providers, TenantPolicy policy, boolean multiNodeEnabled, SpecLimits limits) {
        this.providers = providers;
        this.policy = policy;
        this.multiNodeEnabled = multiNodeEnabled;
        this.limits = limits;
        this.autoscalingRules = new AutoscalingRules(providers, limits);
    }

    public Resolution resolve(ModelDeployment md) {
        List<SpecError> errors = new ArrayList<>();
        checkName(md.getMetadata().getName(), errors);
        ModelDeploymentSpec spec = md.getSpec();
        if (spec == null) {
            errors.add(new SpecError("spec", "is required"));
            return new Resolution.Invalid(errors, Optional.empty());
        }
        Optional<Mode> mode = mode(spec);
        ResolvedModel model = model(md, errors);
        if (spec.getReplicas() != null && spec.getReplicas() < 0) {
            errors.add(new SpecError("spec.replicas", "must be >= 0"));
        }
        errors.addAll(limits.check(spec));
        errors.addAll(SchemaChecks.check(spec));
        int modes = (spec.getQuickStart() != null ? 1 : 0) + (spec.getExpert() != null ? 1 : 0) + (spec.getLora() != null ? 1 : 0);
        if (modes != 1) {
            errors.add(new SpecError("spec", "set exactly one of quickStart, expert or lora (found " + modes + ")"));
        }
        Placement placement = placement(spec.getTarget());
        checkEndpoint(placement, errors);
        Workload workload = null;
        if (spec.getQuickStart() != null) {
            workload = quickStart(md, spec.getQuickStart(), placement, model, errors);
        }
        if (spec.getExpert() != null) {
            workload = expert(spec.getExpert(), policy, errors);
        }
        if (spec.getLora() != null) {
            workload = loraService(spec, errors);
        }
        List<AdapterLocation> adapters = adapters(spec.getAdapters(), errors);
        ApiKeySource apiKey = apiKey(md, errors);
        Optional<IngressSpec> ingress = ingress(spec, errors);
        Optional<AutoscalePolicy> autoscaling = autoscalingRules.resolve(spec, placement, errors);
        if (!errors.isEmpty()) {
            return new Resolution.Invalid(errors, mode);
        }
        return new Resolution.Valid(new ResolvedDeployment(DeploymentRef.of(md), mode.orElseThrow(), placement, model,
                workload, adapters, spec.getAdapters() != null && spec.getLora() == null,
                spec.getReplicas() == null ? 1 : spec.getReplicas(), Boolean.TRUE.equals(spec.getStopped()),
                apiKey, ingress,
                // Only a managed target needs it; a digest serialises the whole spec.
                placement instanceof Placement.Managed ? Optional.of(AppliedSpec.digest(spec)) : Optional.empty(),
                autoscaling, Optional.empty()));
    }

    private static Optional<Mode> mode(ModelDeploymentSpec spec) {
        if (spec.getQuickStart() != null) {
            return Optional.of(Mode.QuickStart);
        }
        if (spec.getExpert() != null) {
            return Optional.of(Mode.Expert);
        }
        return spec.getLora() != null ? Optional.of(Mode.LoRA) : Optional.empty();
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

    private static ResolvedModel model(ModelDeployment md, List<SpecError> errors) {
        var source = md.getSpec().getModel();
        if (source == null || blank(source.getId())) {
            errors.add(new SpecError("spec.model.id", "is required"));
            return null;
        }
        String uri = blank(source.getUri()) ? "hf://" + source.getId() : source.getUri();
        List<String> served = source.getServedNames() == null || source.getServedNames().isEmpty()
                ? List.of(md.getMetadata().getName()) : source.getServedNames();
        try {
            return new ResolvedModel(source.getId(), uri, ModelLocation.parse(uri), served);
        } catch (IllegalArgumentException e) {
            errors.add(new SpecError("spec.model.uri", e.getMessage()));
            return null;
        }
    }

    /**
     * Where a ModelDeployment runs, from spec.target alone: what its deletion needs, even when the rest of
     * its spec no longer resolves.
     */
    public static Placement placementOf(ModelDeployment md) {
        return placement(md.getSpec() == null ? null : md.getSpec().getTarget());
    }

    private static Placement placement(Target target) {
        if (target == null || target.getProvider() == null || target.getProvider() == Provider.InCluster) {
            return new Placement.InCluster();
        }
        return new Placement.Managed(target.getProvider(), Optional.ofNullable(target.getEndpoint()).filter(e -> !e.isBlank()),
                Optional.ofNullable(target.getCredentialsSecretRef()).map(r -> r.getName()).filter(n -> !blank(n)),
                target.getDeletionPolicy() == null ? DeletionPolicy.Delete : target.getDeletionPolicy(),
                target.optionsFor(target.getProvider()));
    }

    /**
     * Credentials go only where the installation allows (tenancy.md): checked here, before any Secret is read.
     * A provider this operator does not implement is its flow's to report.
     */
    private void checkEndpoint(Placement placement, List<SpecError> errors) {
        if (errors.stream().anyMatch(e -> e.field().equals("spec.target.endpoint"))) {
            return; // no URL the schema refuses is worth a second message about where URLs may go
        }
        if (placement instanceof Placement.Managed managed && providers.of(managed.provider()).isPresent()) {
            try {
                providers.apiBase(managed.provider(), managed.endpoint());
            } catch (EndpointRefused e) {
                errors.add(new SpecError("spec.target.endpoint", e.getMessage()));
            }
        }
    }

    private Workload quickStart(ModelDeployment md, QuickStart qs, Placement placement, ResolvedModel model,
                                List<SpecError> errors) {
        Engine engine = qs.getBackend() == null ? null : Engines.of(qs.getBackend());
        if (engine == null) {
            errors.add(new SpecError("spec.quickStart.backend", "is required (" + Arrays.stream(Backend.values())
                    .map(Backend::id).collect(Collectors.joining(" or ")) + ")"));
        }
        if (blank(qs.getBackendVersion()) || !IMAGE_TAG.matcher(qs.getBackendVersion()).matches()) {
            errors.add(new SpecError("spec.quickStart.backendVersion", "'" + qs.getBackendVersion() + "' is not a valid image tag"));
        }
        if (engine != null && model != null) {
            engine.servedNamesProblem(model.servedNames())
                    .ifPresent(problem -> errors.add(new SpecError("spec.model.servedNames", problem)));
        }
        if (engine != null && md.getSpec().getAdapters() != null) {
            engine.adaptersProblem(qs.getBackendVersion())
                    .ifPresent(problem -> errors.add(new SpecError("spec.adapters", problem)));
        }
        checkBackendArgs(qs.getBackendArgs(), errors);
        Integer port = null;
        try {
            var userPort = UserPort.of(qs.getBackendArgs());
            if (userPort.isPresent()) {
                port = userPort.getAsInt();
            } else if (engine != null) {
                port = engine.defaultPort();
            }
        } catch (IllegalArgumentException e) {
            errors.add(new SpecError("spec.quickStart.backendArgs", e.getMessage()));
        }
        Resources res = qs.getResources();
        if (res == null) {
            errors.add(new SpecError("spec.quickStart.resources", "is required"));
            return null;
        }
        int workers = res.getWorkers() == null ? 1 : res.getWorkers();
        if (workers < 1) {
            errors.add(new SpecError("spec.quickStart.resources.workers", "must be >= 1"));
        } else if (workers > 1) {
            checkWorkers(md, res, placement, errors);
        }
        checkQuantity("spec.quickStart.resources.cpu", res.getCpu(), errors);
        checkQuantity("spec.quickStart.resources.memory", res.getMemory(), errors);
        int gpuCount = 0;
        Optional<String> gpuType = Optional.empty();
        if (res.getGpu() != null) {
            Integer count = res.getGpu().getCount();
            if (count != null && count < 0) {
                errors.add(new SpecError("spec.quickStart.resources.gpu.count", "must be >= 0"));
            }
            if (count != null && count > 0 && blank(res.getGpu().getType())) {
                errors.add(new SpecError("spec.quickStart.resources.gpu.type", "is required when gpu.count > 0"));
            }
            String type = res.getGpu().getType();
            if (!blank(type) && (type.length() > 63 || !LABEL_VALUE.matcher(type).matches())) {
                // Types outside the GPU catalog select nodes by this value as a label value.
                errors.add(new SpecError("spec.quickStart.resources.gpu.type", "'" + type + "' is not a valid label value"
                        + " (at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit)"));
            }
            gpuCount = count == null ? 0 : count;
            gpuType = Optional.ofNullable(res.getGpu().getType()).filter(t -> !t.isBlank());
        }
        if (engine == null || port == null) {
            return null;
        }
        return new Workload.QuickStart(engine.backend(), qs.getBackendVersion(),
                qs.getBackendArgs() == null ? List.of() : qs.getBackendArgs(),
                new ComputeResources(Optional.ofNullable(res.getCpu()), Optional.ofNullable(res.getMemory()), gpuType,
                        gpuCount, workers), port);
    }

    /**
     * The API key reaches the engine from its Secret only: a flag that sets it, or an expansion that could print
     * it ({@code $(VAR)} is expanded by the kubelet in args), would put it on the command line.
     */
    private static void checkBackendArgs(List<String> args, List<SpecError> errors) {
        for (String arg : args == null ? List.<String>of() : args) {
            if (arg == null) {
                continue;
            }
            if (arg.equals("--api-key") || arg.startsWith("--api-key=")) {
                errors.add(new SpecError("spec.quickStart.backendArgs", "--api-key is set by the operator from"
                        + " spec.apiKey; it cannot be given in backendArgs"));
            }
            if (arg.contains("$(")) {
                errors.add(new SpecError("spec.quickStart.backendArgs", "'$(' expansions are not allowed in"
                        + " backendArgs: they could put the API key or other env on the command line"));
            }
        }
    }

    /** Multi-node instances: in this cluster as pod groups, on a managed platform only where it publishes them. */
    private void checkWorkers(ModelDeployment md, Resources res, Placement placement, List<SpecError> errors) {
        if (placement instanceof Placement.InCluster && !multiNodeEnabled) {
            errors.add(new SpecError("spec.quickStart.resources.workers", "multi-node instances (workers > 1) are"
                    + " disabled in this installation (modeldeploy.multi-node.enabled=false, chart multiNode.enabled):"
                    + " workers must be 1"));
        } else if (placement instanceof Placement.InCluster) {
            checkMultiNode(md, res, errors);
        } else if (providers.of(placement.provider()).filter(p -> !p.capabilities().multiNode()).isPresent()) {
            errors.add(new SpecError("spec.quickStart.resources.workers", placement.provider()
                    + " publishes no multi-node instances: workers must be 1 on this target"));
        }
    }

    /** Multi-node groups: pod names (also DNS hostnames) must fit, and every node holds a share of the model on GPUs. */
    private static void checkMultiNode(ModelDeployment md, Resources res, List<SpecError> errors) {
        String name = md.getMetadata().getName();
        if (name != null && name.length() > Names.MAX_MULTI_NODE_NAME_LENGTH) {
            errors.add(new SpecError("metadata.name", "multi-node deployments (workers > 1) need a name of at most "
                    + Names.MAX_MULTI_NODE_NAME_LENGTH + " characters: their pod names, which add the group, incarnation and rank,"
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

    private static Workload expert(Expert expert, TenantPolicy policy, List<SpecError> errors) {
        PodTemplateSpec template = expert.getTemplate();
        if (template == null || template.getSpec() == null || template.getSpec().getContainers() == null
                || template.getSpec().getContainers().isEmpty()) {
            errors.add(new SpecError("spec.expert.template.spec.containers", "needs at least one container"));
            return null;
        }
        List<Container> containers = template.getSpec().getContainers();
        for (int i = 0; i < containers.size(); i++) {
            if (blank(containers.get(i).getName())) {
                errors.add(new SpecError("spec.expert.template.spec.containers[" + i + "].name", "is required"));
            }
        }
        errors.addAll(ExpertTemplatePolicy.check(template.getSpec(), policy));
        int port = expert.getPort() == null ? DEFAULT_EXPERT_PORT : expert.getPort();
        Optional<Container> serving = template.getSpec().getContainers().stream()
                .filter(c -> c.getPorts() != null
                        && c.getPorts().stream().anyMatch(p -> Integer.valueOf(port).equals(p.getContainerPort())))
                .findFirst();
        if (serving.isEmpty()) {
            errors.add(new SpecError("spec.expert.port", "no container in spec.expert.template declares containerPort " + port));
            return null;
        }
        return new Workload.Expert(template, port, serving.get().getName(), Engines.running(serving.get()).backend());
    }

    private static Workload loraService(ModelDeploymentSpec spec, List<SpecError> errors) {
        String base = spec.getLora().getBaseRef() == null ? null : spec.getLora().getBaseRef().getName();
        if (blank(base)) {
            errors.add(new SpecError("spec.lora.baseRef.name", "is required in lora mode"));
        }
        if (spec.getAdapters() == null || spec.getAdapters().isEmpty()) {
            errors.add(new SpecError("spec.adapters", "lora mode needs at least one adapter"));
        }
        return new Workload.LoraService(base);
    }

    private static List<AdapterLocation> adapters(List<Adapter> adapters, List<SpecError> errors) {
        if (adapters == null) {
            return List.of();
        }
        List<AdapterLocation> out = new ArrayList<>();
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
                    out.add(AdapterLocation.of(name, adapters.get(i).getUri()));
                } catch (IllegalArgumentException e) {
                    errors.add(new SpecError("spec.adapters[" + i + "].uri", e.getMessage()));
                }
            }
        }
        return out;
    }

    /**
     * The key Secret a deployment names, read straight from the spec without validating the rest: what the published
     * copies for the gateway are checked against, for every deployment whether its spec resolves or not.
     */
    public static ApiKeySource apiKeySourceOf(ModelDeployment md) {
        return apiKey(md, new ArrayList<>());
    }

    private static ApiKeySource apiKey(ModelDeployment md, List<SpecError> errors) {
        var ref = md.getSpec().getApiKey() == null ? null : md.getSpec().getApiKey().getSecretRef();
        if (ref == null) {
            return new ApiKeySource(Names.generatedApiKeySecret(md.getMetadata().getName()), "apiKey", true);
        }
        if (blank(ref.getName())) {
            errors.add(new SpecError("spec.apiKey.secretRef.name", "is required"));
        }
        return new ApiKeySource(ref.getName(), ref.getKey() == null ? "apiKey" : ref.getKey(), false);
    }

    private static Optional<IngressSpec> ingress(ModelDeploymentSpec spec, List<SpecError> errors) {
        if (spec.getExposure() == null || spec.getExposure().getIngress() == null) {
            return Optional.empty();
        }
        var ingress = spec.getExposure().getIngress();
        String host = ingress.getHost();
        if (blank(host) || !DNS_NAME.matcher(host).matches()) {
            errors.add(new SpecError("spec.exposure.ingress.host", "'" + host + "' is not a DNS name"));
        }
        return Optional.of(new IngressSpec(host, Optional.ofNullable(ingress.getClassName()),
                Optional.ofNullable(ingress.getTlsSecretName())));
    }

    private static void checkQuantity(String field, String value, List<SpecError> errors) {
        if (value == null) {
            return;
        }
        if (value.length() > SchemaRules.MAX_QUANTITY_LENGTH || !QUANTITY.matcher(value).matches()) {
            // Exponents and exa-sized values fit no node and overflow what managed platforms take.
            errors.add(new SpecError(field, "'" + value + "' is not a quantity this operator accepts: digits with an"
                    + " optional fraction and one of the suffixes m, k, M, G, T, P, Ki, Mi, Gi, Ti, Pi"));
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
