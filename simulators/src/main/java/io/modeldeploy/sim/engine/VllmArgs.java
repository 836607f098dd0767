package io.modeldeploy.sim.engine;

import io.modeldeploy.sim.engine.ArgOption.Kind;

/**
 * The options vLLM's OpenAI server parser accepts, as data. Written from vLLM's own argument definitions,
 * {@code vllm/entrypoints/openai/cli_args.py} ({@code make_arg_parser}) and
 * {@code vllm/engine/arg_utils.py} ({@code EngineArgs.add_cli_args}, {@code AsyncEngineArgs.add_cli_args}),
 * of the v0.8 line as stored in vllm-project/vllm between the v0.8.4 and v0.9.0 tags (LoRA, cache, parallel
 * and scheduler options already built from their config dataclasses: bool fields there are
 * {@code BooleanOptionalAction}, so {@code --no-enable-lora} exists; {@code Optional[int]} fields parse with
 * {@code optional_int}). Option types are kept where a wrong value makes argparse exit: ints, floats,
 * choices, switches; everything else takes any string here, as it does there.
 */
final class VllmArgs {
    /** Every vLLM release the operator renders for (0.8.x and 0.9.x) is checked against this table. */
    static final ArgTable V0_8 = v08();

    private VllmArgs() {
    }

    private static ArgTable v08() {
        return new ArgTable(true)
                // cli_args.make_arg_parser: the HTTP server
                .text("--host").integer("--port")
                .choice("--uvicorn-log-level", "debug", "info", "warning", "error", "critical", "trace")
                .flag("--disable-uvicorn-access-log").flag("--allow-credentials")
                .text("--allowed-origins").text("--allowed-methods").text("--allowed-headers")
                .text("--api-key").atLeastOne("--lora-modules").atLeastOne("--prompt-adapters")
                .text("--chat-template").choice("--chat-template-content-format", "auto", "string", "openai")
                .text("--response-role").text("--ssl-keyfile").text("--ssl-certfile").text("--ssl-ca-certs")
                .flag("--enable-ssl-refresh").integer("--ssl-cert-reqs").text("--root-path").text("--middleware")
                .flag("--return-tokens-as-token-ids").flag("--disable-frontend-multiprocessing")
                .flag("--enable-request-id-headers").flag("--enable-auto-tool-choice").text("--tool-call-parser")
                .text("--tool-parser-plugin")
                // arg_utils.EngineArgs.add_cli_args: model and loading
                .text("--model")
                .choice("--task", "auto", "generate", "embedding", "embed", "classify", "score", "reward",
                        "transcription")
                .text("--tokenizer").text("--hf-config-path").flag("--skip-tokenizer-init").text("--revision")
                .text("--code-revision").text("--tokenizer-revision")
                .choice("--tokenizer-mode", "auto", "slow", "mistral", "custom")
                .flag("--trust-remote-code").text("--allowed-local-media-path")
                .choice("--load-format", "auto", "pt", "safetensors", "npcache", "dummy", "tensorizer",
                        "sharded_state", "gguf", "bitsandbytes", "mistral", "runai_streamer",
                        "runai_streamer_sharded", "fastsafetensors")
                .text("--download-dir").text("--model-loader-extra-config").negatable("--use-tqdm-on-load")
                .choice("--config-format", "auto", "hf", "mistral")
                .choice("--dtype", "auto", "half", "float16", "bfloat16", "float", "float32")
                .humanReadableInt("--max-model-len")
                .text("--guided-decoding-backend").text("--reasoning-parser").text("--logits-processor-pattern")
                .choice("--model-impl", "auto", "vllm", "transformers")
                // ParallelConfig
                .choice("--distributed-executor-backend", "ray", "mp", "uni", "external_launcher")
                .integer("--pipeline-parallel-size", "-pp").integer("--tensor-parallel-size", "-tp")
                .integer("--data-parallel-size", "-dp").negatable("--enable-expert-parallel")
                .optionalInt("--max-parallel-loading-workers").negatable("--ray-workers-use-nsight")
                .negatable("--disable-custom-all-reduce")
                // CacheConfig
                .intChoice("--block-size", 1, 8, 16, 32, 64, 128).decimal("--gpu-memory-utilization")
                .decimal("--swap-space").choice("--kv-cache-dtype", "auto", "fp8", "fp8_e4m3", "fp8_e5m2")
                .optionalInt("--num-gpu-blocks-override").negatable("--enable-prefix-caching")
                .choice("--prefix-caching-hash-algo", "builtin", "sha256").decimal("--cpu-offload-gb")
                .negatable("--calculate-kv-scales")
                .flag("--disable-sliding-window").flag("--use-v2-block-manager").integer("--seed")
                .integer("--max-logprobs").flag("--disable-log-stats")
                .text("--quantization", "-q") // choices are the quantization methods registered at import
                .text("--rope-scaling").decimal("--rope-theta").optionalValue("--hf-token", Kind.TEXT)
                .text("--hf-overrides").flag("--enforce-eager").integer("--max-seq-len-to-capture")
                // TokenizerPoolConfig (deprecated, still parsed)
                .integer("--tokenizer-pool-size").text("--tokenizer-pool-type").text("--tokenizer-pool-extra-config")
                .text("--limit-mm-per-prompt").text("--mm-processor-kwargs").flag("--disable-mm-preprocessor-cache")
                // LoRAConfig
                .negatable("--enable-lora").negatable("--enable-lora-bias").integer("--max-loras")
                .integer("--max-lora-rank").integer("--lora-extra-vocab-size").text("--lora-dtype")
                .atLeastOne("--long-lora-scaling-factors", Kind.FLOAT).optionalInt("--max-cpu-loras")
                .negatable("--fully-sharded-loras")
                // PromptAdapterConfig, DeviceConfig, speculative decoding
                .negatable("--enable-prompt-adapter").integer("--max-prompt-adapters")
                .integer("--max-prompt-adapter-token").text("--device").integer("--num-scheduler-steps")
                .text("--speculative-config").text("--ignore-patterns").text("--preemption-mode")
                .atLeastOne("--served-model-name").text("--qlora-adapter-name-or-path")
                .text("--show-hidden-metrics-for-version").text("--otlp-traces-endpoint")
                .text("--collect-detailed-traces").flag("--disable-async-output-proc")
                // SchedulerConfig
                .optionalInt("--max-num-batched-tokens").optionalInt("--max-num-seqs")
                .integer("--max-num-partial-prefills").integer("--max-long-partial-prefills")
                .integer("--long-prefill-token-threshold").integer("--num-lookahead-slots")
                .decimal("--scheduler-delay-factor").negatable("--enable-chunked-prefill")
                .negatable("--multi-step-stream-outputs").choice("--scheduling-policy", "fcfs", "priority")
                .negatable("--disable-chunked-mm-input").text("--scheduler-cls")
                .text("--override-neuron-config").text("--override-pooler-config").text("--compilation-config", "-O")
                .text("--kv-transfer-config").text("--worker-cls").text("--worker-extension-cls")
                .text("--generation-config").text("--override-generation-config").flag("--enable-sleep-mode")
                .text("--additional-config").flag("--enable-reasoning").flag("--disable-cascade-attn")
                // AsyncEngineArgs.add_cli_args
                .flag("--disable-log-requests")
                // cli_args.make_arg_parser, after the engine's options
                .integer("--max-log-len").flag("--disable-fastapi-docs").flag("--enable-prompt-tokens-details")
                .flag("--enable-server-load-tracking");
    }
}
