/**
 * ZStack AIOS / ZStack Cloud model services (vendors.md §2) as a managed target.
 *
 * <p><b>Endpoint</b>: no public one: the installation sets {@code modeldeploy.vendors.zstack.endpoint} (always allowed)
 * or allows prefixes ({@code .allowed-endpoints}). The management node's host alone gets {@code /zstack/v1}; an
 * endpoint with a path is the API base as written. A 404 for the login or a query is {@code EndpointInvalid}.
 *
 * <p><b>Auth</b>: a login session ({@code PUT /zstack/v1/accounts/login} with the hex SHA-512 of the password),
 * sent as {@code Authorization: OAuth <session>}. Credentials Secret keys: {@code accountName}, {@code password}.
 * Sessions are cached per endpoint and account in the provider (thread-safe), renewed when ZStack reports
 * {@code ID.1001} (expired or unknown), and never logged. A refused login ({@code ID.1000}) is
 * {@code CredentialsInvalid}.
 *
 * <p><b>Async jobs</b>: DeployModelService and the delete answer 202 with a job location; the provider polls it
 * (on the configured endpoint's host) for up to 2 s per reconcile and otherwise reads the group later. Each call
 * carries an {@code X-Job-UUID} derived from the operation, the group and the session, so a retried call in the
 * same session gets the first call's job instead of running again; a job refused for an expired session is
 * submitted once more under the new session.
 *
 * <p><b>Supported</b>: create (DeployModelService {@code {"deployModelService":{…}}} from the registered template
 * {@code spec.target.zstack.modelServiceUuid}, with the group uuid chosen through {@code resourceUuid}, derived
 * from the resource's uid, so create and lookup are idempotent), read (the group queried by that uuid; its
 * {@code status} mapped per vendors.md §5; its instances' {@code url} is the endpoint), delete
 * ({@code DeleteModelServiceInstanceGroup}, deleteMode Permissive; an empty query means gone). Options
 * ({@code spec.target.zstack}): {@code modelServiceUuid} and {@code zoneUuid} (required), {@code type} (default
 * {@code Inference}: its values are not documented), and the documented DeployModelService fields
 * ({@link io.modeldeploy.operator.provider.zstack.ZStackRequests#PASS_THROUGH}) passed through. quickStart's cpu
 * and memory become {@code cpuNum} and {@code memorySize} unless the options set them.
 *
 * <p><b>Not supported, because ZStack publishes no such call</b> for instance groups (vendors.md §2, §7.2): stop,
 * start and replica scale. {@code spec.stopped} or a {@code spec.replicas} other than the group's instance count
 * gives the condition {@code OperationNotSupported} and an Event; nothing is changed. backendArgs (the template
 * decides the command), expert, LoRA mode and adapters are refused.
 *
 * <p><b>Clients</b>: {@code status.serviceUrl} is the first instance's {@code url} plus {@code /v1}. ZStack documents
 * neither the inference protocol nor its auth (vendors.md §7.2); the template's engine decides both (an
 * OpenAI-compatible engine serves that API with the key the template sets). The operator issues no key Secret for it.
 */
package io.modeldeploy.operator.provider.zstack;
