package io.modeldeploy.operator.validate;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;

import java.util.ArrayList;
import java.util.List;

/**
 * An expert template checked against the installation's {@link TenantPolicy} before anything is applied: the
 * operator creates its pods with its own rights, so the template may ask only for what the author could ask for
 * in a plain pod. Each refusal names the field.
 */
final class ExpertTemplatePolicy {
    private static final String TEMPLATE = "spec.expert.template.spec";

    private ExpertTemplatePolicy() {
    }

    static List<SpecError> check(PodSpec pod, TenantPolicy allow) {
        List<SpecError> errors = new ArrayList<>();
        if (!allow.hostNamespaces()) {
            refuseIfTrue(pod.getHostNetwork(), TEMPLATE + ".hostNetwork", errors);
            refuseIfTrue(pod.getHostPID(), TEMPLATE + ".hostPID", errors);
            refuseIfTrue(pod.getHostIPC(), TEMPLATE + ".hostIPC", errors);
        }
        if (!allow.serviceAccounts()) {
            String account = pod.getServiceAccountName() != null ? pod.getServiceAccountName() : pod.getServiceAccount();
            if (account != null && !account.isEmpty() && !"default".equals(account)) {
                errors.add(violation(TEMPLATE + ".serviceAccountName", "only the namespace's default ServiceAccount"));
            }
            refuseIfTrue(pod.getAutomountServiceAccountToken(), TEMPLATE + ".automountServiceAccountToken", errors);
        }
        if (!allow.hostPath() && pod.getVolumes() != null) {
            List<Volume> volumes = pod.getVolumes();
            for (int i = 0; i < volumes.size(); i++) {
                if (volumes.get(i).getHostPath() != null) {
                    errors.add(violation(TEMPLATE + ".volumes[" + i + "].hostPath", "no node paths"));
                }
            }
        }
        checkContainers(pod.getInitContainers(), TEMPLATE + ".initContainers", allow, errors);
        checkContainers(pod.getContainers(), TEMPLATE + ".containers", allow, errors);
        return errors;
    }

    private static void checkContainers(List<Container> containers, String path, TenantPolicy allow, List<SpecError> errors) {
        if (containers == null) {
            return;
        }
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            String at = path + "[" + i + "]";
            SecurityContext security = c.getSecurityContext();
            if (security != null && !allow.privileged()) {
                refuseIfTrue(security.getPrivileged(), at + ".securityContext.privileged", errors);
                refuseIfTrue(security.getAllowPrivilegeEscalation(), at + ".securityContext.allowPrivilegeEscalation", errors);
            }
            if (security != null && security.getCapabilities() != null && !allow.capabilities()
                    && security.getCapabilities().getAdd() != null && !security.getCapabilities().getAdd().isEmpty()) {
                errors.add(violation(at + ".securityContext.capabilities.add", "no capabilities beyond the runtime's default"));
            }
            if (!allow.hostPorts() && c.getPorts() != null) {
                List<ContainerPort> ports = c.getPorts();
                for (int p = 0; p < ports.size(); p++) {
                    Integer hostPort = ports.get(p).getHostPort();
                    if (hostPort != null && hostPort != 0) {
                        errors.add(violation(at + ".ports[" + p + "].hostPort", "no ports on the node"));
                    }
                }
            }
        }
    }

    private static void refuseIfTrue(Boolean value, String field, List<SpecError> errors) {
        if (Boolean.TRUE.equals(value)) {
            errors.add(violation(field, "not allowed by this installation"));
        }
    }

    /** {@code PolicyViolation: <field>} first, so the condition's message names the field as tenancy.md asks. */
    private static SpecError violation(String field, String rule) {
        return new SpecError(field, "PolicyViolation: " + field + " (" + rule + "; the installation can allow it)");
    }
}
