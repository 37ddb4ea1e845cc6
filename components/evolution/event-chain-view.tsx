import Link from "next/link";
import type { ReactNode } from "react";
import type { EventChain } from "@/lib/server/read/evolution/event-chain";
import type { StoredPrinciple } from "@/lib/view/prompts/principles";
import { lineageHref, promptsHref, rolloutsHref } from "@/lib/domain/prompts/urls";
import { LlmCallPanel } from "./llm-call-panel";
import { OperationList } from "./operation-list";

// Underlined: these links sit inside sentences, where colour alone does not mark them (WCAG 1.4.1).
const link = "text-sky-700 underline hover:no-underline";

function Stage({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section aria-label={title} data-testid={testId} className="space-y-2 border-l-2 border-slate-300 pl-4">
      <h3 className="font-medium">{title}</h3>
      {children}
    </section>
  );
}

function Principles({ principles, marks }: { principles: StoredPrinciple[]; marks?: Map<string, string> }) {
  if (principles.length === 0) return <p className="text-xs text-slate-500">No principles.</p>;
  return (
    <ol className="space-y-1 text-sm">
      {principles.map((p) => (
        <li key={p.id}>
          <span className="mr-2 font-mono text-xs text-slate-500">{p.id}</span>
          {marks?.get(p.id) && marks.get(p.id) !== "unchanged" ? (
            <span className="mr-2 rounded bg-amber-100 px-1 text-xs">{marks.get(p.id)}</span>
          ) : null}
          {p.text}
        </li>
      ))}
    </ol>
  );
}

function MutationStages({ runId, viewBase, chain }: { runId: string; viewBase: string; chain: EventChain }) {
  const parent = chain.event.parentIds[0];
  const summaries = chain.calls.filter((c) => c.stage === "summary");
  const critiques = chain.calls.filter((c) => c.stage === "critique");
  const revision = chain.calls.filter((c) => c.stage === "revision");
  const native = !chain.event.imported;
  return (
    <>
      <Stage title="Rollouts used" testId="stage-rollouts">
        {chain.rollouts ? (
          <>
            <p className="text-xs text-slate-500">
              Slot {chain.rollouts.slot} at step {chain.event.step}; problems with mixed outcomes are
              summarised.{" "}
              {parent !== undefined ? (
                <Link className={link} href={rolloutsHref(viewBase, chain.event.step, parent)}>
                  Open rollouts
                </Link>
              ) : null}
            </p>
            <ul className="space-y-1 text-xs">
              {chain.rollouts.problems.map((p) => {
                const correct = p.rewards.filter((r) => r > 0).length;
                const mixed = correct > 0 && correct < p.rewards.length;
                return (
                  <li key={p.problemIndex} className={mixed ? "" : "text-slate-500"}>
                    <span className="font-mono">Q.{p.problemIndex}</span> {correct}/{p.rewards.length} correct
                    {mixed ? " · summarised" : ""} — <span className="line-clamp-1 inline">{p.question}</span>
                  </li>
                );
              })}
            </ul>
          </>
        ) : (
          <p className="text-xs text-slate-500">The step&apos;s rollouts are not stored.</p>
        )}
      </Stage>
      <Stage title={`Summaries (${summaries.length})`} testId="stage-summaries">
        {summaries.length === 0 ? (
          <p className="text-xs text-slate-500">No problem had mixed outcomes.</p>
        ) : null}
        {summaries.map((c, i) => (
          <LlmCallPanel key={c.id} runId={runId} call={c} title={`Summary ${i + 1}`} showParse={false} />
        ))}
      </Stage>
      <Stage title={`Critiques (${critiques.length})`} testId="stage-critiques">
        {critiques.map((c, i) => (
          <div key={c.id} className="space-y-1">
            <LlmCallPanel runId={runId} call={c} title={`Critique ${i + 1}`} showParse={native} />
            <OperationList operations={c.parsedOperations} />
          </div>
        ))}
      </Stage>
      <Stage title="Revision plan" testId="stage-revision">
        {Array.isArray(chain.suggestions) && chain.suggestions.length > 0 ? (
          <div>
            <p className="text-xs text-slate-500">Modify suggestions sent to the batch call</p>
            <OperationList operations={chain.suggestions} />
          </div>
        ) : null}
        {revision.map((c) => (
          <div key={c.id} className="space-y-1">
            <LlmCallPanel runId={runId} call={c} title="Batch revision" showParse={native} />
            {native ? <OperationList operations={c.parsedOperations} /> : null}
          </div>
        ))}
        {revision.length === 0 ? <p className="text-xs text-slate-500">Not reached.</p> : null}
      </Stage>
    </>
  );
}

