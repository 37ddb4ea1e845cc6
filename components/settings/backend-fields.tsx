/**
 * The fields of the add and edit backend forms (lib/domain/backends/backend-form.ts reads them). Checkboxes
 * send a hidden "false" first, so an unticked box means false rather than "use the default".
 */
import type { BackendDetails } from "@/lib/server/runner/backends/manage-backends";
import { POLICY_APIS } from "@/lib/domain/backends/backend-options";

const input = "w-full rounded border border-slate-300 px-2 py-1 text-sm";

function Check({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="hidden" name={name} value="false" />
      <input type="checkbox" name={name} defaultChecked={checked} /> {label}
    </label>
  );
}

export function BackendFields({ backend }: { backend?: BackendDetails }) {
  const options = backend?.options;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <label className="block text-sm">
        Name
        <input name="name" required defaultValue={backend?.name} className={input} />
      </label>
      <label className="block text-sm">
        Base URL
        <input
          name="baseUrl"
          required
          placeholder="http://127.0.0.1:8000/v1"
          defaultValue={backend?.baseUrl ?? ""}
          className={input}
        />
      </label>
      <label className="block text-sm">
        API key {backend?.hasApiKey ? "(set; leave empty to keep it)" : "(optional for local servers)"}
        <input name="apiKey" type="password" autoComplete="off" className={input} />
      </label>
      <label className="block text-sm">
        Policy model
        <input name="policyModel" defaultValue={backend?.models.policy ?? ""} className={input} />
      </label>
      <label className="block text-sm">
        Reflection model (empty: the policy model)
        <input name="reflectionModel" defaultValue={backend?.models.reflection ?? ""} className={input} />
      </label>
      <label className="block text-sm">
        Policy API
        <select name="policyApi" defaultValue={options?.policyApi ?? "chat"} className={input}>
          {POLICY_APIS.map((api) => (
            <option key={api} value={api}>
              {api === "chat" ? "chat (/v1/chat/completions)" : "completions (/v1/completions)"}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm">
        Concurrent requests
        <input
          name="concurrency"
          inputMode="numeric"
          defaultValue={options?.concurrency ?? 8}
          className={input}
        />
      </label>
      <label className="block text-sm">
        Timeout per request (s)
        <input
          name="timeoutS"
          inputMode="numeric"
          defaultValue={options ? options.timeoutMs / 1000 : 600}
          className={input}
        />
      </label>
      <label className="block text-sm">
        Stop sequences (one per line)
        <textarea name="stop" rows={2} defaultValue={options?.stop.join("\n") ?? ""} className={input} />
      </label>
      <div className="space-y-1">
        <Check name="requestLogprobs" label="Ask for logprobs" checked={options?.requestLogprobs ?? true} />
        <Check
          name="returnTokenIds"
          label="Ask for token ids (vLLM)"
          checked={options?.returnTokenIds ?? false}
        />
        <Check
          name="sendReflectionContext"
          label="Send structured reflection context (simulated server only)"
          checked={options?.sendReflectionContext ?? false}
        />
      </div>
      <label className="block text-sm">
        $ per 1M input tokens (optional)
        <input
          name="inputPricePerM"
          inputMode="decimal"
          defaultValue={options?.inputPricePerM ?? ""}
          className={input}
        />
      </label>
      <label className="block text-sm">
        $ per 1M output tokens (optional)
        <input
          name="outputPricePerM"
          inputMode="decimal"
          defaultValue={options?.outputPricePerM ?? ""}
          className={input}
        />
      </label>
    </div>
  );
}
