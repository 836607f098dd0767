package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Kubernetes Pod Security Standards (kubernetes.io/docs/concepts/security/pod-security-standards, the
 * baseline and restricted policy tables) as a checker over a pod spec: the 1.20 test API server has no Pod
 * Security admission, so the rendered pods are checked here. Returns the violations, each naming the field.
 */
final class PodSecurityStandards {
    enum Level { BASELINE, RESTRICTED }

    private static final Set<String> BASELINE_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER",
            "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");
    private static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");
    private static final Set<String> SELINUX_TYPES = Set.of("container_t", "container_init_t", "container_kvm_t",
            "container_engine_t");
    private static final Set<String> RESTRICTED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");

    private PodSecurityStandards() {
    }

    static List<String> violations(PodSpec pod, Level level) {
        List<String> out = new ArrayList<>();
        baseline(pod, out);
        if (level == Level.RESTRICTED) {
            restricted(pod, out);
        }
        return out;
    }

    private static Stream<Container> containers(PodSpec pod) {
        return Stream.of(pod.getInitContainers(), pod.getContainers()).filter(l -> l != null).flatMap(List::stream);
    }

    private static Optional<SecurityContext> sc(Container c) {
        return Optional.ofNullable(c.getSecurityContext());
    }

    private static Optional<PodSecurityContext> psc(PodSpec pod) {
        return Optional.ofNullable(pod.getSecurityContext());
    }

    private static void baseline(PodSpec pod, List<String> out) {
        if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID()) || Boolean.TRUE.equals(pod.getHostIPC())) {
            out.add("host namespaces: spec.hostNetwork/hostPID/hostIPC");
        }
        psc(pod).map(PodSecurityContext::getWindowsOptions).filter(w -> Boolean.TRUE.equals(w.getHostProcess()))
                .ifPresent(w -> out.add("HostProcess: spec.securityContext.windowsOptions.hostProcess"));
        for (Volume v : pod.getVolumes() == null ? List.<Volume>of() : pod.getVolumes()) {
            if (v.getHostPath() != null) {
                out.add("hostPath volume: spec.volumes[" + v.getName() + "].hostPath");
            }
        }
        psc(pod).map(PodSecurityContext::getSeccompProfile).filter(PodSecurityStandards::unconfined)
                .ifPresent(s -> out.add("seccomp: spec.securityContext.seccompProfile.type Unconfined"));
        psc(pod).map(PodSecurityContext::getSeLinuxOptions).ifPresent(se -> {
            if ((se.getType() != null && !se.getType().isEmpty() && !SELINUX_TYPES.contains(se.getType()))
                    || se.getUser() != null || se.getRole() != null) {
                out.add("SELinux: spec.securityContext.seLinuxOptions");
            }
        });
        psc(pod).map(PodSecurityContext::getSysctls).ifPresent(sysctls -> sysctls.stream()
                .filter(s -> !SAFE_SYSCTLS.contains(s.getName()))
                .forEach(s -> out.add("sysctl: spec.securityContext.sysctls " + s.getName())));
        containers(pod).forEach(c -> {
            String at = "containers[" + c.getName() + "]";
            sc(c).filter(s -> Boolean.TRUE.equals(s.getPrivileged())).ifPresent(s -> out.add("privileged: " + at));
            sc(c).map(SecurityContext::getCapabilities).map(Capabilities::getAdd).ifPresent(add -> add.stream()
                    .filter(cap -> !BASELINE_CAPABILITIES.contains(cap))
                    .forEach(cap -> out.add("capability " + cap + ": " + at + ".securityContext.capabilities.add")));
            if (c.getPorts() != null && c.getPorts().stream().anyMatch(p -> p.getHostPort() != null && p.getHostPort() != 0)) {
                out.add("host port: " + at + ".ports[].hostPort");
            }
            sc(c).map(SecurityContext::getProcMount).filter(m -> !m.equals("Default"))
                    .ifPresent(m -> out.add("procMount: " + at));
            sc(c).map(SecurityContext::getSeccompProfile).filter(PodSecurityStandards::unconfined)
                    .ifPresent(s -> out.add("seccomp Unconfined: " + at));
            sc(c).map(SecurityContext::getWindowsOptions).filter(w -> Boolean.TRUE.equals(w.getHostProcess()))
                    .ifPresent(w -> out.add("HostProcess: " + at));
        });
    }

    private static void restricted(PodSpec pod, List<String> out) {
        for (Volume v : pod.getVolumes() == null ? List.<Volume>of() : pod.getVolumes()) {
            if (volumeTypes(v).stream().anyMatch(t -> !RESTRICTED_VOLUMES.contains(t))) {
                out.add("volume type: spec.volumes[" + v.getName() + "] " + volumeTypes(v));
            }
        }
        boolean podNonRoot = psc(pod).map(PodSecurityContext::getRunAsNonRoot).orElse(false);
        boolean podRootUser = psc(pod).map(PodSecurityContext::getRunAsUser).filter(u -> u == 0L).isPresent();
        boolean podSeccomp = psc(pod).map(PodSecurityContext::getSeccompProfile).filter(PodSecurityStandards::confined).isPresent();
        if (podRootUser) {
            out.add("runAsUser 0: spec.securityContext.runAsUser");
        }
        containers(pod).forEach(c -> {
            String at = "containers[" + c.getName() + "]";
            if (!sc(c).map(SecurityContext::getAllowPrivilegeEscalation).filter(Boolean.FALSE::equals).isPresent()) {
                out.add("allowPrivilegeEscalation not false: " + at);
            }
            Optional<Boolean> nonRoot = sc(c).map(SecurityContext::getRunAsNonRoot);
            if (nonRoot.filter(Boolean.FALSE::equals).isPresent() || (nonRoot.isEmpty() && !podNonRoot)) {
                out.add("runAsNonRoot not true: " + at);
            }
            if (sc(c).map(SecurityContext::getRunAsUser).filter(u -> u == 0L).isPresent()) {
                out.add("runAsUser 0: " + at);
            }
            Optional<SeccompProfile> seccomp = sc(c).map(SecurityContext::getSeccompProfile);
            if (seccomp.isPresent() ? !confined(seccomp.get()) : !podSeccomp) {
                out.add("seccomp not RuntimeDefault/Localhost: " + at);
            }
            Optional<Capabilities> caps = sc(c).map(SecurityContext::getCapabilities);
            if (!caps.map(Capabilities::getDrop).filter(d -> d.contains("ALL")).isPresent()) {
                out.add("capabilities not dropping ALL: " + at);
            }
            caps.map(Capabilities::getAdd).ifPresent(add -> add.stream().filter(cap -> !cap.equals("NET_BIND_SERVICE"))
                    .forEach(cap -> out.add("capability " + cap + " added: " + at)));
        });
    }

    /** The source types a volume sets (a valid one sets exactly one). */
    private static List<String> volumeTypes(Volume v) {
        Map<String, Object> sources = new LinkedHashMap<>();
        sources.put("configMap", v.getConfigMap());
        sources.put("csi", v.getCsi());
        sources.put("downwardAPI", v.getDownwardAPI());
        sources.put("emptyDir", v.getEmptyDir());
        sources.put("ephemeral", v.getEphemeral());
        sources.put("persistentVolumeClaim", v.getPersistentVolumeClaim());
        sources.put("projected", v.getProjected());
        sources.put("secret", v.getSecret());
        sources.put("hostPath", v.getHostPath());
        sources.put("nfs", v.getNfs());
        sources.put("iscsi", v.getIscsi());
        sources.put("gitRepo", v.getGitRepo());
        List<String> types = sources.entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey).toList();
        return types.isEmpty() ? List.of("other") : types;
    }

    private static boolean unconfined(SeccompProfile profile) {
        return "Unconfined".equals(profile.getType());
    }

    private static boolean confined(SeccompProfile profile) {
        return "RuntimeDefault".equals(profile.getType()) || "Localhost".equals(profile.getType());
    }
}
