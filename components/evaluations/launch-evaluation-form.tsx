"use client";
import { useState, type FormEvent } from "react";
import { parseSelectorList } from "@/lib/domain/evaluations/evaluation-spec";
import { useLaunchEvaluation } from "@/lib/client/use-evaluations";
import type { EvaluationChoices } from "@/lib/server/evaluations/read-evaluations";

const INPUT = "rounded border border-slate-300 bg-white px-2 py-1 text-sm";
const LABEL = "flex flex-col gap-1 text-xs font-medium text-slate-700";

/**
 * Launch an evaluation: checkpoints × programs as comma lists, the dataset and split, samples, a problem
 * cap, a seed, and optionally another saved backend of the project whose model is graded as one more row.
 */
export function LaunchEvaluationForm({
  runId,
  choices,
  onLaunched,
}: {
  runId: string;
  choices: EvaluationChoices;
  onLaunched: (id: string) => void;
}) {
  const launch = useLaunchEvaluation(runId);
  const [checkpoints, setCheckpoints] = useState("base,final");
  const [programs, setPrograms] = useState("root,best");
  const [split, setSplit] = useState<"test" | "train">("test");
  const [samples, setSamples] = useState("4");
  const [maxProblems, setMaxProblems] = useState("");
  const [seed, setSeed] = useState("0");
  const [dataset, setDataset] = useState("");
  const [backend, setBackend] = useState("");
  const [temperature, setTemperature] = useState("");
  const [topP, setTopP] = useState("");
  const [maxTokens, setMaxTokens] = useState("");

  function submit(event: FormEvent) {
    event.preventDefault();
    launch.mutate(
      {
        checkpoints: parseSelectorList(checkpoints),
        programs: parseSelectorList(programs),
        split,
        samples: Number(samples),
        seed: Number(seed),
        ...(maxProblems.trim() === "" ? {} : { maxProblems: Number(maxProblems) }),
        ...(dataset === "" ? {} : { dataset }),
        ...(backend === "" ? {} : { backend }),
        // Left empty, a sampling parameter stays the run's own.
        ...(temperature.trim() === "" ? {} : { temperature: Number(temperature) }),
        ...(topP.trim() === "" ? {} : { topP: Number(topP) }),
        ...(maxTokens.trim() === "" ? {} : { maxTokens: Number(maxTokens) }),
      },
      { onSuccess: (created) => onLaunched(created.id) },
    );
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3 rounded border border-slate-200 p-3">
      <label className={LABEL}>
        Checkpoints
        <input className={INPUT} value={checkpoints} onChange={(e) => setCheckpoints(e.target.value)} />
        <span className="font-normal text-slate-600">base, final, all, a step (or none with a backend)</span>
      </label>
      <label className={LABEL}>
        Programs
        <input className={INPUT} value={programs} onChange={(e) => setPrograms(e.target.value)} />
        <span className="font-normal text-slate-600">root, best, top3, or an id</span>
      </label>
      <label className={LABEL}>
        Dataset
        <select className={INPUT} value={dataset} onChange={(e) => setDataset(e.target.value)}>
          <option value="">the run&apos;s own</option>
          {choices.datasets.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <span className="invisible">.</span>
      </label>
      <label className={LABEL}>
        Split
        <select
          className={INPUT}
          value={split}
          onChange={(e) => setSplit(e.target.value as "test" | "train")}
        >
          <option value="test">test</option>
          <option value="train">train</option>
        </select>
        <span className="invisible">.</span>
      </label>
      <label className={LABEL}>
        Samples per problem
        <input
          className={`${INPUT} w-20`}
          inputMode="numeric"
          value={samples}
          onChange={(e) => setSamples(e.target.value)}
        />
        <span className="invisible">.</span>
      </label>
      <label className={LABEL}>
        Problems (max)
        <input
          className={`${INPUT} w-20`}
          inputMode="numeric"
          placeholder="all"
          value={maxProblems}
          onChange={(e) => setMaxProblems(e.target.value)}
        />
        <span className="invisible">.</span>
      </label>
      <label className={LABEL}>
        Seed
        <input
          className={`${INPUT} w-20`}
          inputMode="numeric"
          value={seed}
          onChange={(e) => setSeed(e.target.value)}
        />
        <span className="invisible">.</span>
      </label>
      <label className={LABEL}>
        Temperature
        <input
          className={`${INPUT} w-20`}
          inputMode="decimal"
          placeholder="run's"
          value={temperature}
          onChange={(e) => setTemperature(e.target.value)}
        />
        <span className="invisible">.</span>
      </label>
      <label className={LABEL}>
        Top p
        <input
          className={`${INPUT} w-20`}
          inputMode="decimal"
          placeholder="run's"
          value={topP}
          onChange={(e) => setTopP(e.target.value)}
        />
        <span className="invisible">.</span>
      </label>
      <label className={LABEL}>
        Max tokens
        <input
          className={`${INPUT} w-24`}
          inputMode="numeric"
          placeholder="run's"
          value={maxTokens}
          onChange={(e) => setMaxTokens(e.target.value)}
        />
        <span className="invisible">.</span>
      </label>
      <label className={LABEL}>
        Also on backend
        <select className={INPUT} value={backend} onChange={(e) => setBackend(e.target.value)}>
          <option value="">none (this run&apos;s weights only)</option>
          {choices.backends.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <span className="font-normal text-slate-600">its model as a row, none of the run&apos;s weights</span>
      </label>
      <button
        type="submit"
        disabled={launch.isPending}
        className="mb-5 rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-50"
      >
        Evaluate
      </button>
      {launch.error ? (
        <p role="alert" className="w-full text-sm text-rose-700">
          {launch.error.message}
        </p>
      ) : null}
    </form>
  );
}
