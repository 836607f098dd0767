package io.modeldeploy.operator.validate;

import io.modeldeploy.operator.config.OperatorConfig;

/**
 * What an installation lets a tenant's expert template ask for beyond what a plain pod in their namespace
 * may have. By default nothing: a ModelDeployment gives its author no power they do not already have
 * (shared/design/tenancy.md).
 *
 * @param privileged       {@code securityContext.privileged} and {@code allowPrivilegeEscalation}
 * @param capabilities     capabilities added beyond the runtime's default
 * @param hostNamespaces   {@code hostNetwork}, {@code hostPID}, {@code hostIPC}
 * @param hostPath         {@code hostPath} volumes
 * @param hostPorts        container ports bound on the node
 * @param serviceAccounts  a {@code serviceAccountName} other than {@code default}, and a mounted token
 */
public record TenantPolicy(boolean privileged, boolean capabilities, boolean hostNamespaces, boolean hostPath,
                           boolean hostPorts, boolean serviceAccounts) {

    /** Nothing beyond a plain pod. */
    public static final TenantPolicy STRICT = new TenantPolicy(false, false, false, false, false, false);

    public static TenantPolicy from(OperatorConfig.Policy allow) {
        return new TenantPolicy(allow.allowPrivileged(), allow.allowCapabilities(), allow.allowHostNamespaces(),
                allow.allowHostPath(), allow.allowHostPorts(), allow.allowServiceAccounts());
    }
}
