#!/usr/bin/env python3
"""Drive the official Tinker SDK (0.25.x) through the calls E-SPL makes, for record-sdk.ts.

Our own code; it calls only the SDK's public API, shaped as lib/server/runner/backends/tinker does:
create_lora_training_client(rank 32, seed) -> save_weights_for_sampler(name) -> create_sampling_client(path)
-> sample(prompt, 2, temperature 0.7, top_p 0.95, stop ids) -> forward_backward(importance_sampling)
pipelined with optim_step(Adam 4e-5, 0.9, 0.95, 1e-8) -> save_state(name) -> base-model sampling client.
The SDK's imports are prepared by ../../../../../../shared/tools/tinker-sdk-drive.py's prepare_imports().
"""
import argparse
import importlib.util
import json
import os
import sys

ap = argparse.ArgumentParser()
ap.add_argument("--sdk", required=True)
ap.add_argument("--base-url", required=True)
ap.add_argument("--inputs", required=True)
ap.add_argument("--api-key", default="tml-capture-dummy-key")
ap.add_argument("--drive-tool", default=os.environ.get("TINKER_SDK_DRIVE", "/work/shared/tools/tinker-sdk-drive.py"))
args = ap.parse_args()

spec = importlib.util.spec_from_file_location("sdk_drive", args.drive_tool)
drive = importlib.util.module_from_spec(spec)
spec.loader.exec_module(drive)
notes, _overlay = drive.prepare_imports(args.sdk, None)

import tinker  # noqa: E402
from tinker import types  # noqa: E402

drive.patch_pyqwest(notes)
inputs = json.load(open(args.inputs))
T = 60
done = []
try:
    svc = tinker.ServiceClient(base_url=args.base_url, api_key=args.api_key)
    tc = svc.create_lora_training_client(base_model=inputs["base_model"], rank=32, seed=1)
    done.append("create_lora_training_client")
    path = tc.save_weights_for_sampler("sampler-000001").result(timeout=T).path
    done.append("save_weights_for_sampler")
    sc = svc.create_sampling_client(model_path=path)
    done.append("create_sampling_client")
    prompt = inputs["prompt_tokens"]
    params = types.SamplingParams(max_tokens=256, temperature=0.7, top_p=0.95, stop=inputs["stop"])
    result = sc.sample(types.ModelInput.from_ints(prompt), 2, params).result(timeout=T)
    done.append("sample")
    data = []
    for i, seq in enumerate(result.sequences):
        tokens = prompt + list(seq.tokens)
        observed = len(prompt) - 1
        advantage = 0.4 if i % 2 == 0 else -0.4
        data.append(types.Datum(
            model_input=types.ModelInput.from_ints(tokens[:-1]),
            loss_fn_inputs={
                "target_tokens": tokens[1:],
                "logprobs": [0.0] * observed + list(seq.logprobs),
                "advantages": [0.0] * observed + [advantage] * len(seq.tokens),
            },
        ))
    fb = tc.forward_backward(data, "importance_sampling")
    opt = tc.optim_step(types.AdamParams(learning_rate=4e-5, beta1=0.9, beta2=0.95, eps=1e-8))
    fb.result(timeout=T)
    done.append("forward_backward")
    opt.result(timeout=T)
    done.append("optim_step")
    tc.save_state("resume-0").result(timeout=T)
    done.append("save_state")
    base = svc.create_sampling_client(base_model=inputs["base_model"])
    base.sample(types.ModelInput.from_ints(prompt), 1, params).result(timeout=T)
    done.append("base sample")
except BaseException as e:  # noqa: BLE001 - report what failed
    import traceback; traceback.print_exc()
    print(f"SDK capture: failed after {done}: {type(e).__name__}: {str(e)[:400]}", flush=True)
    os._exit(1)
print(f"SDK capture: {len(done)}/8 calls ok: {', '.join(done)}", flush=True)
os._exit(0)
