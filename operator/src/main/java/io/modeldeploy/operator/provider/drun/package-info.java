/**
 * DaoCloud d.run (Hydra, "LLM Studio") model serving as a managed target ({@code spec.target.provider: DRun}),
 * built from the published Hydra Swagger (v0.17.0) summarised in shared/design/vendors.md section 4.
 *
 * <p><b>Endpoint</b>: {@code spec.target.endpoint} is the management API host. No published page names it (the
 * Swagger has no {@code host}; the user guide shows only inference hosts such as {@code https://sh-02.d.run}), so
 * there is no default: the spec names it, or the installation sets {@code modeldeploy.vendors.drun.endpoint};
 * without either the deployment fails with {@code InvalidSpec}. An endpoint without a path gets the API path
 * {@code /apis/hydra.io/v1alpha1/model-serving}, one with a path is the API base as written. The installation must
 * allow it ({@code modeldeploy.vendors.drun.allowed-endpoints}; by default none is). A 404 for the list call is
 * {@code EndpointInvalid}.
 *
 * <p><b>Auth</b>: the credentials Secret holds {@code token}, an access key from Personal Center → Access
 * Keys; every call sends {@code Authorization: Bearer <token>}. A 401/403 is {@code CredentialsInvalid}.
 *
 * <p><b>Options</b> ({@code spec.target.dRun}): {@code region} and {@code skuId} (required: where and on
 * which compute unit), {@code modelId} (the platform's model id when it differs from spec.model.id),
 * {@code paymentMethods} (one string; {@code PAY_AS_YOU_GO}, the default, is the only value the Swagger defines),
 * {@code enableMetrics} (default false).
 *
 * <p><b>Supported</b>: create ({@code POST /model-serving}) from a quickStart deployment, after a search by
 * the deterministic name ({@code page.search}, exact name compared, every page read) so a retried create finds the
 * first;
 * get; scale ({@code PATCH …/replicas}, at least 1); stop and start ({@code POST …/actions} with
 * {@code STOP}/{@code START}); delete ({@code DELETE}, then the finalizer waits until a read answers 404).
 *
 * <p><b>Not supported</b>: d.run picks the engine from the model and the compute unit, so quickStart's
 * backend, backendVersion and resources are not sent (skuId decides) and engine flags
 * ({@code backendArgs}) are refused; expert mode, LoRA services and adapters are refused (nothing is
 * published for them); {@code replicas: 0} is refused (use {@code spec.stopped}). d.run issues no key per
 * service, so no {@code <name>-api-key} Secret is written and status.apiKeySecret stays empty.
 *
 * <p><b>Clients</b> call {@code POST {status.serviceUrl}/chat/completions} ({@code address} + {@code /v1},
 * e.g. {@code https://sh-02.d.run/v1}) with {@code Authorization: Bearer <d.run API key>} (an account key
 * from d.run's API-key page, not the access key above) and {@code model} = the service's
 * {@code accessModelName} ({@code <user namespace>/<vendor name>}), which status.servedNames shows.
 */
package io.modeldeploy.operator.provider.drun;
