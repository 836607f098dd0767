package io.modeldeploy.operator.provider.zstack;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.modeldeploy.operator.api.v1alpha1.Mode;
import io.modeldeploy.operator.deployment.ModelLocation;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.deployment.Workload;
import io.modeldeploy.operator.engine.Engine;
import io.modeldeploy.operator.engine.EngineArgs;
import io.modeldeploy.operator.engine.Engines;
import io.modeldeploy.operator.provider.VendorException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a model service the operator registers on ZStack runs, from a quickStart or an expert spec. Pure.
 *
 * <p>quickStart: the engine plug-in's launch, exactly as the in-cluster pod's (its command, the operator's flags,
 * {@code backendArgs} over them). expert: the single container's command and args, image, plain env and
 * resources. What ZStack has no place for (a pvc:// model, sidecars, init containers, volume mounts, env from
 * Secrets, adapters, LoRA mode) is refused, not dropped.
 *
 * @param startCommand     AddModelService {@code startCommand}: the whole launch as one shell line
 * @param containerCommand expert: the container's command, as one shell line ({@code containerCommand})
 * @param containerArgs    expert: the container's args, as one shell line ({@code containerArgs})
 * @param image            expert: the container's image (DeployModelService {@code dockerImage})
 * @param env              expert: the container's plain env (DeployModelService {@code environmentVariables})
 * @param summary          what the template's {@code yaml} describes: model, names, engine, port
 */
record ZStackLaunch(String startCommand, Optional<String> containerCommand, Optional<String> containerArgs,
                    Optional<String> image, Map<String, String> env, ZStackResources resources,
                    Map<String, Object> summary) {
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

    static ZStackLaunch of(ResolvedDeployment d) throws VendorException {
        if (d.mode() == Mode.LoRA || !d.adapters().isEmpty()) {
            throw VendorException.refused("ZStack publishes nothing for LoRA adapters: spec.adapters and LoRA services"
                    + " cannot be served");
        }
        if (d.quickStart().isPresent()) {
            return quickStart(d, d.quickStart().get());
        }
        return expert(d, d.expert().orElseThrow(() -> VendorException.refused("ZStack runs quickStart and expert"
                + " deployments, not " + d.mode())));
    }

    private static ZStackLaunch quickStart(ResolvedDeployment d, Workload.QuickStart qs) throws VendorException {
        ModelLocation model = d.model().location();
        if (model.claimName().isPresent()) {
            throw VendorException.refused("a ZStack model service cannot mount the PersistentVolumeClaim of "
                    + "spec.model.uri '" + d.model().uri() + "': use hf:// or a file:// path on the ZStack instance");
        }
        Engine engine = Engines.of(qs.engine());
        EngineArgs flags = engine.operatorArgs(new Engine.Inputs(model.engineModelArg(), d.model().servedNames(),
                qs.resources().gpuCount())).overrideWith(qs.backendArgs());
        List<String> launch = new ArrayList<>(engine.command());
        launch.addAll(flags.toList());
        Map<String, Object> summary = summary(d);
        summary.put("engine", qs.engine().id());
        summary.put("engineVersion", qs.version());
        summary.put("port", qs.port());
        return new ZStackLaunch(shellLine(launch), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(),
                ZStackResources.of(qs.resources()), summary);
    }

    private static ZStackLaunch expert(ResolvedDeployment d, Workload.Expert expert) throws VendorException {
        PodSpec pod = expert.template().getSpec();
        if (pod.getContainers().size() != 1) {
            throw VendorException.refused("a ZStack model service runs one container; spec.expert.template has "
                    + pod.getContainers().size());
        }
        if (pod.getInitContainers() != null && !pod.getInitContainers().isEmpty()) {
            throw VendorException.refused("a ZStack model service has no init containers");
        }
        Container container = pod.getContainers().get(0);
        if (container.getVolumeMounts() != null && !container.getVolumeMounts().isEmpty()) {
            throw VendorException.refused("a ZStack model service mounts nothing from the cluster; volume "
                    + container.getVolumeMounts().get(0).getName() + " cannot be mounted");
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
            if (var.getValueFrom() != null) {
                // A Secret or field reference has no meaning on ZStack, and resolving it here would copy a secret.
                throw VendorException.refused("a ZStack model service takes plain env values only; env "
                        + var.getName() + " uses valueFrom");
            }
            env.put(var.getName(), var.getValue() == null ? "" : var.getValue());
        }
        List<String> command = container.getCommand() == null ? List.of() : container.getCommand();
        List<String> args = container.getArgs() == null ? List.of() : container.getArgs();
        if (command.isEmpty() && args.isEmpty()) {
            throw VendorException.refused("ZStack's AddModelService needs a startCommand: the container of "
                    + "spec.expert.template names no command or args");
        }
        List<String> launch = new ArrayList<>(command);
        launch.addAll(args);
        for (String word : launch) {
            if (word.contains("$(")) {
                // The kubelet expands $(VAR) from the container's env; ZStack would pass it on as it is.
                throw VendorException.refused("a ZStack model service does not expand $(VAR) references: '" + word
                        + "' in the command or args of spec.expert.template");
            }
        }
        Map<String, Object> summary = summary(d);
        summary.put("engine", expert.engine().id());
        summary.put("image", container.getImage());
        summary.put("port", expert.port());
        return new ZStackLaunch(shellLine(launch),
                command.isEmpty() ? Optional.empty() : Optional.of(shellLine(command)),
                args.isEmpty() ? Optional.empty() : Optional.of(shellLine(args)),
                Optional.ofNullable(container.getImage()), env, ZStackResources.of(container), summary);
    }

    private static Map<String, Object> summary(ResolvedDeployment d) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("deployment", d.namespace() + "/" + d.name());
        summary.put("model", d.model().id());
        summary.put("servedNames", d.model().servedNames());
        return summary;
    }

    /** Words joined into one shell line; a word with anything but plain characters is single-quoted. */
    static String shellLine(List<String> words) {
        List<String> quoted = new ArrayList<>();
        for (String word : words) {
            quoted.add(PLAIN_WORD.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'");
        }
        return String.join(" ", quoted);
    }
}
