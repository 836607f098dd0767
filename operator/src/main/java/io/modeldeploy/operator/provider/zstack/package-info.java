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
 * <p><b>Replies and errors</b>: every reply is read for {@code success} and {@code error} (documented in the
 * AddModelService page, shared/vendor-docs/zstack-add-model-service.txt), a 200 included: {@code success: false} or
 * a non-null error is a failure with ZStack's words ({@code code: description: details}, plus the cause's code). A
 * failure is classified by its code, not by ZStack's blanket 503 ({@link
 * io.modeldeploy.operator.provider.zstack.ZStackErrorCodes}, inferred from ZStack's SysErrors/IdentityErrors):
 * transient ones are retried with backoff, credential ones are {@code CredentialsInvalid}, all others are refused
 * ({@code VendorRefused}, {@code Failed} while nothing was created, rechecked every 5 minutes).
 *
 * <p><b>Async jobs</b> (inferred from ZStack's RestServer): DeployModelService and the delete answer 202 with a job
 * location; the provider polls it (on the configured endpoint's host) for up to 2 s per reconcile, and later once per
 * read while the group does not show: a job that fails after that makes the deployment Failed with ZStack's words
 * (or, for a transient failure, lets the group be created again). Each call carries an {@code X-Job-UUID} derived
 * from the operation, the group, the request body, the session and how often the call failed transiently, so a
 * retried call in the same session gets the first call's job instead of running again, while a changed request or a
 * retry after a transient failure is a new job; a job refused for an expired session is submitted once more under
 * the new session.
 *
 * <p><b>Create</b>: without {@code modelServiceUuid} the operator registers the deployment's own template with
 * AddModelService ({@code POST /zstack/v1/ai/model-services}, documented: body key {@code param}, synchronous), then
 * deploys it. The template's uuid is chosen ({@code resourceUuid}), derived from the resource's uid and the
 * parameters, and looked up first ({@code GET /ai/model-services/<uuid>}), so a retried create finds it and a
 * changed spec registers a new one. Its fields: {@code name} the vendor name; {@code startCommand} the engine
 * plug-in's launch for quickStart (the in-cluster command line, backendArgs included) or the expert container's
 * command and args (also as {@code containerCommand}/{@code containerArgs}); {@code requestCpu} whole cores rounded
 * up, {@code requestMemory} in MiB rounded up (inferred from the page's example {@code 1024}); {@code yaml} a YAML
 * description of what runs (model, served names, engine and version or image, port: the page gives no schema);
 * {@code modelCenterUuid}, {@code installPath} from the options (required), {@code zoneUuid} and {@code type} as for
 * the deploy; {@code spec.target.zstack.modelService} sets any other documented field or replaces a derived one
 * (unknown fields are refused). The template stays when the deployment is deleted (no page documents its delete).
 * With {@code modelServiceUuid}, that template is deployed as it is (quickStart only, without backendArgs).
 *
 * <p><b>Deploy and read</b>: DeployModelService {@code {"deployModelService":{…}}} (inferred) with the group uuid
 * chosen through {@code resourceUuid}, derived from the resource's uid, so create and lookup are idempotent; read is
 * the group queried by that uuid (its {@code status} mapped per vendors.md §5; its instances' {@code url} is the
 * endpoint); delete is {@code DeleteModelServiceInstanceGroup}, deleteMode Permissive (an empty query means gone).
 * Options ({@code spec.target.zstack}): {@code zoneUuid} (required), {@code type} (default {@code Inference}: its
 * values are not documented), and the documented DeployModelService fields
 * ({@link io.modeldeploy.operator.provider.zstack.ZStackRequests#PASS_THROUGH}) passed through. The instance's CPU
 * and memory become {@code cpuNum} (whole cores) and {@code memorySize} (bytes: inferred, as ZStack's VM APIs take
 * it), the expert container's image {@code dockerImage} and its plain env {@code environmentVariables}, unless the
 * options set them.
 *
 * <p><b>Not supported, because ZStack publishes no such call</b> for instance groups (vendors.md §2, §7.2): stop,
 * start and replica scale. {@code spec.stopped} or a {@code spec.replicas} other than the group's instance count
 * gives the condition {@code OperationNotSupported} and an Event; nothing is changed. LoRA mode and adapters, a
 * pvc:// model, and expert sidecars, init containers, volume mounts and env from Secrets are refused, not dropped.
 *
 * <p><b>Clients</b>: {@code status.serviceUrl} is the first instance's {@code url} plus {@code /v1}. ZStack documents
 * neither the inference protocol nor its auth (vendors.md §7.2); the template's engine decides both (an
 * OpenAI-compatible engine serves that API with the key the template sets). The operator issues no key Secret for it,
 * and a template it registers launches the engine without a key (the spec's key Secret stays in the cluster: no page
 * says how ZStack would keep a secret).
 */
package io.modeldeploy.operator.provider.zstack;