function CrossoverStages({ runId, chain }: { runId: string; chain: EventChain }) {
  const call = chain.calls.find((c) => c.stage === "crossover");
  const label = (slot: number | null) => {
    const i = slot === null ? -1 : chain.includedSlots.indexOf(slot);
    return i >= 0 ? `Set ${String.fromCharCode(65 + i)}` : slot === null ? "—" : `slot ${slot}`;
  };
  return (
    <>
      <Stage title="Per-problem winners" testId="stage-winners">
        {chain.winners.length === 0 ? <p className="text-xs text-slate-500">Not recorded.</p> : null}
        <table className="w-full text-xs">
          <tbody>
            {chain.winners.map((w) => (
              <tr key={w.problemIndex} className="border-t border-slate-100">
                <td className="py-1 pr-2 font-mono">Q.{w.problemIndex}</td>
                <td className="py-1 pr-2">
                  {w.programId === null ? "no outright winner" : `${label(w.slot)} (#${w.programId})`}
                </td>
                <td className="py-1 text-slate-600">{w.question}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Stage>
      <Stage title="Prompt and reply" testId="stage-crossover-call">
        {call ? (
          <LlmCallPanel runId={runId} call={call} title="Crossover" showParse={!chain.event.imported} />
        ) : (
          <p className="text-xs text-slate-500">Not sent: Set A won no problem, or no other set won one.</p>
        )}
      </Stage>
      <Stage title="Operations applied" testId="stage-operations">
        {call && !chain.event.imported ? (
          <OperationList operations={call.parsedOperations} outcomes={chain.operationOutcomes} />
        ) : (
          <p className="text-xs text-slate-500">No operations.</p>
        )}
      </Stage>
    </>
  );
}

/** `viewBase`: the run's view prefix (/runs/<id>, or a share link's) for links; `runId` for the calls' text. */
export function EventChainView({
  runId,
  viewBase,
  chain,
}: {
  runId: string;
  viewBase: string;
  chain: EventChain;
}) {
  const { event } = chain;
  const marks = new Map(chain.hop?.entries.map((e) => [e.principleId, e.kind]) ?? []);
  const base = chain.parents[0];
  return (
    <article aria-label={`Event ${event.id}`} className="space-y-5" data-testid="event-chain">
      <header className="space-y-1">
        <h2 className="text-lg font-medium">
          {event.kind === "mutation" ? "Mutation" : "Crossover"} at step {event.step}{" "}
          <span className="text-sm font-normal text-slate-500">event #{event.id}</span>
        </h2>
        <p className="text-sm" data-testid="event-status">
          {event.status}
          {event.outcome ? ` · ${event.outcome.replace("_", " ")}` : ""}
          {event.failedStage ? ` · failed at ${event.failedStage}` : ""}
          {event.imported ? " · imported (the reference saves no mutation prompts)" : ""}
        </p>
        {event.error ? (
          <p className="rounded bg-rose-50 p-2 text-sm text-rose-800" data-testid="event-error">
            {event.error}
          </p>
        ) : null}
      </header>
      <Stage title={chain.parents.length > 1 ? "Parents" : "Parent"} testId="stage-parent">
        {chain.parents.map((p, i) => (
          <div key={p.programId} className="space-y-1">
            <p className="text-sm">
              {event.kind === "crossover" ? `Set ${String.fromCharCode(65 + i)} · ` : ""}
              <Link className={link} href={promptsHref(viewBase, { program: p.programId })}>
                #{p.programId}
              </Link>{" "}
              <Link className={`${link} text-xs`} href={lineageHref(viewBase, p.programId)}>
                lineage
              </Link>
            </p>
            <Principles principles={p.principles} />
          </div>
        ))}
      </Stage>
      {event.kind === "mutation" ? (
        <MutationStages runId={runId} viewBase={viewBase} chain={chain} />
      ) : (
        <CrossoverStages runId={runId} chain={chain} />
      )}
      <Stage title="Child" testId="stage-child">
        {chain.child ? (
          <>
            <p className="text-sm">
              <Link className={link} href={promptsHref(viewBase, { program: chain.child.programId })}>
                #{chain.child.programId}
              </Link>
              {base ? (
                <>
                  {" · "}
                  <Link
                    className={link}
                    href={promptsHref(viewBase, { a: base.programId, b: chain.child.programId })}
                  >
                    Diff against #{base.programId}
                  </Link>
                </>
              ) : null}
            </p>
            <Principles principles={chain.child.principles} marks={marks} />
          </>
        ) : (
          <p className="text-sm text-slate-500">No child was created.</p>
        )}
      </Stage>
    </article>
  );
}
