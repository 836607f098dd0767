{{/* Names and labels shared by every template. */}}

{{- define "modeldeploy.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "modeldeploy.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "modeldeploy.selectorLabels" -}}
app.kubernetes.io/name: {{ include "modeldeploy.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "modeldeploy.labels" -}}
{{ include "modeldeploy.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "modeldeploy.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "modeldeploy.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "modeldeploy.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* Leader election is needed as soon as two replicas could reconcile at once. */}}
{{- define "modeldeploy.leaderElection" -}}
{{- if or .Values.leaderElection.enabled (gt (int .Values.replicaCount) 1) -}}true{{- end -}}
{{- end -}}

{{/*
The operator's configuration as environment variables (SmallRye maps modeldeploy.images.pull-policy to
MODELDEPLOY_IMAGES_PULL_POLICY, and the keyed modeldeploy.images.repository.vllm to
MODELDEPLOY_IMAGES_REPOSITORY_VLLM). Empty values are left out so the operator's own default applies.
*/}}
{{/*
Where the operator's scaler reads the gateway's load reports: config.autoscaling.gatewayUrls, else the chart's
gateway through its headless Service modeldeploy-gateway-management (one replica per address), else none.
*/}}
{{- define "modeldeploy.autoscalingGatewayUrls" -}}
{{- if .Values.config.autoscaling.gatewayUrls -}}
{{- .Values.config.autoscaling.gatewayUrls -}}
{{- else if .Values.gateway.enabled -}}
{{- printf "http://modeldeploy-gateway-management.%s.svc:9090" .Release.Namespace -}}
{{- end -}}
{{- end -}}

{{- define "modeldeploy.configEnv" -}}
{{- $c := .Values.config -}}
{{- $env := dict
  "MODELDEPLOY_IMAGES_MIRROR" $c.images.mirror
  "MODELDEPLOY_IMAGES_PULL_POLICY" $c.images.pullPolicy
  "MODELDEPLOY_GPU_RESOURCE_NAME" $c.gpu.resourceName
  "MODELDEPLOY_GPU_PRODUCT_LABEL" $c.gpu.productLabel
  "MODELDEPLOY_GPU_CATALOG" (ternary (toJson $c.gpu.catalog) "" (not (empty $c.gpu.catalog)))
  "MODELDEPLOY_DEFAULTS_CPU" $c.defaults.cpu
  "MODELDEPLOY_DEFAULTS_MEMORY" $c.defaults.memory
  "MODELDEPLOY_DEFAULTS_SHM_SIZE" $c.defaults.shmSize
  "MODELDEPLOY_DEFAULTS_STARTUP_TIMEOUT" $c.defaults.startupTimeout
  "MODELDEPLOY_LORA_MAX_LORAS" $c.lora.maxLoras
  "MODELDEPLOY_LORA_MAX_LORA_RANK" $c.lora.maxLoraRank
  "MODELDEPLOY_LORA_SGLANG_TARGET_MODULES" $c.lora.sglangTargetModules
  "MODELDEPLOY_LORA_SYNC_PORT" $c.lora.syncPort
  "MODELDEPLOY_LORA_SYNC_IMAGE" $c.lora.syncImage
  "MODELDEPLOY_POLICY_ALLOW_PRIVILEGED" $c.policy.allowPrivileged
  "MODELDEPLOY_POLICY_ALLOW_CAPABILITIES" $c.policy.allowCapabilities
  "MODELDEPLOY_POLICY_ALLOW_HOST_NAMESPACES" $c.policy.allowHostNamespaces
  "MODELDEPLOY_POLICY_ALLOW_HOST_PATH" $c.policy.allowHostPath
  "MODELDEPLOY_POLICY_ALLOW_HOST_PORTS" $c.policy.allowHostPorts
  "MODELDEPLOY_POLICY_ALLOW_SERVICE_ACCOUNTS" $c.policy.allowServiceAccounts
  "MODELDEPLOY_NETWORK_POLICY_ENABLED" $c.networkPolicy.enabled
  "MODELDEPLOY_NETWORK_POLICY_OPERATOR_NAMESPACE" .Release.Namespace
  "MODELDEPLOY_NETWORK_POLICY_OPERATOR_POD_SELECTOR" (include "modeldeploy.selectorLabels" . | replace ": " "=" | replace "\n" ",")
  "MODELDEPLOY_NETWORK_POLICY_GATEWAY_NAMESPACE" $c.networkPolicy.gatewayNamespace
  "MODELDEPLOY_NETWORK_POLICY_GATEWAY_POD_SELECTOR" $c.networkPolicy.gatewayPodSelector
  "MODELDEPLOY_POD_SECURITY_PROFILE" $c.podSecurity.profile
  "MODELDEPLOY_GATEWAY_NAMESPACE" (ternary .Release.Namespace "" .Values.gateway.enabled)
  "MODELDEPLOY_AUTOSCALING_GATEWAY_URLS" (include "modeldeploy.autoscalingGatewayUrls" .)
  "MODELDEPLOY_MULTI_NODE_ENABLED" .Values.multiNode.enabled
  "MODELDEPLOY_METRICS_PER_RESOURCE" .Values.metrics.perResource
  "MODELDEPLOY_POLICY_MAX_REPLICAS" $c.policy.maxReplicas
  "MODELDEPLOY_POLICY_MAX_WORKERS" $c.policy.maxWorkers
  "MODELDEPLOY_POLICY_MAX_GPUS" $c.policy.maxGpus
  "QUARKUS_LOG_CONSOLE_FORMAT" .Values.logFormat
  "QUARKUS_LOG_LEVEL" .Values.logLevel
-}}
{{- range $backend, $repository := $c.images.repository }}
{{- $_ := set $env (printf "MODELDEPLOY_IMAGES_REPOSITORY_%s" (upper $backend)) $repository }}
{{- end }}
{{- range $key, $vendor := $c.vendors }}
{{- $_ := set $env (printf "MODELDEPLOY_VENDORS_%s_ENDPOINT" (upper $key)) $vendor.endpoint }}
{{- $_ := set $env (printf "MODELDEPLOY_VENDORS_%s_ALLOWED_ENDPOINTS" (upper $key)) (join "," ($vendor.allowedEndpoints | default list)) }}
{{- end }}
{{- range $name, $value := $env }}
{{- if and (not (kindIs "invalid" $value)) (ne (toString $value) "") }}
- name: {{ $name }}
  value: {{ toString $value | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
What the operator does with the API, verb by verb (see README.md "RBAC" for the call behind each).
Shared by the ClusterRole (all namespaces) and the per-namespace Roles.
*/}}
{{- define "modeldeploy.rules" -}}
# Its own resource: informer (list, watch), re-read on a conflicting finalizer patch (get),
# finalizer add/remove (patch).
- apiGroups: [modeldeploy.io]
  resources: [modeldeployments]
  verbs: [get, list, watch, patch]
# Status is written only through the status subresource.
- apiGroups: [modeldeploy.io]
  resources: [modeldeployments/status]
  verbs: [patch]
# Owned objects carry blockOwnerDeletion: true; where the OwnerReferencesPermissionEnforcement
# admission plugin runs (e.g. OpenShift) setting it needs update on the owner's finalizers.
- apiGroups: [modeldeploy.io]
  resources: [modeldeployments/finalizers]
  verbs: [update]
# Owned objects, applied server-side (patch; create when the apply makes a new object), watched by
# label-selected informers (list, watch), read by name before a first apply so that an object someone
# else made under that name is never taken over (get). Ingresses are also removed when spec.exposure drops them;
# a Deployment and the leaders Service when an instance moves between single- and multi-node.
- apiGroups: [apps]
  resources: [deployments]
  verbs: [get, list, watch, create, patch, delete]
- apiGroups: [""]
  resources: [services]
  verbs: [get, list, watch, create, patch, delete]
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, list, watch, create, patch]
- apiGroups: [networking.k8s.io]
  resources: [ingresses]
  verbs: [get, list, watch, create, patch, delete]
# API-key Secrets: created once (create), vendor keys applied (patch), the user's key and vendor
# credentials Secrets read by name (get), the operator's own watched (list, watch); vendor credentials
# held by a finalizer while deployments need them (patch) and found again by label (list).
- apiGroups: [""]
  resources: [secrets]
  verbs: [get, list, watch, create, patch]
# Single-node instances are read from the pods; multi-node groups are pods the operator creates and
# deletes itself (a group restarts as a unit, which no built-in controller does): only when they are on.
- apiGroups: [""]
  resources: [pods]
  {{- if .Values.multiNode.enabled }}
  verbs: [list, watch, create, delete]
  {{- else }}
  verbs: [list, watch]
  {{- end }}
# One NetworkPolicy per deployment, like the other owned objects (removed when policies are turned off).
- apiGroups: [networking.k8s.io]
  resources: [networkpolicies]
  verbs: [get, list, watch, create, patch, delete]
# Events on ModelDeployments: a repeat is found by name (get) and its count bumped (patch).
- apiGroups: [""]
  resources: [events]
  verbs: [get, create, patch]
{{- end -}}

{{/* The gateway (modeldeploy-gateway): its own name, labels and ServiceAccount. */}}
{{- define "modeldeploy.gatewayName" -}}
{{- printf "%s-gateway" (include "modeldeploy.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "modeldeploy.gatewaySelectorLabels" -}}
app.kubernetes.io/name: {{ include "modeldeploy.name" . }}-gateway
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "modeldeploy.gatewayLabels" -}}
{{ include "modeldeploy.gatewaySelectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* What the gateway reads in the namespaces it serves: ModelDeployments and the operator's pods, read only. */}}
{{- define "modeldeploy.gatewayRules" -}}
- apiGroups: [modeldeploy.io]
  resources: [modeldeployments]
  verbs: [get, list, watch]
- apiGroups: [""]
  resources: [pods]
  verbs: [list, watch]
{{- end -}}
