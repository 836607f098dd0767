package io.modeldeploy.sim.engine;

import io.modeldeploy.sim.engine.ArgOption.Kind;

/**
 * The options vLLM's OpenAI server parser accepts, as data, per release line. Written from vLLM's own argument
 * definitions in vllm-project/vllm: {@code vllm/entrypoints/openai/cli_args.py} ({@code make_arg_parser}, the
 * HTTP front end) and {@code vllm/engine/arg_utils.py} ({@code EngineArgs.add_cli_args},
 * {@code AsyncEngineArgs.add_cli_args}). vLLM's FlexibleArgumentParser also reads {@code --max_loras} as
 * {@code --max-loras}. Option types are kept where a wrong value makes argparse exit: ints, floats, choices,
 * switches; everything else takes any string here, as it does there.
 */
final class VllmArgs {
    /**
     * The v0.8 line: arg_utils.py as stored between the v0.8.4 and v0.9.0 tags (LoRA, cache, parallel and
     * scheduler options built from their config dataclasses: their bool fields are
     * {@code BooleanOptionalAction}, so {@code --no-enable-lora} exists; {@code Optional[int]} fields parse
     * with {@code optional_int}; model options still hand-written, {@code --trust-remote-code} a plain switch).
     */
    static final ArgTable V0_8 = engineV08(frontend(new ArgTable(true))).flag("--disable-log-requests");

    /**
     * The v0.9 line: arg_utils.py as stored in the v0.9 series (model, load and decoding options now built
     * from ModelConfig, LoadConfig and DecodingConfig, so their switches take {@code --no-}; data-parallel
     * addressing added; {@code --enable-reasoning} and {@code --qlora-adapter-name-or-path} deprecated but
     * parsed). The front end is cli_args.py as for v0.8: its 0.9 additions are not written down here.
     */
    static final ArgTable V0_9 = engineV09(frontend(new ArgTable(true))).flag("--disable-log-requests");

    private VllmArgs() {
    }

    /** cli_args.make_arg_parser: the options around the engine's own. */
    private static ArgTable frontend(ArgTable table) {
        return table
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
                // added after the engine's options
                .integer("--max-log-len").flag("--disable-fastapi-docs").flag("--enable-prompt-tokens-details")
                .flag("--enable-server-load-tracking");
    }

    private static ArgTable engineV08(ArgTable table) {
        return table
                // model and loading
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
                // TokenizerPoolConfig (deprecated, still parsed), multimodal
                .integer("--tokenizer-pool-size").text("--tokenizer-pool-type").text("--tokenizer-pool-extra-config")
                .text("--limit-mm-per-prompt").text("--mm-processor-kwargs").flag("--disable-mm-preprocessor-cache")
                // LoRAConfig
                .negatable("--enable-lora").negatable("--enable-lora-bias").integer("--max-loras")
                .integer("--max-lora-rank").integer("--lora-extra-vocab-size").text("--lora-dtype")
                .atLeastOne("--long-lora-scaling-factors", Kind.FLOAT).optionalInt("--max-cpu-loras")
                .negatable("--fully-sharded-loras")
                // PromptAdapterConfig, DeviceConfig, speculative decoding, observability
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
                .text("--additional-config").flag("--enable-reasoning").flag("--disable-cascade-attn");
    }

    private static ArgTable engineV09(ArgTable table) {
        return table
                // ModelConfig
                .text("--model")
                .choice("--task", "auto", "generate", "embedding", "embed", "classify", "score", "reward",
                        "transcription")
                .text("--tokenizer").choice("--tokenizer-mode", "auto", "slow", "mistral", "custom")
                .negatable("--trust-remote-code")
                .choice("--dtype", "auto", "half", "float16", "bfloat16", "float", "float32")
                .optionalInt("--seed").text("--hf-config-path").text("--allowed-local-media-path").text("--revision")
                .text("--code-revision").text("--rope-scaling").decimal("--rope-theta").text("--tokenizer-revision")
                .humanReadableInt("--max-model-len").text("--quantization", "-q").negatable("--enforce-eager")
                .integer("--max-seq-len-to-capture").integer("--max-logprobs").negatable("--disable-sliding-window")
                .negatable("--disable-cascade-attn").negatable("--skip-tokenizer-init")
                .negatable("--enable-prompt-embeds").atLeastOne("--served-model-name")
                .flag("--disable-async-output-proc").choice("--config-format", "auto", "hf", "mistral")
                .optionalValue("--hf-token", Kind.TEXT).text("--hf-overrides").text("--override-neuron-config")
                .text("--override-pooler-config").text("--logits-processor-pattern").text("--generation-config")
                .text("--override-generation-config").negatable("--enable-sleep-mode")
                .choice("--model-impl", "auto", "vllm", "transformers")
                // LoadConfig, DecodingConfig
                .text("--load-format").text("--download-dir").text("--model-loader-extra-config")
                .any("--ignore-patterns").negatable("--use-tqdm-on-load").text("--qlora-adapter-name-or-path")
                .text("--pt-load-map-location").text("--guided-decoding-backend")
                .negatable("--guided-decoding-disable-fallback").negatable("--guided-decoding-disable-any-whitespace")
                .negatable("--guided-decoding-disable-additional-properties").negatable("--enable-reasoning")
                .text("--reasoning-parser")
                // ParallelConfig
                .choice("--distributed-executor-backend", "ray", "mp", "uni", "external_launcher")
                .integer("--pipeline-parallel-size", "-pp").integer("--tensor-parallel-size", "-tp")
                .integer("--data-parallel-size", "-dp").integer("--data-parallel-size-local", "-dpl")
                .text("--data-parallel-address", "-dpa").integer("--data-parallel-rpc-port", "-dpp")
                .negatable("--enable-expert-parallel").optionalInt("--max-parallel-loading-workers")
                .negatable("--ray-workers-use-nsight").negatable("--disable-custom-all-reduce")
                .text("--worker-cls").text("--worker-extension-cls")
                // CacheConfig
                .intChoice("--block-size", 1, 8, 16, 32, 64, 128).decimal("--gpu-memory-utilization")
                .decimal("--swap-space").choice("--kv-cache-dtype", "auto", "fp8", "fp8_e4m3", "fp8_e5m2")
                .optionalInt("--num-gpu-blocks-override").negatable("--enable-prefix-caching")
                .choice("--prefix-caching-hash-algo", "builtin", "sha256").decimal("--cpu-offload-gb")
                .negatable("--calculate-kv-scales")
                // TokenizerPoolConfig, MultiModalConfig
                .integer("--tokenizer-pool-size").text("--tokenizer-pool-type").text("--tokenizer-pool-extra-config")
                .text("--limit-mm-per-prompt").text("--mm-processor-kwargs").negatable("--disable-mm-preprocessor-cache")
                // LoRAConfig, PromptAdapterConfig, DeviceConfig, speculative decoding, observability
                .negatable("--enable-lora").negatable("--enable-lora-bias").integer("--max-loras")
                .integer("--max-lora-rank").integer("--lora-extra-vocab-size").text("--lora-dtype")
                .atLeastOne("--long-lora-scaling-factors", Kind.FLOAT).optionalInt("--max-cpu-loras")
                .negatable("--fully-sharded-loras").negatable("--enable-prompt-adapter").integer("--max-prompt-adapters")
                .integer("--max-prompt-adapter-token").text("--device").text("--speculative-config")
                .text("--show-hidden-metrics-for-version").text("--otlp-traces-endpoint")
                .text("--collect-detailed-traces")
                // SchedulerConfig
                .optionalInt("--max-num-batched-tokens").optionalInt("--max-num-seqs")
                .integer("--max-num-partial-prefills").integer("--max-long-partial-prefills")
                .atLeastOne("--cuda-graph-sizes", Kind.INT).integer("--long-prefill-token-threshold")
                .integer("--num-lookahead-slots").decimal("--scheduler-delay-factor")
                .choice("--preemption-mode", "swap", "recompute").integer("--num-scheduler-steps")
                .negatable("--multi-step-stream-outputs").choice("--scheduling-policy", "fcfs", "priority")
                .negatable("--enable-chunked-prefill").negatable("--disable-chunked-mm-input").text("--scheduler-cls")
                // VllmConfig and the rest
                .text("--kv-transfer-config").text("--kv-events-config").text("--compilation-config", "-O")
                .text("--additional-config").flag("--use-v2-block-manager").flag("--disable-log-stats");
    }
}
